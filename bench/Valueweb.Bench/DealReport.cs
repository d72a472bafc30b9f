namespace Valueweb.Bench;

/// <summary>Prints the deals scenario: each size's figures as it finishes, then the comparison of sizes and the goals.</summary>
public static class DealReport
{
    public const double CheckP99GoalMs = 10;
    public const double GrowthGoal = 2;
    public const double RegistrationsGoal = 2_000;

    public static void PrintRun(TextWriter w, DealRun run, double? loadPeakMiB, bool peakReset)
    {
        w.WriteLine();
        Percentiles.Print(w, run.Results);
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant($"checks answered with at least one conflict: {100 * run.HttpCheck.HitRate:F0} % over HTTP, {100 * run.InProcess.HitRate:F0} % in-process"));
        w.WriteLine("HTTP checks after 200 warm-up, " + run.HttpCheckCold.Cpu!.PerRequest(run.HttpCheckCold.Result.Count));
        w.WriteLine("HTTP checks, JIT settled,     " + run.HttpCheck.Cpu!.PerRequest(run.HttpCheck.Result.Count));
        foreach (var l in run.Levels)
        {
            w.WriteLine(FormattableString.Invariant(
                $"registrations with {l.Clients} clients: {l.Created} created ({l.InConflict} in conflict), {l.Refused} refused as own duplicates (409), {l.Failed} failed"));
            w.WriteLine("  " + l.Cpu.PerRequest(l.Result.Count));
            if (l.FirstFailure is not null) w.WriteLine($"  first failure: {l.FirstFailure}");
        }
        w.WriteLine();
        DealScenario.PrintBreakdown(w, run.InProcess.Traces);
        w.WriteLine();
        PrintRegistrationPath(w, run.RegisterTraces);
        w.WriteLine();
        w.WriteLine($"memory: bench process peak working set {ProcessMemory.Format(loadPeakMiB)} while generating, "
            + (peakReset ? $"{ProcessMemory.Format(run.BenchPeakMiB)} while measuring" : $"(peak not resettable) {ProcessMemory.Format(run.BenchPeakMiB)} overall")
            + $"; application peak RSS (VmHWM) {ProcessMemory.Format(run.AppPeakMiB)}");
    }

    /// <summary>The in-process registrations' SQL by table read first (or statement kind): commands and milliseconds per registration.</summary>
    public static void PrintRegistrationPath(TextWriter w, IReadOnlyList<RegisterTrace> traces)
    {
        if (traces.Count == 0) return;
        static double Ms(SqlTimeline.Span s) => System.Diagnostics.Stopwatch.GetElapsedTime(s.Start, s.End).TotalMilliseconds;
        var n = (double)traces.Count;
        var all = traces.SelectMany(t => t.Spans).ToList();
        var total = traces.Average(t => t.Millis);
        w.WriteLine(FormattableString.Invariant(
            $"in-process registration path ({traces.Count} sequential registrations as one partner, rules + reference checks + RegisterAsync), per registration:"));
        w.WriteLine("statement (first table read)       commands     ms");
        foreach (var g in all.GroupBy(s => s.Table).OrderByDescending(g => g.Sum(Ms)))
            w.WriteLine(FormattableString.Invariant($"{g.Key,-34}  {g.Count() / n,8:F2}  {g.Sum(Ms) / n,5:F2}"));
        var sql = all.Sum(Ms) / n;
        w.WriteLine(FormattableString.Invariant($"{"all SQL (incl. connection, commit)",-34}  {all.Count(s => !s.Table.StartsWith('(') || s.Table is "(advisory locks)" or "(SaveChanges batch)") / n,8:F2}  {sql,5:F2}"));
        w.WriteLine(FormattableString.Invariant($"{"outside SQL (EF Core, JSON, C#)",-34}  {"",8}  {total - sql,5:F2}"));
        w.WriteLine(FormattableString.Invariant($"{"total",-34}  {"",8}  {total,5:F2}"));
    }

    public static void PrintSummary(TextWriter w, IReadOnlyList<DealRun> runs)
    {
        w.WriteLine();
        w.WriteLine("=== deals: summary ===");
        w.WriteLine("(check p50/p99 in ms: after 200 warm-up checks | JIT settled)");
        var header = DealScenario.ClientCounts.Select(n => $"reg/s {n} clients (p50/p99 ms)").ToList();
        w.WriteLine($"registrations  {"in-process check",-27}  {"HTTP check",-27}  {string.Join("  ", header)}  app peak RSS");
        foreach (var r in runs)
        {
            var levels = DealScenario.ClientCounts.Select((n, i) => (r.Levels.FirstOrDefault(l => l.Clients == n) is { } l
                ? FormattableString.Invariant($"{l.Result.PerSecond,6:F0} ({l.Result.P50:F1}/{l.Result.P99:F1})")
                : "n/a").PadRight(header[i].Length));
            w.WriteLine(FormattableString.Invariant(
                $"{r.Size,13:N0}  {Pair(r.InProcessCold, r.InProcess),-27}  {Pair(r.HttpCheckCold, r.HttpCheck),-27}  {string.Join("  ", levels)}  {ProcessMemory.Format(r.AppPeakMiB)}"));
        }
        w.WriteLine();
        var small = runs.MinBy(r => r.Size)!;
        var large = runs.MaxBy(r => r.Size)!;
        var two = runs.Count > 1 && large.Size > small.Size;
        var sizes = FormattableString.Invariant($"{large.Size:N0} / {small.Size:N0}");
        if (two)
        {
            w.WriteLine(FormattableString.Invariant(
                $"p99 ratio ({sizes}), after 200 warm-up: in-process {large.InProcessCold.Result.P99 / small.InProcessCold.Result.P99:F2}, HTTP check {large.HttpCheckCold.Result.P99 / small.HttpCheckCold.Result.P99:F2}"));
            w.WriteLine(FormattableString.Invariant(
                $"p99 ratio ({sizes}), JIT settled:     in-process {large.InProcess.Result.P99 / small.InProcess.Result.P99:F2}, HTTP check {large.HttpCheck.Result.P99 / small.HttpCheck.Result.P99:F2}"));
        }
        w.WriteLine();
        static string Met(bool ok) => ok ? "MET" : "NOT MET";
        var note = large.Size == 1_000_000 ? "" : FormattableString.Invariant($" (stated at 1,000,000; this run's largest size is {large.Size:N0})");
        foreach (var (label, cold) in new[] { ("after 200 warm-up checks", true), ("JIT settled", false) })
        {
            double P99(DealRun r) => (cold ? r.HttpCheckCold : r.HttpCheck).Result.P99;
            w.WriteLine(FormattableString.Invariant(
                $"goal: HTTP check p99 <= {CheckP99GoalMs} ms at 1,000,000 registrations, {label} — {Met(P99(large) <= CheckP99GoalMs)} (p99 = {P99(large):F2} ms){note}"));
            w.WriteLine(two
                ? FormattableString.Invariant(
                    $"goal: HTTP check p99(1M) <= {GrowthGoal} x p99(10k), {label} — {Met(P99(large) <= GrowthGoal * P99(small))} ({sizes}: {P99(large):F2} / {P99(small):F2} ms = {P99(large) / P99(small):F2})")
                : $"goal: p99(1M) <= 2 x p99(10k), {label} — not evaluated (needs two sizes)");
        }
        var best = large.Levels.MaxBy(l => l.Result.PerSecond);
        w.WriteLine(best is null
            ? "goal: >= 2,000 registrations/s — not evaluated (no registrations measured)"
            : FormattableString.Invariant(
                $"goal: >= {RegistrationsGoal:N0} registrations/s through the API — {Met(best.Result.PerSecond >= RegistrationsGoal)} (best {best.Result.PerSecond:F0}/s with {best.Clients} clients at {large.Size:N0}){note}"));
    }

    private static string Pair(CheckPass cold, CheckPass settled) =>
        FormattableString.Invariant($"{cold.Result.P50:F2}/{cold.Result.P99:F2} | {settled.Result.P50:F2}/{settled.Result.P99:F2}");
}
