using System.Text.Json.Nodes;
using Portal.SharedKernel.Mediator;

namespace Portal.Modules.Catalog.Contracts;

/// <summary>One entity by ref (<c>kind:namespace/name</c>, namespace defaults to <c>default</c>), with its relations; null when absent.</summary>
public sealed record GetEntityByRef(string EntityRef) : IRequest<JsonObject?>;
