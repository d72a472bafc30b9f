namespace Valueweb.Bench;

/// <summary>The figures of one scenario: request count, latency percentiles and throughput.</summary>
public sealed record ScenarioResult(string Scenario, int Count, double P50, double P90, double P99, double Max, double PerSecond);

/// <summary>Nearest-rank percentiles over per-request timings, and the plain-text table they print as.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static ScenarioResult Summarise(string scenario, IEnumerable<double> millis, TimeSpan wall)
    {
        var sorted = millis.Order().ToList();
        var perSecond = wall.TotalSeconds > 0 ? sorted.Count / wall.TotalSeconds : 0;
        return new ScenarioResult(scenario, sorted.Count, Of(sorted, 50), Of(sorted, 90), Of(sorted, 99), sorted.Count == 0 ? 0 : sorted[^1], perSecond);
    }

    public static void Print(TextWriter w, IReadOnlyList<ScenarioResult> rows)
    {
        var width = Math.Max("scenario".Length, rows.Max(r => r.Scenario.Length));
        w.WriteLine($"{"scenario".PadRight(width)}  {"count",6}  {"p50 ms",8}  {"p90 ms",8}  {"p99 ms",8}  {"max ms",8}  {"req/s",8}");
        w.WriteLine(new string('-', width + 58));
        foreach (var r in rows)
        {
            w.WriteLine(FormattableString.Invariant(
                $"{r.Scenario.PadRight(width)}  {r.Count,6}  {r.P50,8:F2}  {r.P90,8:F2}  {r.P99,8:F2}  {r.Max,8:F2}  {r.PerSecond,8:F0}"));
        }
    }
}
