using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

// Mangled catalog files: parsing either succeeds or fails with a CatalogYamlException, never with anything else.
public sealed class CatalogYamlFuzzTests
{
    private const string Sample = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: &m
          name: svc-a
          tags: [java, "go", 'x']
          annotations: {a: 1, b: !!str 2}
        spec:
          type: service
          owner: *m
          text: |
            block
          folded: >-
            folded text
        ---
        - item
        ? complex
        : value
        """;

    private const string Alphabet = ":-[]{}&*!|>'\"#%@`?,\n \t\\0.~";

    [Fact]
    public void Mangled_files_fail_only_with_a_CatalogYamlException()
    {
        var random = new Random(20261122);
        var limits = new CatalogYamlLimits(50, 1_000, 20);
        for (var round = 0; round < 5_000; round++)
        {
            var text = Sample.ToCharArray().ToList();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        text.RemoveAt(at);
                        break;
                }
            }

            var mangled = new string([.. text]);
            var error = Record.Exception(() => CatalogYaml.Parse(mangled, limits));
            Assert.True(error is null or CatalogYamlException, $"{error}\n---INPUT---\n{mangled}");
        }
    }
}
