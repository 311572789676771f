using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain;

namespace Portal.Modules.Catalog.Tests.Domain;

public sealed class CatalogEntityTests
{
    private static readonly Guid Uid = Guid.NewGuid();

    private static EntityContent Content(string owner, string? etag = null)
    {
        var entity = TestEntities.Component("svc-a", owner);
        if (etag is not null)
        {
            entity["metadata"]!["etag"] = etag;
            entity["metadata"]!["uid"] = "given-uid";
        }

        return EntityContent.Of(entity);
    }

    private static CatalogEntity Registered(string owner = "team-a") => CatalogEntity.Create(CatalogEntity.Register(Uid, Content(owner)));

    [Fact]
    public void Registering_records_the_lower_case_ref_the_content_and_its_etag()
    {
        var registered = CatalogEntity.Register(Uid, Content("team-a"));

        Assert.Equal(("component:default/svc-a", Uid), (registered.EntityRef, registered.Uid));
        Assert.Equal(EntityEtag.Of(registered.Hash, EntityEtag.NoRelations), registered.Etag);
        Assert.Equal("team-a", registered.Entity["spec"]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public void The_same_content_is_no_change_whatever_uid_etag_or_key_order_it_comes_with()
    {
        var reordered = JsonNode.Parse("""
            {"spec":{"owner":"team-a","lifecycle":"production","type":"service"},"metadata":{"name":"svc-a"},"kind":"Component","apiVersion":"backstage.io/v1alpha1"}
            """)!.AsObject();

        Assert.Empty(Registered().Update(Content("team-a", etag: "stale")));
        Assert.Empty(Registered().Update(EntityContent.Of(reordered)));
    }

    [Fact]
    public void Changed_content_is_an_update_naming_the_changed_paths()
    {
        var changed = Content("team-b");
        changed.Json["metadata"]!["title"] = "A";

        var update = Assert.IsType<EntityUpdated>(Assert.Single(Registered().Update(changed)));

        Assert.Equal(["metadata.title", "spec.owner"], update.ChangedPaths.Order());
        Assert.NotEqual(Registered().Etag, update.Etag);
    }

    [Fact]
    public void Apply_rebuilds_the_latest_state_and_removal()
    {
        var entity = Registered();
        var update = (EntityUpdated)entity.Update(Content("team-b"))[0];

        var updated = entity.Apply(update);
        var removed = updated.Apply(updated.Remove());

        Assert.Equal((Uid, update.Etag, update.Hash, false), (updated.Uid, updated.Etag, updated.Hash, updated.Removed));
        Assert.Equal("team-b", updated.Content["spec"]!["owner"]!.GetValue<string>());
        Assert.True(removed.Removed);
        Assert.Equal(new EntityRemoved(Uid, "component:default/svc-a"), updated.Remove());
    }
}
