using Portal.Bench;

// One static class per benchmark: dotnet run -c Release --project bench/Portal.Bench -- <name> [arguments]
return args.FirstOrDefault() switch
{
    "append" => await AppendBenchmark.RunAsync(),
    "bus-latency" => await BusLatency.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench <benchmark>   benchmarks: append, bus-latency [messages]");
    return 2;
}
