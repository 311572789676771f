using System.Text;
using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class CatalogYamlTests
{
    private static readonly CatalogYamlLimits Limits = new(MaxDocuments: 5_000, MaxAliasNodes: 10_000, MaxDepth: 50);

    private static IReadOnlyList<CatalogYamlDocument> Parse(string text, CatalogYamlLimits? limits = null) => CatalogYaml.Parse(text, limits ?? Limits);

    private static CatalogYamlException Refused(string text, CatalogYamlLimits? limits = null) =>
        Assert.Throws<CatalogYamlException>(() => Parse(text, limits));

    [Fact]
    public void Reads_every_document_and_numbers_them_counting_empty_ones()
    {
        var documents = Parse("---\na: 1\n---\n---\nb: 2\n---\n");

        Assert.Equal([(1, """{"a":1}"""), (3, """{"b":2}""")], documents.Select(d => (d.Number, d.Entity.ToJsonString())));
    }

    [Fact]
    public void Plain_scalars_follow_the_YAML_1_2_core_schema()
    {
        var entity = Parse("""
            s: hello
            quoted: "3"
            single: 'true'
            tagged: !!str 12
            int: 42
            negative: -7
            octal: 0o17
            hex: 0xff
            float: 1.5
            exp: 1e3
            yes11: yes
            on11: on
            bool: True
            nul: ~
            empty:
            inf: .inf
            date: 2024-01-01
            big: 123456789012345678901234567890
            block: |
              line
            version: 1.10
            """)[0].Entity;

        Assert.Equal(
            """{"s":"hello","quoted":"3","single":"true","tagged":"12","int":42,"negative":-7,"octal":15,"hex":255,"float":1.5,"exp":1000,"yes11":"yes","on11":"on","bool":true,"nul":null,"empty":null,"inf":null,"date":"2024-01-01","big":1.2345678901234568E+29,"block":"line\n","version":1.1}""",
            entity.ToJsonString());
    }

    [Fact]
    public void Anchors_and_aliases_are_copied()
    {
        var entity = Parse("owner: &o team-a\nspec: &s {owner: *o, tags: [a]}\ncopy: *s\n*o : key\n")[0].Entity;

        Assert.Equal("""{"owner":"team-a","spec":{"owner":"team-a","tags":["a"]},"copy":{"owner":"team-a","tags":["a"]},"team-a":"key"}""", entity.ToJsonString());
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_expands()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var error = Refused("kind: Component\n---\n" + bomb);

        Assert.Equal(2, error.Document);
        Assert.Contains("aliases expand to more than 10000 nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_documents_than_the_limit_are_refused()
    {
        var error = Refused(string.Join("\n---\n", Enumerable.Repeat("a: 1", 4)), Limits with { MaxDocuments = 3 });

        Assert.Equal((4, "more than 3 YAML documents in one file"), (error.Document, error.Message));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused()
    {
        var error = Refused(new string('[', 60) + new string(']', 60));

        Assert.Equal("nested deeper than 50 levels", error.Message);
    }

    [Theory]
    [InlineData("a: 1\n---\nkey: [unclosed\n", 2, "YAML error")]
    [InlineData("a: 1\na: 2\n", 1, "duplicate key 'a'")]
    [InlineData("? [a, b]\n: c\n", 1, "mapping keys must be scalars")]
    [InlineData("a: *nowhere\n", 1, "unknown alias *nowhere")]
    [InlineData("a: 1\n---\n- item\n", 2, "expected an object at the root, got array")]
    [InlineData("just text\n", 1, "expected an object at the root, got string")]
    [InlineData("42\n", 1, "expected an object at the root, got number")]
    public void A_broken_document_names_its_number_and_the_problem(string text, int document, string message)
    {
        var error = Refused(text);

        Assert.Equal(document, error.Document);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_referencing_anchor_is_an_unknown_alias() =>
        Assert.StartsWith("unknown alias", Refused("a: &x [*x]\n").Message, StringComparison.Ordinal);
}
