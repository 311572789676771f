using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class LocationKeyTests
{
    [Theory]
    [InlineData("file", "/tmp/peer-sample/catalog-info.yaml", "generated-bccc43b1a4a3e46d8031c4f094ebca7f200d3709")]
    [InlineData("file", "/tmp/peer-sample/other-catalog-info.yaml", "generated-0b92bf0474b4d76164775bbfb1935be70e704006")]
    [InlineData("url", "https://backstage.io/catalog-info.yaml", "generated-bbad4f61e08f24e25d5c5e68e13e164f760aff06")]
    public void The_generated_name_is_the_one_Backstage_gives(string type, string target, string name) =>
        Assert.Equal(name, new LocationKey(type, target).GeneratedEntityName);

    [Fact]
    public void Parses_at_the_first_colon() =>
        Assert.Equal(new LocationKey("url", "https://host/a:b"), LocationKey.TryParse("url:https://host/a:b", out var key) ? key : null);

    [Theory]
    [InlineData("no-colon")]
    [InlineData(":target")]
    [InlineData("url:")]
    [InlineData(null)]
    public void A_ref_without_type_or_target_does_not_parse(string? text) => Assert.False(LocationKey.TryParse(text, out _));
}
