using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class QueryParametersTests
{
    private static QueryParameters Read(string query) =>
        QueryParameters.Read(new QueryCollection(QueryHelpers.ParseQuery(query)), "limit", "filter", "totalItems");

    private static string Refused(Func<object?> read) => Assert.Throws<InputError>(read).Message;

    [Fact]
    public void Unknown_and_wrongly_cased_parameters_are_refused()
    {
        Assert.Equal("Unknown query parameter 'foo'", Refused(() => Read("?foo=1")));
        Assert.Equal("Unknown query parameter 'Limit'", Refused(() => Read("?Limit=1")));
    }

    [Fact]
    public void An_empty_value_is_refused() =>
        Assert.Equal("Empty value found for query parameter 'filter'", Refused(() => Read("?filter=")));

    [Theory]
    [InlineData("?limit=abc", "request/query/limit must be integer")]
    [InlineData("?limit=1.5", "request/query/limit must be integer")]
    [InlineData("?limit=%2B1", "request/query/limit must be integer")]
    [InlineData("?limit=-1", "request/query/limit must be >= 0")]
    [InlineData("?limit=-99999999999", "request/query/limit must be >= 0")]
    [InlineData("?limit=2147483648", "request/query/limit must be <= 2147483647")]
    [InlineData("?limit=1&limit=2", "request/query/limit must be string")]
    public void Integers_are_checked_like_the_OpenAPI_layer(string query, string message) =>
        Assert.Equal(message, Refused(() => Read(query).Integer("limit", 0)));

    [Fact]
    public void Integers_in_range_are_read()
    {
        Assert.Equal(0, Read("?limit=0").Integer("limit", 0));
        Assert.Equal(2147483647, Read("?limit=2147483647").Integer("limit", 0));
        Assert.Null(Read("").Integer("limit", 0));
    }

    [Fact]
    public void Enums_accept_only_their_values()
    {
        Assert.Equal("exclude", Read("?totalItems=exclude").OneOf("totalItems", "include", "exclude"));
        Assert.Equal(
            "request/query/totalItems must be equal to one of the allowed values: include, exclude",
            Refused(() => Read("?totalItems=all").OneOf("totalItems", "include", "exclude")));
    }

    [Fact]
    public void Repeatable_parameters_keep_every_value() =>
        Assert.Equal(["kind=a", "kind=b"], Read("?filter=kind=a&filter=kind=b").List("filter"));
}
