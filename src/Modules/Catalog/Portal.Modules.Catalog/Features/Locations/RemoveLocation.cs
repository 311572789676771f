using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Features.Entities;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// Unregisters a location and, in the same transaction, removes every entity it provided (its own Location entity
// included); an entity is provided by one location only, so nothing another location provides goes. Locations that had
// errors (a conflict over an entity this one held, say) are processed again at once.
// Answers with the refs of the entities removed.
internal sealed record RemoveLocation(string Id) : IRequest<IReadOnlyList<string>>, IRetriedOnConcurrencyConflict;

internal sealed class RemoveLocationHandler(
    IEventSession<CatalogModule> session, EntityWrites writes, NpgsqlDataSource database, LocationProcessingSignal signal) : IRequestHandler<RemoveLocation, IReadOnlyList<string>>
{
    private const string ProvidedSql = "select entity_ref from catalog.location_entities where location_id = $1";

    private const string RecheckSql = """
        update catalog.location_refresh set due_at = now()
        where location_id in (select id from catalog.locations where errors::text <> '[]')
        """;

    public async Task<IReadOnlyList<string>> Handle(RemoveLocation request, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(request.Id, "D", out var id))
        {
            throw NotFound(request.Id);
        }

        IReadOnlyList<string> provided;
        await using (await LocationLock.AcquireAsync(database, id, cancellationToken))
        {
            var stream = await session.Events.FetchForWriting<Location>(id.ToString(), cancellationToken);
            if (stream.Aggregate is not { Removed: false } location)
            {
                throw NotFound(request.Id);
            }

            provided = await ProvidedAsync(id, cancellationToken);
            await writes.RemoveAsync(provided, cancellationToken);
            stream.AppendOne(location.Remove());
            await session.SaveChangesAsync(cancellationToken);
        }

        await using var recheck = database.CreateCommand(RecheckSql);
        if (await recheck.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            signal.Wake();
        }

        return provided;
    }

    private async Task<IReadOnlyList<string>> ProvidedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ProvidedSql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var refs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            refs.Add(reader.GetString(0));
        }

        return refs;
    }

    private static NotFoundError NotFound(string id) => new($"Found no location with ID {id}");
}

internal sealed class RemoveLocationEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/catalog/locations/{id}", HandleAsync)
            .WithName("deleteLocation")
            .WithTags("Locations")
            .WithSummary("Delete location");

    private static async Task<NoContent> HandleAsync(string id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RemoveLocation(id), ct);
        return TypedResults.NoContent();
    }
}
