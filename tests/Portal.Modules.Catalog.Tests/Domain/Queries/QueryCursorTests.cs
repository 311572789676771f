using System.Buffers.Text;
using System.Text;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class QueryCursorTests
{
    private static readonly Guid Uid = Guid.Parse("7c28b081-58c5-4b3b-acf9-76b55d15ee45");

    private static string Forge(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_cursor_carries_the_query_position_direction_and_total()
    {
        var order = new SortOrder("metadata.name", Descending: true);
        var query = new EntityQuery(FilterParameter.Parse(["kind=component,spec.type=service", "kind=api"]), order, FullTextFilter.Create(" Pay ", null, order));
        var cursor = new QueryCursor(query, IsPrevious: true, new SortPosition("payments", Uid), new SortPosition("zeta", Guid.NewGuid()), 42);

        var decoded = QueryCursor.Decode(cursor.Encode());

        Assert.Equal(cursor, decoded);
        Assert.Equal(new FullTextFilter("pay", ["metadata.name"]), decoded.Query.FullText);
    }

    [Fact]
    public void A_cursor_without_sorting_has_no_sort_values()
    {
        var cursor = new QueryCursor(EntityQuery.Everything, IsPrevious: false, new SortPosition(null, Uid), new SortPosition(null, Uid), 0);

        Assert.Equal(cursor, QueryCursor.Decode(cursor.Encode()));
    }

    [Fact]
    public void The_encoding_is_url_safe()
    {
        var cursor = new QueryCursor(EntityQuery.Everything with { Order = new SortOrder("metadata.title", false) }, false,
            new SortPosition("???>>>~~~", Uid), new SortPosition("a", Uid), 1);

        Assert.DoesNotContain(cursor.Encode(), c => c is '+' or '/' or '=');
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("!!!")]
    public void Something_that_is_not_a_cursor_is_a_malformed_cursor(string text) =>
        Assert.StartsWith("Malformed cursor: ", Assert.Throws<InputError>(() => QueryCursor.Decode(text)).Message);

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"query":{"$all":[]},"isPrevious":false,"position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"}}""")]
    [InlineData("""{"query":{"$all":[]},"isPrevious":false,"position":{"uid":"not-a-uid"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1}""")]
    [InlineData("""{"query":{"$all":[]},"isPrevious":"no","position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1}""")]
    [InlineData("""{"query":{"$all":[]},"isPrevious":false,"position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":-1}""")]
    [InlineData("""{"query":{"$all":[]},"isPrevious":false,"position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1,"admin":true}""")]
    [InlineData("""{"query":{"kind":null},"isPrevious":false,"position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1}""")]
    [InlineData("""{"query":{"$all":[]},"orderField":{"field":"metadata.name","order":"up"},"isPrevious":false,"position":{"value":"a","uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"value":"a","uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1}""")]
    [InlineData("""{"query":{"$all":[]},"orderField":{"field":"metadata.name","order":"asc"},"isPrevious":false,"position":{"uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"first":{"value":"a","uid":"7c28b081-58c5-4b3b-acf9-76b55d15ee45"},"totalItems":1}""")]
    public void A_forged_cursor_is_a_malformed_cursor(string json) =>
        Assert.StartsWith("Malformed cursor: ", Assert.Throws<InputError>(() => QueryCursor.Decode(Forge(json))).Message);
}
