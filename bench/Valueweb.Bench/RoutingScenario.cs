using System.Diagnostics;
using Valueweb.Features.Leads;
using Valueweb.Features.Leads.Routing;

namespace Valueweb.Bench;

/// <summary>
/// Lead routing in-process, no database: one snapshot of generated partners, one policy, one <see cref="CapacityLedger"/>,
/// and every lead routed in turn through <see cref="RoutingEngine.RouteAsync"/> with a claim that the "database"
/// accepts except for one in <see cref="RefuseEvery"/> (another node took the capacity), so that the engine decides
/// again. The simulated market runs <see cref="LeadsPerPartnerPerDay"/> leads per partner per day (a new day resets
/// the daily quotas), and every routed lead closes again after a quarter of a day to five days' worth of leads.
/// </summary>
public static class RoutingScenario
{
    public const int WarmUp = 20_000;
    public const int RefuseEvery = 250;
    public const int LeadsPerPartnerPerDay = 4;
    public const int ExplainSample = 10_000;
    public const double GoalPerSecond = 20_000;
    public const double GoalP99Millis = 5;

    public static int Run(TextWriter w, int partnerCount, int leadCount, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var data = RoutingGenerator.Generate(partnerCount, 42);
        var snapshot = new RoutingSnapshot(data.Partners, data.Walls);
        var built = clock.Elapsed;
        var heapBefore = GC.GetTotalMemory(true);
        var leads = RoutingGenerator.Leads(data, leadCount, 43);
        var heapLeads = GC.GetTotalMemory(true) - heapBefore;
        var warm = RoutingGenerator.Leads(data, WarmUp, 44);
        w.WriteLine(FormattableString.Invariant(
            $"generated {snapshot.Count:N0} partners in {data.Countries.Count} countries with {data.ProductLines.Count} product lines, {data.Walls.Count} walls, snapshot built in {built.TotalSeconds:F1} s"));
        w.WriteLine(FormattableString.Invariant(
            $"generated {leads.Length:N0} leads ({heapLeads / 1048576.0:F0} MiB of heap) in {(clock.Elapsed - built).TotalSeconds:F1} s; policy: {RoutingPolicyJson.ToJson(data.Policy)}"));

        var perDay = Math.Max(1, partnerCount * LeadsPerPartnerPerDay);
        w.WriteLine(FormattableString.Invariant(
            $"routing {WarmUp:N0} warm-up leads (own ledger), then {leads.Length:N0} measured, one at a time, {perDay:N0} leads a day …"));
        Route(warm, snapshot, data.Policy, new CapacityLedger(), perDay, null, null, new Tally(), ct);

        var ticks = new long[leads.Length];
        var scanned = new int[leads.Length];
        var tally = new Tally();
        var ledger = new CapacityLedger();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peakReset = ProcessMemory.ResetPeak(Environment.ProcessId);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var pauses = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var wall = Stopwatch.StartNew();
        Route(leads, snapshot, data.Policy, ledger, perDay, ticks, scanned, tally, ct);
        wall.Stop();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        pauses = GC.GetTotalPauseDuration() - pauses;
        (gen0, gen1, gen2) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var peak = ProcessMemory.PeakMiB(Environment.ProcessId);
        using var self = Process.GetCurrentProcess();

        var millis = Array.ConvertAll(ticks, t => t * 1000.0 / Stopwatch.Frequency);
        var engineSeconds = millis.Sum() / 1000;
        var bySize = BySize(millis, scanned);
        Array.Sort(millis);
        var p99 = Percentiles.Of(millis, 99);
        var perSecond = leads.Length / wall.Elapsed.TotalSeconds;

        w.WriteLine();
        w.WriteLine("scenario                                   decisions    p50 ms    p90 ms    p99 ms    max ms   decisions/s");
        w.WriteLine(new string('-', 107));
        w.WriteLine(FormattableString.Invariant(
            $"{"RoutingEngine.RouteAsync, sequential",-41}  {leads.Length,10:N0}  {Percentiles.Of(millis, 50),8:F3}  {Percentiles.Of(millis, 90),8:F3}  {p99,8:F3}  {millis[^1],8:F2}  {perSecond,12:N0}"));
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant(
            $"throughput: {perSecond:N0} decisions/s over the wall time of the run ({wall.Elapsed.TotalSeconds:F1} s, with the simulation's own bookkeeping); ")
            + FormattableString.Invariant($"{leads.Length / engineSeconds:N0}/s counting only the time inside the engine ({engineSeconds:F1} s)"));
        w.WriteLine(FormattableString.Invariant(
            $"outcomes: {tally.Routed:N0} routed ({100.0 * tally.Routed / leads.Length:F1} %), {tally.Fallback:N0} to the vendor queue ({100.0 * tally.Fallback / leads.Length:F1} %); ")
            + FormattableString.Invariant($"{tally.Redecided:N0} decided again after a refused claim"));
        w.WriteLine("fallbacks by the step that left nobody: " + string.Join(", ",
            tally.EmptiedBy.OrderByDescending(x => x.Value).Select(x => FormattableString.Invariant($"{x.Key} {x.Value:N0}"))));
        w.WriteLine("partners removed per decision, by step: " + string.Join(", ",
            tally.RemovedBy.Select(x => FormattableString.Invariant($"{x.Key} {x.Value / (double)tally.Decisions:F2}"))));
        w.WriteLine(FormattableString.Invariant(
            $"partners per decision: {tally.FromIndex / (double)tally.Decisions:F0} from the territory × product-line index (max {tally.MaxFromIndex:N0}), ")
            + FormattableString.Invariant($"{tally.Eligible / (double)tally.Decisions:F0} eligible after every step (max {tally.MaxEligible:N0})"));
        w.WriteLine(FormattableString.Invariant(
            $"memory: {allocated / 1048576.0:N0} MiB allocated during the run ({allocated / (double)leads.Length:N0} bytes per decision); ")
            + FormattableString.Invariant($"GCs gen0/gen1/gen2 {gen0}/{gen1}/{gen2}, {pauses.TotalMilliseconds:F0} ms paused"));
        w.WriteLine(FormattableString.Invariant(
            $"         peak working set {(peakReset ? "during the run" : "of the process")} {ProcessMemory.Format(peak ?? self.PeakWorkingSet64 / 1048576.0)} ")
            + FormattableString.Invariant($"(process peak {self.PeakWorkingSet64 / 1048576.0:F0} MiB; managed heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, of which the leads ≈ {heapLeads / 1048576.0:F0} MiB)"));

