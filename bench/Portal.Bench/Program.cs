using Portal.Bench;

return args.FirstOrDefault() switch
{
    "bus-latency" => await BusLatency.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/Portal.Bench -c Release -- bus-latency [messages]");
    return 2;
}
