using System.Text.Json.Nodes;
using Portal.SharedKernel.Mediator;

namespace Portal.Modules.Catalog.Contracts;

/// <summary>Entities by ref in the order asked, null for a ref not in the catalog; <see cref="Fields"/> projects each one.</summary>
public sealed record GetEntitiesByRefs(IReadOnlyList<string> EntityRefs, IReadOnlyList<string>? Fields = null)
    : IRequest<IReadOnlyList<JsonObject?>>;
