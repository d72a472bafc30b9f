namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// Decides where a lead goes, in memory and without side effects on anything but its own scratch space.
/// <para>
/// Order of a decision: the policy's eligibility steps in order; the exclusions (declined or lapsed; walled from an
/// associated partner); capacity (open leads below the limit, leads today below the quota, for the partner's tier);
/// partners the database refused for this lead. The partners left are ranked by total score (see
/// <see cref="RoutingRanking"/>); those within <see cref="RoutingRanking.EqualWithinPoints"/> of the best total are
/// the equals of the best and come first, ordered by the fair rotation: fewest leads in the fairness window per unit
/// of fairness weight (assigned ÷ weight) first, then ascending partner id. Everyone else follows by total
/// (highest first), then the same rotation order. Nothing is random: the same lead, partners, ledger and policy
/// always give the same decision, whatever order the partners were supplied in. With equal weights, equals who keep
/// meeting the same leads never drift more than one lead apart.
/// </para>
/// <para>
/// Thread-safety: decisions on different threads may share a snapshot and a policy, not a ledger.
/// </para>
/// </summary>
public static class RoutingEngine
{
    /// <summary>How many ranked candidates a decision keeps.</summary>
    public const int TopCount = 5;

    private const byte Declined = 1;
    private const byte Walled = 2;
    private const byte RefusedFlag = 4;

    [ThreadStatic]
    private static RoutingScratch? scratch;

    /// <summary>
    /// Decides where <paramref name="lead"/> goes. Does not change the ledger: call <see cref="CapacityLedger.Record"/>
    /// once the assignment has landed, or use <see cref="RouteAsync"/>. <paramref name="refused"/> lists partners the
    /// database refused for this lead (capacity taken by another node meanwhile); they are removed as the last step.
    /// Throws <see cref="ArgumentException"/> for an invalid policy or a lead position out of range.
    /// </summary>
    public static RoutingDecision Decide(LeadFacts lead, RoutingSnapshot snapshot, CapacityLedger ledger, RoutingPolicy policy,
        IReadOnlyCollection<Guid>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(policy);
        if (lead.Location is { IsValid: false }) throw new ArgumentException("The lead's position is out of range.", nameof(lead));

        var cp = snapshot.Compile(policy);
        var s = scratch ??= new RoutingScratch();
        s.Ensure(snapshot.Count);
        try
        {
            return DecideWith(lead, snapshot, ledger, cp, refused, s);
        }
        finally
        {
            s.ClearFlags();
        }
    }

    /// <summary>
    /// Decides and claims: asks <paramref name="claim"/> (the database's conditional increment of the winner's open
    /// and daily counts) to take the lead; on success records it in the ledger and returns the decision; on refusal
    /// decides again without that partner, up to <paramref name="maxAttempts"/> claims, after which the lead falls back.
    /// The returned decision lists the refused partners.
    /// </summary>
    public static async ValueTask<RoutingDecision> RouteAsync(LeadFacts lead, RoutingSnapshot snapshot, CapacityLedger ledger, RoutingPolicy policy,
        Func<Guid, CancellationToken, ValueTask<bool>> claim, int maxAttempts = 10, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        List<Guid>? refused = null;
        while (true)
        {
            var decision = Decide(lead, snapshot, ledger, policy, refused);
            if (decision.WinnerId is not { } winner) return decision;
            if (refused is { } r && r.Count >= maxAttempts)
            {
                return decision with { Outcome = FallbackOf(policy), WinnerId = null, WinnerProductLines = [] };
            }
            if (await claim(winner, ct).ConfigureAwait(false))
            {
                ledger.Record(winner);
                return decision;
            }
            (refused ??= []).Add(winner);
        }
    }

    private static RoutingOutcome FallbackOf(RoutingPolicy policy) =>
        policy.Fallback == RoutingFallback.DirectSales ? RoutingOutcome.DirectSales : RoutingOutcome.VendorQueue;

