namespace Portal.Modules.Catalog.Domain.Relations;

// One directed edge between two entities; both refs are full, lower-case kind:namespace/name.
internal sealed record EntityRelation(string SourceRef, string Type, string TargetRef);

// Backstage's built-in relation types, spelled as the API returns them (camelCase).
internal static class RelationTypes
{
    public const string OwnedBy = "ownedBy";
    public const string OwnerOf = "ownerOf";
    public const string PartOf = "partOf";
    public const string HasPart = "hasPart";
    public const string ProvidesApi = "providesApi";
    public const string ApiProvidedBy = "apiProvidedBy";
    public const string ConsumesApi = "consumesApi";
    public const string ApiConsumedBy = "apiConsumedBy";
    public const string DependsOn = "dependsOn";
    public const string DependencyOf = "dependencyOf";
    public const string MemberOf = "memberOf";
    public const string HasMember = "hasMember";
    public const string ParentOf = "parentOf";
    public const string ChildOf = "childOf";
}
