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

internal sealed class UpsertEntitiesHandler(IEventSession<CatalogModule> session, EntityWrites writes)
    : IRequestHandler<UpsertEntities, IReadOnlyList<EntityWriteResult>>
{
    public async Task<IReadOnlyList<EntityWriteResult>> Handle(UpsertEntities request, CancellationToken cancellationToken)
    {
        var results = await writes.UpsertAsync(Contents(request), cancellationToken);
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
}
