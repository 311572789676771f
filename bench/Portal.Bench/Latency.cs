using System.Diagnostics;

namespace Portal.Bench;

/// <summary>Sequential latency samples of one operation, one client, after a warm-up that is not counted.</summary>
internal static class Latency
{
    public static async Task<Summary> MeasureAsync(string label, int warmUp, int samples, Func<int, Task> operation)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await operation(i);
        }

        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(warmUp + i);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var summary = Summary.Of(label, times);
        Console.WriteLine(summary);
        return summary;
    }

    internal sealed record Summary(string Label, int Samples, double P50, double P95, double P99, double Max)
    {
        public static Summary Of(string label, double[] times)
        {
            Array.Sort(times);
            double At(double quantile) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(quantile * times.Length) - 1)];
            return new Summary(label, times.Length, At(0.50), At(0.95), At(0.99), times[^1]);
        }

        public override string ToString() =>
            $"{Label}: n={Samples} p50 {P50:F2} ms  p95 {P95:F2} ms  p99 {P99:F2} ms  max {Max:F2} ms";
    }
}