    private static RoutingDecision DecideWith(LeadFacts lead, RoutingSnapshot snapshot, CapacityLedger ledger, CompiledPolicy cp,
        IReadOnlyCollection<Guid>? refused, RoutingScratch s)
    {
        var steps = cp.Steps;
        Span<int> removed = stackalloc int[steps.Length];
        removed.Clear();

        var facts = new LeadKeys(snapshot.CountryId(lead.Country), snapshot.SegmentId(lead.Segment), snapshot.CompetencyId(lead.Industry),
            s.InternLines(lead.ProductLines, snapshot));

        foreach (var id in lead.DeclinedOrLapsed ?? []) s.Flag(snapshot, id, Declined);
        foreach (var associated in lead.AssociatedPartners ?? [])
        {
            foreach (var ordinal in snapshot.WalledOrdinals(associated)) s.Flag(ordinal, Walled);
        }
        foreach (var id in refused ?? []) s.Flag(snapshot, id, RefusedFlag);

        // Where candidates come from: the index for leading territory / product-line steps, else every partner.
        Span<int> indexedAfter = stackalloc int[2];
        var source = Source(cp, snapshot, facts, s, indexedAfter, out var scanAll);
        var count = scanAll ? snapshot.Count : source.Length;

        var slots = ledger.SlotsFor(snapshot);
        var open = ledger.Open;
        var today = ledger.Today;
        var assigned = ledger.Assigned;
        int declined = 0, walled = 0, full = 0, quota = 0, refusedHere = 0, m = 0;
        var survivors = s.Survivors;
        for (var i = 0; i < count; i++)
        {
            var ordinal = scanAll ? i : source[i];
            var failed = FirstFailing(steps, cp.IndexedSteps, ordinal, snapshot, facts, s);
            if (failed >= 0)
            {
                removed[failed]++;
                continue;
            }
            var flags = s.Flags[ordinal];
            if ((flags & Declined) != 0)
            {
                declined++;
                continue;
            }
            if ((flags & Walled) != 0)
            {
                walled++;
                continue;
            }
            var slot = slots[ordinal];
            var tier = snapshot.TierSlot[ordinal] + 1;
            if (open[slot] >= cp.OpenLeadLimit[tier])
            {
                full++;
                continue;
            }
            if (today[slot] >= cp.DailyQuota[tier])
            {
                quota++;
                continue;
            }
            if ((flags & RefusedFlag) != 0)
            {
                refusedHere++;
                continue;
            }
            survivors[m++] = ordinal;
        }

        // Step results, in the order applied.
        var results = new RoutingStepResult[steps.Length + 4 + (refused is { Count: > 0 } ? 1 : 0)];
        var left = snapshot.Count;
        for (var k = 0; k < steps.Length; k++)
        {
            var gone = k < cp.IndexedSteps ? left - indexedAfter[k] : removed[k];
            results[k] = new RoutingStepResult(steps[k].Key, steps[k].Parameter, k, left, gone);
            left -= gone;
        }
        var r = steps.Length;
        results[r++] = Result("declinedOrLapsed", declined, ref left);
        results[r++] = Result("walled", walled, ref left);
        results[r++] = Result("openLeads", full, ref left);
        results[r++] = Result("dailyQuota", quota, ref left);
        if (r < results.Length) results[r] = Result("refused", refusedHere, ref left);

        // Ranking: totals in hundredths of a point, and the rotation's assigned ÷ weight.
        var units = s.Units;
        var ratio = s.Ratio;
        var best = long.MinValue;
        var lead3 = lead.Location is { } at ? RoutingSnapshot.UnitVector(at) : default;
        var hasPosition = lead.Location is not null;
        for (var j = 0; j < m; j++)
        {
            var ordinal = survivors[j];
            var total = Total(cp, snapshot, ordinal, hasPosition, lead3, out _, out _);
            var u = (long)Math.Round(total * 100, MidpointRounding.AwayFromZero);
            units[j] = u;
            ratio[j] = assigned[slots[ordinal]] / snapshot.Weights[ordinal];
            if (u > best) best = u;
        }
        var threshold = best - cp.EqualWithinUnits;
        Span<int> top = stackalloc int[TopCount];
        int kept = 0, equals = 0;
        for (var j = 0; j < m; j++)
        {
            if (units[j] >= threshold) equals++;
            if (kept == TopCount && !Before(j, top[kept - 1], units, ratio, survivors, threshold)) continue;
            var at2 = kept < TopCount ? kept++ : kept - 1;
            while (at2 > 0 && Before(j, top[at2 - 1], units, ratio, survivors, threshold))
            {
                top[at2] = top[at2 - 1];
                at2--;
            }
            top[at2] = j;
        }

        var ranked = new RankedCandidate[kept];
        for (var t = 0; t < kept; t++)
        {
            var j = top[t];
            var ordinal = survivors[j];
            var candidate = snapshot.At(ordinal);
            Total(cp, snapshot, ordinal, hasPosition, lead3, out var distance, out var km);
            var slot = slots[ordinal];
            var tier = snapshot.TierSlot[ordinal] + 1;
            ranked[t] = new RankedCandidate
            {
                PartnerId = candidate.PartnerId,
                Name = candidate.Name,
                PerformanceScore = candidate.PerformanceScore,
                DistanceKm = double.IsNaN(km) ? null : Math.Round(km, 1),
                TierRank = candidate.TierRank,
                PerformancePoints = Math.Round(cp.PerformanceFactor * snapshot.PerformanceComponent[ordinal], 2),
                DistancePoints = Math.Round(cp.DistanceFactor * distance, 2),
                TierPoints = Math.Round(cp.TierFactor * snapshot.TierComponent[ordinal], 2),
                Total = units[j] / 100.0,
                EqualOfBest = units[j] >= threshold,
                AssignedInWindow = assigned[slot],
                FairnessWeight = candidate.FairnessWeight,
                OpenLeads = open[slot],
                OpenLeadLimit = cp.OpenLeadLimit[tier],
                LeadsToday = today[slot],
                DailyQuota = cp.DailyQuota[tier],
            };
        }

        var routed = kept > 0;
        return new RoutingDecision
        {
            Lead = lead,
            Outcome = routed ? RoutingOutcome.Routed : FallbackOf(cp.Policy),
            WinnerId = routed ? ranked[0].PartnerId : null,
            Steps = results,
            Eligible = m,
            Top = ranked,
            EqualAtTop = equals,
            Ranking = cp.Policy.Ranking,
            WinnerProductLines = routed ? CarriedLines(lead, snapshot.At(survivors[top[0]])) : [],
            Refused = refused is { Count: > 0 } ? [.. refused] : [],
        };
    }

