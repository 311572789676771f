using System.Text.Json.Nodes;
using Portal.SharedKernel.Mediator;

namespace Portal.Modules.Catalog.Contracts;

/// <summary>
/// The in-process form of <c>GET /entities/by-query</c>. Each filter is one Backstage filter set
/// (<c>kind=component,spec.type=service</c>); sets are ORed. <see cref="Cursor"/>, when given, carries the
/// original query and the other fields are ignored, as in Backstage.
/// </summary>
public sealed record QueryEntities(
    IReadOnlyList<string>? Filters = null,
    IReadOnlyList<string>? Fields = null,
    int? Limit = null,
    IReadOnlyList<string>? OrderFields = null,
    string? FullTextTerm = null,
    IReadOnlyList<string>? FullTextFields = null,
    string? Cursor = null) : IRequest<EntityPage>;

/// <summary>A page of entities with the total across all pages and the cursors to move on.</summary>
public sealed record EntityPage(IReadOnlyList<JsonObject> Items, int TotalItems, string? NextCursor, string? PrevCursor);
