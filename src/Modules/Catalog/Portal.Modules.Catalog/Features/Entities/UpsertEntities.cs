using System.Text.Json.Nodes;
using FluentValidation;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Validation;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Features.Entities;

// Writes entities straight into the catalog as one all-or-nothing batch: a new ref starts a stream under a fresh uid,
// changed content appends an update, unchanged content writes nothing. Built for batches of a thousand: one read,
// one save.
internal sealed class UpsertEntitiesValidator : AbstractValidator<UpsertEntities>
{
    public UpsertEntitiesValidator()
    {
        RuleFor(x => x.Entities).NotNull();
        RuleForEach(x => x.Entities).NotNull().WithMessage("an entity must be a JSON object");
    }
}

internal sealed class UpsertEntitiesHandler(IEventSession<CatalogModule> session, NpgsqlDataSource database)
    : IRequestHandler<UpsertEntities, IReadOnlyList<EntityWriteResult>>
{
    // The content of an existing entity is read only when its hash differs: an update needs it for the changed paths.
    private const string ExistingSql = """
        select u.ref, e.uid, e.etag, e.hash, s.version, case when e.hash <> u.hash then e.entity::text end
        from unnest($1::text[], $2::text[]) as u(ref, hash)
        join catalog.entities e on e.entity_ref = u.ref
        join catalog.streams s on s.id = e.uid::text
        """;

    public async Task<IReadOnlyList<EntityWriteResult>> Handle(UpsertEntities request, CancellationToken cancellationToken)
    {
        var contents = Contents(request);
        var existing = await ExistingAsync(contents, cancellationToken);
        var results = new List<EntityWriteResult>(contents.Count);
        foreach (var content in contents)
        {
            var entityRef = content.Ref.ToString();
            if (!existing.TryGetValue(entityRef, out var current))
            {
                var uid = Guid.NewGuid();
                session.Events.StartStream<CatalogEntity>(uid.ToString(), CatalogEntity.Register(uid, content));
                await session.PublishAsync(new EntityUpserted(uid, entityRef, content.Etag, Created: true));
                results.Add(new EntityWriteResult(entityRef, uid, content.Etag, EntityChange.Created));
            }
            else if (current.Hash == content.Hash)
            {
                results.Add(new EntityWriteResult(entityRef, current.Uid, current.Etag, EntityChange.Unchanged));
            }
            else
            {
                session.Events.Append(current.Uid.ToString(), current.Version, [.. current.Aggregate(entityRef).Update(content)]);
                await session.PublishAsync(new EntityUpserted(current.Uid, entityRef, content.Etag, Created: false));
                results.Add(new EntityWriteResult(entityRef, current.Uid, content.Etag, EntityChange.Updated));
            }
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "entities" })
        {
            throw new ConflictError("Another write created one of these entities at the same time; retry the batch", e);
        }

        return results;
    }

    private static List<EntityContent> Contents(UpsertEntities request)
    {
        var contents = request.Entities.Select((entity, index) =>
        {
            var problems = EntityValidator.Validate(entity);
            return problems.Count == 0 ? EntityContent.Of(entity) : throw Invalid(index, entity, problems);
        }).ToList();

        var repeated = contents.GroupBy(c => c.Ref).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? contents : throw new InputError($"Entity {repeated.Key} appears more than once in the batch");
    }

    private static InputError Invalid(int index, JsonObject entity, IReadOnlyList<EntityProblem> problems) =>
        new(
            $"Entity {index} ({EntityIdentity.RefOf(entity)}) is invalid: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"))}",
            problems.Select(p => new FieldError($"entities.{index}.{p.Field}", p.Message)).ToList());

    private async Task<Dictionary<string, Existing>> ExistingAsync(List<EntityContent> contents, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Existing>(StringComparer.Ordinal);
        if (contents.Count == 0)
        {
            return existing;
        }

        await using var command = database.CreateCommand(ExistingSql);
        command.Parameters.Add(new NpgsqlParameter { Value = contents.Select(c => c.Ref.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = contents.Select(c => c.Hash).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing[reader.GetString(0)] = new Existing(
                reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return existing;
    }

    // The read model is written in the same transaction as the events, so it is the aggregate's current state; the
    // append still states the stream version, so a concurrent write fails instead of being overwritten.
    private sealed record Existing(Guid Uid, string Etag, string Hash, long Version, string? Entity)
    {
        public CatalogEntity Aggregate(string entityRef) => new(
            Uid, entityRef, Etag, Hash, EntityContent.Of(JsonNode.Parse(Entity!)!.AsObject()).Json, Removed: false);
    }
}
