using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Modules.Catalog.Domain.Locations;

internal sealed record CatalogYamlLimits(int MaxDocuments, int MaxAliasNodes, int MaxDepth);

// One non-empty document of a catalog file; Number counts every document from 1, empty ones included.
internal sealed record CatalogYamlDocument(int Number, JsonObject Entity);

// A file that is not a usable catalog file; Document is the 1-based document the problem was found in.
internal sealed class CatalogYamlException(int document, string message) : Exception(message)
{
    public int Document { get; } = document;
}

// Reads a multi-document catalog file into JSON objects with YAML 1.2 core-schema scalars, as Backstage's parser does.
// Built from parser events, not a node graph, so aliases are copied under a budget (an alias bomb fails fast instead
// of expanding exponentially) and nesting is bounded without recursion.
internal static partial class CatalogYaml
{
    private const string CoreTag = "tag:yaml.org,2002:";

    public static IReadOnlyList<CatalogYamlDocument> Parse(string text, CatalogYamlLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<CatalogYamlDocument>();
        var number = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (++number > limits.MaxDocuments)
                {
                    throw new CatalogYamlException(number, $"more than {limits.MaxDocuments} YAML documents in one file");
                }

                var root = new DocumentReader(number, limits).Read(parser);
                parser.Consume<DocumentEnd>();
                switch (root)
                {
                    case JsonObject entity:
                        documents.Add(new CatalogYamlDocument(number, entity));
                        break;
                    case null:
                        break; // an empty document, e.g. a trailing "---"
                    default:
                        throw new CatalogYamlException(number, $"expected an object at the root, got {TypeName(root)}");
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (Exception ex) when (ex is not CatalogYamlException)
        {
            // YamlDotNet reports most malformed input as a YamlException, some as an ArgumentException or InvalidOperationException
            throw new CatalogYamlException(Math.Max(number, 1), ex is YamlException ? $"YAML error {ex.Message}" : $"YAML error: {ex.Message}");
        }

        return documents;
    }

    private sealed class DocumentReader(int document, CatalogYamlLimits limits)
    {
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Frame> _open = new();
        private int _aliasNodes;
        private bool _done;
        private JsonNode? _root;

        // Reads one document's root node; the parser is left on the DocumentEnd.
        public JsonNode? Read(IParser parser)
        {
            while (!_done)
            {
                switch (parser.Consume<ParsingEvent>())
                {
                    case Scalar scalar:
                        Complete(scalar.Anchor, new Anchored(ResolveScalar(scalar), 1, scalar.Value));
                        break;
                    case AnchorAlias alias:
                        Alias(alias.Value);
                        break;
                    case MappingStart start:
                        Open(new JsonObject(), start.Anchor);
                        break;
                    case SequenceStart start:
                        Open(new JsonArray(), start.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = _open.Pop();
                        Complete(frame.Anchor, new Anchored(frame.Container, frame.Size, KeyText: null));
                        break;
                    case var other:
                        throw Fail($"unexpected {other.GetType().Name}");
                }
            }

            return _root;
        }

        private void Open(JsonNode container, AnchorName anchor)
        {
            if (_open.Count >= limits.MaxDepth)
            {
                throw Fail($"nested deeper than {limits.MaxDepth} levels");
            }

            _open.Push(new Frame(container, anchor));
        }

        // Aliases are copied, so their size is charged to the document's budget: a few nested aliases can otherwise
        // stand for billions of nodes.
        private void Alias(AnchorName name)
        {
            if (!_anchors.TryGetValue(name.Value, out var anchored))
            {
                throw Fail($"unknown alias *{name.Value}");
            }

            _aliasNodes += anchored.Size;
            if (_aliasNodes > limits.MaxAliasNodes)
            {
                throw Fail($"YAML aliases expand to more than {limits.MaxAliasNodes} nodes");
            }

            Complete(AnchorName.Empty, anchored with { Node = anchored.Node?.DeepClone() });
        }

        // A finished node goes into its parent: an array item, a mapping key (scalars only) or a mapping value.
        private void Complete(AnchorName anchor, Anchored node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            if (!_open.TryPeek(out var parent))
            {
                (_root, _done) = (node.Node, true);
                return;
            }

            parent.Size += node.Size;
            switch (parent.Container)
            {
                case JsonArray array:
                    array.Add(node.Node);
                    break;
                case JsonObject when parent.Key is null:
                    parent.Key = node.KeyText ?? throw Fail("mapping keys must be scalars");
                    break;
                case JsonObject mapping:
                    if (!mapping.TryAdd(parent.Key, node.Node))
                    {
                        throw Fail($"duplicate key '{parent.Key}'");
                    }

                    parent.Key = null;
                    break;
            }
        }

        private CatalogYamlException Fail(string message) => new(document, message);

        // A finished node, the number of nodes it holds, and its text when it is a scalar (which may be a mapping key).
        private sealed record Anchored(JsonNode? Node, int Size, string? KeyText);

        private sealed class Frame(JsonNode container, AnchorName anchor)
        {
            public JsonNode Container { get; } = container;

            public AnchorName Anchor { get; } = anchor;

            public string? Key { get; set; }

            public int Size { get; set; } = 1;
        }
    }

    private static string TypeName(JsonNode node) => node switch
    {
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "boolean",
        },
    };

    // YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones and !!str are strings.
    private static JsonValue? ResolveScalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag == CoreTag + "str" || (tag is null && scalar.Style != ScalarStyle.Plain) || (tag is not null && !tag.StartsWith(CoreTag, StringComparison.Ordinal)))
        {
            return JsonValue.Create(scalar.Value);
        }

        var value = scalar.Value;
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when DecimalInteger().IsMatch(value) => Integer(value.TrimStart('-', '+'), 10, negative: value.StartsWith('-')),
            _ when OctalInteger().IsMatch(value) => Integer(value[2..], 8, negative: false),
            _ when HexInteger().IsMatch(value) => Integer(value[2..], 16, negative: false),
            _ when Float().IsMatch(value) => Number(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ when Special().IsMatch(value) => null, // .inf and .nan have no JSON form; JSON.stringify writes null too
            _ => JsonValue.Create(value),
        };
    }

    // Exact while it fits a long, a double beyond (as a JavaScript number would be); linear in the digits either way.
    private static JsonValue? Integer(string digits, int radix, bool negative)
    {
        long exact = 0;
        double approximate = 0;
        var overflowed = false;
        foreach (var digit in digits)
        {
            var d = digit <= '9' ? digit - '0' : (char.ToLowerInvariant(digit) - 'a') + 10;
            approximate = (approximate * radix) + d;
            overflowed = overflowed || exact > (long.MaxValue - d) / radix;
            exact = overflowed ? 0 : (exact * radix) + d;
        }

        if (!overflowed)
        {
            return JsonValue.Create(negative ? -exact : exact);
        }

        // decimal digits parse correctly rounded; hex and octal this large are not worth the same care
        var magnitude = radix == 10 ? double.Parse(digits, CultureInfo.InvariantCulture) : approximate;
        return Number(negative ? -magnitude : magnitude);
    }

    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")]
    private static partial Regex Special();
}
