using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.Host.Tests.Contracts;

public sealed partial class ContractTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static readonly IReadOnlyList<ContractOperation> Contract = ContractDocuments.LoadAll();

    [Fact]
    public async Task Every_implemented_contract_operation_is_served_with_its_method_and_path()
    {
        var endpointNames = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToHashSet();
        using var openApi = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        Assert.Empty(ContractChecker.Mismatches(Contract, endpointNames, ContractChecker.Served(openApi)));
    }

    [Fact]
    public void The_five_contract_documents_parse() =>
        Assert.Equal(
            ["catalog.openapi.yaml", "fawkes-plugins.openapi.yaml", "marketplace.openapi.yaml", "scaffolder.openapi.yaml", "techdocs.openapi.yaml"],
            Contract.Select(o => o.Document).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Every_operationId_is_camelCase_and_unique_across_the_documents()
    {
        Assert.Empty(Contract.Where(o => !CamelCase().IsMatch(o.OperationId)).Select(o => $"{o.Document}: {o.OperationId}"));
        Assert.Empty(Contract.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_contract_path_lies_under_a_module_base_path()
    {
        var basePaths = app.Services.GetServices<ModuleDescriptor>().Select(m => m.BasePath + "/").ToList();

        Assert.Empty(Contract.Where(o => !basePaths.Any(o.Path.StartsWith)).Select(o => $"{o.Document}: {o.Method} {o.Path}"));
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
