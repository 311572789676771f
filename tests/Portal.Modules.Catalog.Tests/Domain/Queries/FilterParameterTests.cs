using Portal.Modules.Catalog.Domain.Queries;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class FilterParameterTests
{
    [Fact]
    public void No_filter_matches_everything() =>
        Assert.Equal(EntityPredicate.Everything, FilterParameter.Parse(null));

    [Fact]
    public void Statements_on_different_keys_are_ANDed() =>
        Assert.Equal(
            new AllOf([new FieldIn("kind", ["component"]), new FieldIn("spec.type", ["service"])]),
            FilterParameter.Parse(["kind=component,spec.type=service"]));

    [Fact]
    public void Several_filter_parameters_are_ORed() =>
        Assert.Equal(
            new AnyOf([new FieldIn("kind", ["api"]), new AllOf([new FieldIn("kind", ["domain"]), new FieldIn("spec.type", ["x"])])]),
            FilterParameter.Parse(["kind=api", "kind=domain,spec.type=x"]));

    [Fact]
    public void Values_repeated_for_one_key_form_a_set() =>
        Assert.Equal(new FieldIn("kind", ["api", "domain"]), FilterParameter.Parse(["kind=api,kind=domain,kind=API"]));

    [Fact]
    public void A_bare_key_tests_existence() =>
        Assert.Equal(new FieldExists("metadata.tags"), FilterParameter.Parse(["metadata.tags"]));

    [Fact]
    public void A_bare_key_next_to_values_of_that_key_adds_nothing() =>
        Assert.Equal(new FieldIn("kind", ["api"]), FilterParameter.Parse(["kind,kind=api"]));

    [Fact]
    public void Keys_and_values_are_lower_cased_and_trimmed() =>
        Assert.Equal(new FieldIn("metadata.name", ["payments"]), FilterParameter.Parse([" Metadata.Name = PAYMENTS "]));

    [Fact]
    public void A_value_is_split_at_the_first_equals_sign_only() =>
        Assert.Equal(new FieldIn("relations.ownedby", ["group:default/a=b"]), FilterParameter.Parse(["relations.ownedBy=group:default/a=b"]));

    [Fact]
    public void An_empty_value_matches_the_empty_string() =>
        Assert.Equal(new FieldIn("spec.type", [""]), FilterParameter.Parse(["spec.type="]));

    [Fact]
    public void Empty_statements_are_dropped_and_an_all_empty_filter_matches_everything()
    {
        Assert.Equal(new FieldIn("kind", ["api"]), FilterParameter.Parse([",kind=api,,", ","]));
        Assert.Equal(EntityPredicate.Everything, FilterParameter.Parse([", ,"]));
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("=")]
    [InlineData("kind=api, =b")]
    public void A_statement_without_a_key_is_an_InputError(string filter)
    {
        var error = Assert.Throws<InputError>(() => FilterParameter.Parse([filter]));

        Assert.StartsWith("Invalid filter, '=", error.Message);
        Assert.EndsWith("' is not a valid statement (expected a string on the form a=b or a= or a)", error.Message);
    }
}
