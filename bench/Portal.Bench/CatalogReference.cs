namespace Portal.Bench;

/// <summary>catalog-yaml &lt;entities&gt; &lt;dir&gt;: the benchmark catalog as 100 YAML files under a root Location, for the real Backstage backend.</summary>
internal static class CatalogYaml
{
    public static int Run(string[] args)
    {
        var root = CatalogData.WriteYamlTree(CatalogData.Generate(int.Parse(args[0])), Path.GetFullPath(args[1]), files: 100);
        Console.WriteLine(root);
        return 0;
    }
}

/// <summary>catalog-latency &lt;base-url&gt; &lt;token&gt;: the one-client by-query measurement against any Backstage-compatible catalog.</summary>
internal static class CatalogLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var queries = new CatalogQueries(args[0], args[1]);
        Console.WriteLine($"services: {await queries.TotalItemsAsync("kind=component,spec.type=service"):N0} of {await queries.TotalItemsAsync("kind=component"):N0} components");
        await queries.RunAsync([], deepPaging: false);
        return 0;
    }
}
