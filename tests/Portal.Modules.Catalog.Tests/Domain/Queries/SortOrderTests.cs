using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class SortOrderTests
{
    [Theory]
    [InlineData("metadata.name,asc", "metadata.name", false)]
    [InlineData("Metadata.Name,desc", "metadata.name", true)]
    [InlineData("metadata.name", "metadata.name", false)]
    public void An_order_field_names_a_field_and_a_direction(string value, string field, bool descending)
    {
        Assert.True(SortOrder.TryParseOrderFields([value], out var order, out _));
        Assert.Equal(new SortOrder(field, descending), order);
    }

    [Fact]
    public void Only_the_first_order_field_sorts()
    {
        Assert.True(SortOrder.TryParseOrderFields(["kind,desc", "metadata.name,asc"], out var order, out _));
        Assert.Equal(new SortOrder("kind", true), order);
    }

    [Theory]
    [InlineData("metadata.name,sideways")]
    [InlineData("metadata.name,ASC")]
    [InlineData("metadata.name,asc,x")]
    public void An_unknown_direction_is_refused(string value)
    {
        Assert.False(SortOrder.TryParseOrderFields(["kind,asc", value], out _, out var error));
        Assert.Equal("Invalid order field order, must be asc or desc", error);
    }

    [Fact]
    public void An_empty_order_field_is_refused() =>
        Assert.False(SortOrder.TryParseOrderFields([",asc"], out _, out _));

    [Fact]
    public void Legacy_orders_are_direction_colon_field()
    {
        Assert.True(SortOrder.TryParseLegacy(["asc:metadata.name", "desc:Spec.Type"], out var orders, out _));
        Assert.Equal([new SortOrder("metadata.name", false), new SortOrder("spec.type", true)], orders);
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("up:metadata.name")]
    [InlineData("asc:")]
    public void A_malformed_legacy_order_is_refused(string value)
    {
        Assert.False(SortOrder.TryParseLegacy([value], out _, out var error));
        Assert.Equal($"Invalid order parameter \"{value}\", expected \"<asc or desc>:<field name>\"", error);
    }
}
