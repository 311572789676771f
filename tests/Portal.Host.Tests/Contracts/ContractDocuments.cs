using YamlDotNet.RepresentationModel;

namespace Portal.Host.Tests.Contracts;

/// <summary>One operation of a contract document, with its full path (the server URL's path prefix + the path key).</summary>
internal sealed record ContractOperation(string Document, string OperationId, string Method, string Path);

/// <summary>Reads the published contracts in openapi/*.yaml.</summary>
internal static class ContractDocuments
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return Path.Combine(directory.FullName, "openapi");
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Portal.sln");
    }

    public static IReadOnlyList<ContractOperation> LoadAll() =>
        Directory.GetFiles(Folder(), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => Parse(Path.GetFileName(file), File.ReadAllText(file)))
            .ToList();

    public static IReadOnlyList<ContractOperation> Parse(string document, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var prefix = ServerPathPrefix(root);
        var paths = (YamlMappingNode)root.Children[new YamlScalarNode("paths")];

        return paths.Children
            .SelectMany(path => ((YamlMappingNode)path.Value).Children
                .Where(operation => Methods.Contains(Scalar(operation.Key)))
                .Select(operation => new ContractOperation(
                    document,
                    OperationId((YamlMappingNode)operation.Value, document, Scalar(path.Key)),
                    Scalar(operation.Key).ToUpperInvariant(),
                    prefix + Scalar(path.Key))))
            .ToList();
    }

    // Backstage's documents put the base path in the server URL (…/api/catalog); ours carry it in every path.
    private static string ServerPathPrefix(YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("servers"), out var servers) || servers is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            return "";
        }

        var url = Scalar(((YamlMappingNode)list.Children[0]).Children[new YamlScalarNode("url")]);
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        return path.TrimEnd('/');
    }

    private static string OperationId(YamlMappingNode operation, string document, string path) =>
        operation.Children.TryGetValue(new YamlScalarNode("operationId"), out var id)
            ? Scalar(id)
            : throw new InvalidOperationException($"{document}: an operation of {path} has no operationId");

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
}