    private static RoutingStepResult Result(string step, int removed, ref int left)
    {
        var result = new RoutingStepResult(step, null, null, left, removed);
        left -= removed;
        return result;
    }

    /// <summary>Whether survivor <paramref name="a"/> ranks before survivor <paramref name="b"/>.</summary>
    private static bool Before(int a, int b, long[] units, double[] ratio, int[] survivors, long threshold)
    {
        var equalA = units[a] >= threshold;
        var equalB = units[b] >= threshold;
        if (equalA != equalB) return equalA;
        if (!equalA && units[a] != units[b]) return units[a] > units[b];
        if (ratio[a] != ratio[b]) return ratio[a] < ratio[b];
        return survivors[a] < survivors[b];
    }

    private static double Total(CompiledPolicy cp, RoutingSnapshot snapshot, int ordinal, bool hasPosition,
        (double X, double Y, double Z) lead, out double distance, out double km)
    {
        distance = 0.5;
        km = double.NaN;
        var from = snapshot.LocationStart[ordinal];
        var to = snapshot.LocationStart[ordinal + 1];
        if (hasPosition && from < to)
        {
            var nearest = double.MaxValue;
            for (var l = from; l < to; l++)
            {
                var dx = snapshot.LocationX[l] - lead.X;
                var dy = snapshot.LocationY[l] - lead.Y;
                var dz = snapshot.LocationZ[l] - lead.Z;
                var chord = (dx * dx) + (dy * dy) + (dz * dz);
                if (chord < nearest) nearest = chord;
            }
            km = 2 * GeoPoint.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(nearest) / 2));
            distance = Math.Max(0, 1 - (km / cp.HorizonKm));
        }
        return (cp.PerformanceFactor * snapshot.PerformanceComponent[ordinal])
            + (cp.DistanceFactor * distance)
            + (cp.TierFactor * snapshot.TierComponent[ordinal]);
    }

    private static int FirstFailing(CompiledStep[] steps, int from, int ordinal, RoutingSnapshot snapshot, in LeadKeys lead, RoutingScratch s)
    {
        for (var k = from; k < steps.Length; k++)
        {
            ref readonly var step = ref steps[k];
            var pass = step.Kind switch
            {
                RoutingStepKind.Territory => Has(snapshot.Countries[ordinal], lead.Country),
                RoutingStepKind.ProductLine => Overlaps(snapshot.Lines[ordinal], s.LeadLines, lead.LineCount),
                RoutingStepKind.Segment => Has(snapshot.Segments[ordinal], lead.Segment),
                RoutingStepKind.Industry => Has(snapshot.Competencies[ordinal], lead.Industry),
                RoutingStepKind.PartnerType => (snapshot.Types[ordinal] & step.Mask) != 0,
                RoutingStepKind.MinimumTier => snapshot.TierRanks[ordinal] >= step.Value,
                RoutingStepKind.Competency => Has(snapshot.Competencies[ordinal], step.Value),
                RoutingStepKind.Certification => Has(snapshot.Certifications[ordinal], step.Value),
                _ => false,
            };
            if (!pass) return k;
        }
        return -1;
    }

    private static bool Has(int[] sorted, int id)
    {
        if (id < 0) return false;
        foreach (var x in sorted)
        {
            if (x == id) return true;
            if (x > id) return false;
        }
        return false;
    }

    private static bool Overlaps(int[] partnerLines, int[] leadLines, int leadCount)
    {
        for (var i = 0; i < leadCount; i++)
        {
            if (Has(partnerLines, leadLines[i])) return true;
        }
        return false;
    }

    /// <summary>The partners the first steps leave, from the index; <paramref name="scanAll"/> when no index applies.</summary>
    private static ReadOnlySpan<int> Source(CompiledPolicy cp, RoutingSnapshot snapshot, in LeadKeys lead, RoutingScratch s,
        Span<int> indexedAfter, out bool scanAll)
    {
        scanAll = cp.IndexedSteps == 0;
        if (scanAll) return default;
        var first = cp.Steps[0].Kind;
        if (cp.IndexedSteps == 1)
        {
            var only = first == RoutingStepKind.Territory ? snapshot.InCountry(lead.Country) : s.UnionOfLines(snapshot, lead.LineCount, -1);
            indexedAfter[0] = only.Length;
            return only;
        }
        indexedAfter[0] = first == RoutingStepKind.Territory
            ? snapshot.InCountry(lead.Country).Length
            : s.UnionOfLines(snapshot, lead.LineCount, -1).Length;
        var both = lead.Country < 0 ? ReadOnlySpan<int>.Empty : s.UnionOfLines(snapshot, lead.LineCount, lead.Country);
        indexedAfter[1] = both.Length;
        return both;
    }

    private static IReadOnlyList<Guid> CarriedLines(LeadFacts lead, RoutingCandidate winner)
    {
        if (lead.ProductLines is not { Count: > 0 }) return [];
        List<Guid>? lines = null;
        foreach (var line in lead.ProductLines)
        {
            if (winner.ProductLines.Contains(line) && !(lines?.Contains(line) ?? false)) (lines ??= []).Add(line);
        }
        return lines is null ? [] : lines;
    }

    /// <summary>The lead's facts as the snapshot's interned ids (−1: no partner has it).</summary>
    private readonly record struct LeadKeys(int Country, int Segment, int Industry, int LineCount);
}
