using System.Diagnostics;

namespace Portal.Bench;

/// <summary>Sequential latency samples of one operation, one client, after a warm-up that is not counted: a host that
/// just started still compiles its hot paths for seconds (the framework's precompiled code is recompiled optimized).</summary>
internal static class Latency
{
    /// <summary>The operation times itself, so that checking an answer after it arrived is not counted.</summary>
    public static async Task MeasureAsync(string label, TimeSpan warmUp, int samples, Func<Task<TimeSpan>> timedOperation)
    {
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < warmUp)
        {
            await timedOperation();
        }

        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            times[i] = (await timedOperation()).TotalMilliseconds;
        }

        Console.WriteLine(Summary.Of(label, times));
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
