namespace Portal.Modules.Catalog.Domain.Validation;

// Where in Backstage's pipeline a problem would have stopped the entity; validate-entity words each stage differently.
internal enum EntityProblemStage
{
    // The envelope every entity needs: an object with apiVersion, kind and metadata.name.
    Envelope,

    // The entity policies: metadata types, foreign root fields, field formats.
    Policy,

    // No built-in kind matches the kind and apiVersion.
    UnknownKind,

    // The kind's spec schema.
    KindSchema,

    // A spec field that should hold an entity reference does not.
    Relations,
}

// One broken rule: the field it is about (dot path, e.g. "spec.owner", "labels.team") and Backstage's wording of it.
internal sealed record EntityProblem(EntityProblemStage Stage, string Field, string Message);
