using System.Text.Json;

namespace Portal.Host.Tests.Contracts;

public sealed class ContractCheckerTests
{
    private const string Contract = """
        openapi: 3.1.0
        servers:
          - url: https://localhost:7007/api/catalog
        paths:
          /entities/by-name/{kind}/{namespace}/{name}:
            get:
              operationId: getEntityByName
          /locations:
            post:
              operationId: createLocation
            get:
              operationId: getLocations
        """;

    private static readonly IReadOnlyList<ContractOperation> Operations = ContractDocuments.Parse("catalog.openapi.yaml", Contract);

    [Fact]
    public void The_server_url_path_prefixes_every_contract_path()
    {
        var operation = Assert.Single(Operations, o => o.OperationId == "getEntityByName");

        Assert.Equal(("GET", "/api/catalog/entities/by-name/{kind}/{namespace}/{name}"), (operation.Method, operation.Path));
    }

    [Fact]
    public void An_implemented_operation_served_with_the_same_method_and_path_passes() =>
        Assert.Empty(ContractChecker.Mismatches(Operations, Names("getEntityByName"),
            Served("""{"paths":{"/api/catalog/entities/by-name/{kind}/{namespace}/{name}":{"get":{"operationId":"getEntityByName"}}}}""")));

    [Fact]
    public void An_implemented_operation_served_at_another_path_fails()
    {
        var mismatches = ContractChecker.Mismatches(Operations, Names("getEntityByName"),
            Served("""{"paths":{"/api/catalog/entities/by-name/{kind}/{name}":{"get":{}}}}"""));

        var mismatch = Assert.Single(mismatches);
        Assert.Contains("getEntityByName", mismatch);
        Assert.Contains("GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}", mismatch);
    }

    [Fact]
    public void An_implemented_operation_served_with_another_method_fails() =>
        Assert.Single(ContractChecker.Mismatches(Operations, Names("createLocation"),
            Served("""{"paths":{"/api/catalog/locations":{"put":{}}}}""")));

    [Fact]
    public void Operations_no_endpoint_implements_are_not_checked() =>
        Assert.Empty(ContractChecker.Mismatches(Operations, Names("someOtherEndpoint"), Served("""{"paths":{}}""")));

    [Fact]
    public void A_document_without_servers_keeps_its_full_paths()
    {
        var operation = Assert.Single(ContractDocuments.Parse("marketplace.openapi.yaml", """
            paths:
              /api/marketplace/v1/plugins:
                get:
                  operationId: listPlugins
            """));

        Assert.Equal("/api/marketplace/v1/plugins", operation.Path);
    }

    private static HashSet<string> Names(params string[] names) => [.. names];

    private static IReadOnlySet<ServedOperation> Served(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ContractChecker.Served(document);
    }
}