        w.WriteLine();
        w.WriteLine("decisions by partners from the index (the scan after it, the ranking of the eligible):");
        w.WriteLine("partners from index  decisions   share   mean ms    p50 ms    p99 ms    max ms");
        foreach (var (label, sorted, mean) in bySize)
        {
            w.WriteLine(FormattableString.Invariant(
                $"{label,19}  {sorted.Length,9:N0}  {100.0 * sorted.Length / leads.Length,5:F1} %  {mean,8:F3}  {Percentiles.Of(sorted, 50),8:F3}  {Percentiles.Of(sorted, 99),8:F3}  {sorted[^1],8:F2}"));
        }
        w.WriteLine();
        Explanations(w, leads, snapshot, data.Policy, ledger);

        w.WriteLine();
        var note = partnerCount == 10_000 && leadCount == 1_000_000 ? "" : FormattableString.Invariant($" (the goal is stated for 1,000,000 leads over 10,000 partners; this run: {leadCount:N0} over {partnerCount:N0})");
        w.WriteLine(FormattableString.Invariant($"goal: >= {GoalPerSecond:N0} decisions/s — {(perSecond >= GoalPerSecond ? "MET" : "NOT MET")} ({perSecond:N0}/s){note}"));
        w.WriteLine(FormattableString.Invariant($"goal: p99 of one decision <= {GoalP99Millis:F0} ms — {(p99 <= GoalP99Millis ? "MET" : "NOT MET")} (p99 = {p99:F3} ms)"));
        return 0;
    }

    /// <summary>
    /// Routes <paramref name="leads"/> in order: a new day every <paramref name="perDay"/> leads, due closures released
    /// first, then the lead (timed into <paramref name="ticks"/> when given).
    /// </summary>
    private static void Route(LeadFacts[] leads, RoutingSnapshot snapshot, RoutingPolicy policy, CapacityLedger ledger, int perDay,
        long[]? ticks, int[]? scanned, Tally tally, CancellationToken ct)
    {
        var claims = 0;
        Func<Guid, CancellationToken, ValueTask<bool>> claim = (_, _) => new ValueTask<bool>(++claims % RefuseEvery != 0);
        var closing = new PriorityQueue<Guid, int>(perDay * 6);
        var random = new Random(45);
        for (var i = 0; i < leads.Length; i++)
        {
            if (i > 0 && i % perDay == 0) ledger.StartDay();
            while (closing.TryPeek(out var partner, out var due) && due <= i)
            {
                closing.Dequeue();
                ledger.Release(partner);
            }
            if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();

            var started = Stopwatch.GetTimestamp();
            var pending = RoutingEngine.RouteAsync(leads[i], snapshot, ledger, policy, claim, ct: ct);
            var decision = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (ticks is not null) ticks[i] = elapsed;

            var fromIndex = tally.Add(decision);
            if (scanned is not null) scanned[i] = fromIndex;
            if (decision.WinnerId is { } winner) closing.Enqueue(winner, i + (perDay / 4) + random.Next(perDay * 5));
        }
    }

    /// <summary>Timings grouped by how many partners the index gave the decision: label, sorted millis, mean.</summary>
    private static List<(string Label, double[] Sorted, double Mean)> BySize(double[] millis, int[] scanned)
    {
        int[] bounds = [0, 100, 250, 500, 1000, 2000, int.MaxValue];
        var groups = new List<(string, double[], double)>();
        for (var b = 0; b + 1 < bounds.Length; b++)
        {
            var (from, to) = (bounds[b], bounds[b + 1]);
            var picked = new List<double>();
            for (var i = 0; i < millis.Length; i++)
            {
                if (scanned[i] >= from && scanned[i] < to) picked.Add(millis[i]);
            }
            if (picked.Count == 0) continue;
            var sorted = picked.ToArray();
            Array.Sort(sorted);
            var label = to == int.MaxValue ? FormattableString.Invariant($"{from:N0}+") : FormattableString.Invariant($"{from:N0}–{to - 1:N0}");
            groups.Add((label, sorted, sorted.Average()));
        }
        return groups;
    }

    /// <summary>
    /// The cost of what the application stores with each decision (<see cref="LeadRouter.Explanation"/>: the steps
    /// and candidates as JSON with the vendor's text, and the winner's reasons), on a sample decided again against the
    /// final ledger; measured apart, since the engine builds no text itself.
    /// </summary>
    private static void Explanations(TextWriter w, LeadFacts[] leads, RoutingSnapshot snapshot, RoutingPolicy policy, CapacityLedger ledger)
    {
        var count = Math.Min(ExplainSample, leads.Length);
        var stride = Math.Max(1, leads.Length / count);
        var decide = new double[count];
        var explain = new double[count];
        long chars = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < count; k++)
            {
                var started = Stopwatch.GetTimestamp();
                var decision = RoutingEngine.Decide(leads[k * stride], snapshot, ledger, policy);
                var decided = Stopwatch.GetTimestamp();
                var stored = LeadRouter.Explanation(decision);
                var reason = decision.ExplainToWinner()?.Text ?? "";
                var done = Stopwatch.GetTimestamp();
                decide[k] = (decided - started) * 1000.0 / Stopwatch.Frequency;
                explain[k] = (done - decided) * 1000.0 / Stopwatch.Frequency;
                if (pass == 1) chars += stored.Length + reason.Length;
            }
        }
        Array.Sort(decide);
        Array.Sort(explain);
        w.WriteLine(FormattableString.Invariant(
            $"explanations (sample of {count:N0}, not part of the figures above): Decide p50 {Percentiles.Of(decide, 50):F3} ms / p99 {Percentiles.Of(decide, 99):F3} ms; ")
            + FormattableString.Invariant($"LeadRouter.Explanation + ExplainToWinner p50 {Percentiles.Of(explain, 50):F3} ms / p99 {Percentiles.Of(explain, 99):F3} ms, {chars / count:N0} characters per decision"));
    }

    private sealed class Tally
    {
        public long Decisions;
        public long Routed;
        public long Fallback;
        public long Redecided;
        public long FromIndex;
        public int MaxFromIndex;
        public long Eligible;
        public int MaxEligible;
        public readonly Dictionary<string, long> EmptiedBy = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> RemovedBy = new(StringComparer.Ordinal);

        /// <summary>Counts the decision in; returns how many partners the territory × product-line index gave it.</summary>
        public int Add(RoutingDecision d)
        {
            Decisions++;
            if (d.Outcome == RoutingOutcome.Routed) Routed++;
            else Fallback++;
            if (d.Refused.Count > 0) Redecided++;
            var fromIndex = d.Steps.Count > 1 ? d.Steps[1].After : 0;
            FromIndex += fromIndex;
            MaxFromIndex = Math.Max(MaxFromIndex, fromIndex);
            foreach (var step in d.Steps) RemovedBy[step.Step] = RemovedBy.GetValueOrDefault(step.Step) + step.Removed;
            Eligible += d.Eligible;
            MaxEligible = Math.Max(MaxEligible, d.Eligible);
            if (d.Outcome == RoutingOutcome.Routed) return fromIndex;
            var key = "refused claims";
            foreach (var step in d.Steps)
            {
                if (step.After != 0) continue;
                key = step.Step;
                break;
            }
            EmptiedBy[key] = EmptiedBy.GetValueOrDefault(key) + 1;
            return fromIndex;
        }
    }
}
