using System.Diagnostics;

namespace Portal.Bench;

/// <summary>Concurrent load with hey (Debian's package), which reports requests/s, latency quantiles and status codes.</summary>
internal static class Throughput
{
    public static async Task RunAsync(string url, string token, int clients, int seconds)
    {
        var start = new ProcessStartInfo("hey")
        {
            ArgumentList = { "-z", $"{seconds}s", "-c", clients.ToString(System.Globalization.CultureInfo.InvariantCulture), "-H", $"Authorization: Bearer {token}", url },
            RedirectStandardOutput = true,
        };
        using var hey = Process.Start(start) ?? throw new InvalidOperationException("hey is not installed (apt-get install hey)");
        var report = await hey.StandardOutput.ReadToEndAsync();
        await hey.WaitForExitAsync();
        Console.WriteLine($"throughput, {clients} clients for {seconds} s on {url}:");
        foreach (var line in report.Split('\n').Where(l => l.Contains("Requests/sec", StringComparison.Ordinal)
                     || l.Contains("50%", StringComparison.Ordinal) || l.Contains("95%", StringComparison.Ordinal)
                     || l.Contains("responses", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  {line.Trim()}");
        }
    }
}
