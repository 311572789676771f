using Portal.Bench;

// One static class per benchmark: dotnet run -c Release --project bench/Portal.Bench -- <name> [arguments]
return args.FirstOrDefault() switch
{
    "append" => await AppendBenchmark.RunAsync(),
    "bus-latency" => await BusLatency.RunAsync(args[1..]),
    "catalog" => await CatalogBenchmark.RunAsync(args[1..]),
    "catalog-yaml" => CatalogYaml.Run(args[1..]),
    "catalog-latency" => await CatalogLatency.RunAsync(args[1..]),
    "locations" => await LocationBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench <benchmark>   benchmarks: append, bus-latency [messages], catalog <entities> <Portal.Host.dll> [--explain], catalog-yaml <entities> <dir>, catalog-latency <base-url> <token>, locations <entities> <Portal.Host.dll> <yaml-dir>");
    return 2;
}
