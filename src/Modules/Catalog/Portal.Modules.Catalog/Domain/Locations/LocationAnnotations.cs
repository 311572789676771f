using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Locations;

// The annotations Backstage puts on everything a location emits, and the Location entity that stands for a registered
// location (catalog-behaviour.md §12.1).
internal static class LocationAnnotations
{
    public const string ManagedByLocation = "backstage.io/managed-by-location";
    public const string ManagedByOriginLocation = "backstage.io/managed-by-origin-location";
    public const string ViewUrl = "backstage.io/view-url";
    public const string EditUrl = "backstage.io/edit-url";
    public const string SourceLocation = "backstage.io/source-location";

    // The entity read from `location`, registered as `origin`. Url locations add the view URL and, on GitHub and GitLab,
    // the edit URL and source location. Annotations the entity sets itself win, as in Backstage's merge.
    public static JsonObject Annotate(JsonObject entity, LocationKey location, LocationKey origin, ScmUrls scm)
    {
        List<(string Key, string? Value)> added = [(ManagedByLocation, location.ToString()), (ManagedByOriginLocation, origin.ToString())];
        if (location.Type == LocationKey.Url && Uri.TryCreate(location.Target, UriKind.Absolute, out var url))
        {
            added.AddRange([(ViewUrl, location.Target), (EditUrl, scm.EditUrl(url)), (SourceLocation, scm.SourceLocation(url))]);
        }

        if (entity["metadata"] is not JsonObject metadata || metadata["annotations"] is not (JsonObject or null))
        {
            return entity; // malformed: the validator refuses it, there is nothing sensible to merge into
        }

        var own = metadata["annotations"] as JsonObject ?? new JsonObject();
        var annotations = new JsonObject();
        foreach (var (key, value) in added)
        {
            if (value is not null && !own.ContainsKey(key))
            {
                annotations[key] = value;
            }
        }

        foreach (var (key, value) in own)
        {
            annotations[key] = value?.DeepClone();
        }

        metadata["annotations"] = annotations;
        return entity;
    }

    // The Location entity named generated-<sha1 of "type:target"> in the default namespace.
    public static JsonObject GeneratedLocation(LocationKey key, string? presence, ScmUrls scm)
    {
        var spec = new JsonObject { ["type"] = key.Type, ["target"] = key.Target };
        if (presence is not null)
        {
            spec["presence"] = presence;
        }

        var entity = new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Location",
            ["metadata"] = new JsonObject { ["name"] = key.GeneratedEntityName, ["namespace"] = EntityRef.DefaultNamespace },
            ["spec"] = spec,
        };
        return Annotate(entity, key, key, scm);
    }
}
