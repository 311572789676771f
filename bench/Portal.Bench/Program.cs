using Portal.Bench;

// One static class per benchmark: dotnet run -c Release --project bench/Portal.Bench -- <name>
return args.FirstOrDefault() switch
{
    "append" => await AppendBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench <benchmark>   benchmarks: append");
    return 2;
}
