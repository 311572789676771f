using System.Text.Json;

namespace Portal.Host.Tests.Contracts;

/// <summary>A method and path the running host documents in /openapi/v1.json.</summary>
internal sealed record ServedOperation(string Method, string Path);

/// <summary>
/// Compares the published contracts with the running host: every contract operation whose operationId names a host
/// endpoint must be served with the same method and path.
/// </summary>
internal static class ContractChecker
{
    public static IReadOnlyList<string> Mismatches(
        IEnumerable<ContractOperation> contract, IReadOnlySet<string> endpointNames, IReadOnlySet<ServedOperation> served) =>
        contract
            .Where(operation => endpointNames.Contains(operation.OperationId))
            .Where(operation => !served.Contains(new ServedOperation(operation.Method, Normalize(operation.Path))))
            .Select(operation =>
                $"{operation.Document}: '{operation.OperationId}' is implemented, but the host does not serve {operation.Method} {operation.Path}")
            .ToList();

    public static IReadOnlySet<ServedOperation> Served(JsonDocument openApi) =>
        openApi.RootElement.TryGetProperty("paths", out var paths)
            ? paths.EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject()
                    .Where(member => member.Value.ValueKind == JsonValueKind.Object && member.Name != "parameters")
                    .Select(method => new ServedOperation(method.Name.ToUpperInvariant(), Normalize(path.Name))))
                .ToHashSet()
            : new HashSet<ServedOperation>();

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
