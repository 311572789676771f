using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench;

/// <summary>
/// Concurrent load from Debian's load generators, one after the other on the same warmed host: wrk (C, event loop)
/// leaves the two cores to the host and PostgreSQL; hey (Go) takes about a quarter of them itself and so reports less.
/// Both print requests/s and latency quantiles; a non-2xx answer is printed, never counted as throughput.
/// </summary>
internal static class Throughput
{
    public static async Task RunAsync(string url, string token, int clients, int seconds)
    {
        var count = clients.ToString(CultureInfo.InvariantCulture);
        await RunAsync(
            $"wrk, {clients} connections for {seconds} s on {url}",
            "wrk",
            ["-t2", $"-c{count}", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {token}", url],
            line => line.StartsWith("Requests/sec", StringComparison.Ordinal) || line.StartsWith("50%", StringComparison.Ordinal)
                    || line.StartsWith("90%", StringComparison.Ordinal) || line.StartsWith("99%", StringComparison.Ordinal)
                    || line.Contains("requests in", StringComparison.Ordinal) || line.Contains("Non-2xx", StringComparison.Ordinal)
                    || line.Contains("errors", StringComparison.Ordinal));
        await RunAsync(
            $"hey, {clients} clients for {seconds} s on {url}",
            "hey",
            ["-z", $"{seconds}s", "-c", count, "-H", $"Authorization: Bearer {token}", url],
            line => line.Contains("Requests/sec", StringComparison.Ordinal) || line.Contains("50%", StringComparison.Ordinal)
                    || line.Contains("95%", StringComparison.Ordinal) || line.Contains("responses", StringComparison.Ordinal)
                    || line.Contains("Error", StringComparison.Ordinal));
    }

    private static async Task RunAsync(string title, string tool, string[] arguments, Func<string, bool> reported)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} is not installed (apt-get install {tool})");
        var report = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine($"throughput with {title}:");
        foreach (var line in report.Split('\n').Select(l => l.Trim()).Where(reported))
        {
            Console.WriteLine($"  {line}");
        }
    }
}
