using System.Globalization;
using Valueweb.Features.Partners;

namespace Valueweb.Features.Leads.Routing;

/// <summary>A policy resolved against one snapshot: names interned, limits per tier slot, weights as factors.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(RoutingPolicy policy, RoutingSnapshot snapshot)
    {
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The routing policy is not valid: "
                + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(policy));
        }
        Policy = policy;
        Steps = new CompiledStep[policy.Steps.Count];
        for (var i = 0; i < Steps.Length; i++) Steps[i] = Compile(policy.Steps[i], i, snapshot);

        if (Steps.Length > 0 && Steps[0].Kind is RoutingStepKind.Territory or RoutingStepKind.ProductLine)
        {
            IndexedSteps = Steps.Length > 1 && Steps[1].Kind is RoutingStepKind.Territory or RoutingStepKind.ProductLine ? 2 : 1;
        }

        var capacity = policy.Capacity;
        OpenLeadLimit = new int[snapshot.TierSlotCount + 1];
        DailyQuota = new int[snapshot.TierSlotCount + 1];
        OpenLeadLimit[0] = capacity.MaxOpenLeads;
        DailyQuota[0] = capacity.DailyQuota;
        for (var slot = 0; slot < snapshot.TierSlotCount; slot++)
        {
            OpenLeadLimit[slot + 1] = capacity.MaxOpenLeads;
            DailyQuota[slot + 1] = capacity.DailyQuota;
        }
        foreach (var (tier, limits) in capacity.Tiers)
        {
            var slot = snapshot.TierSlotOf(tier);
            if (slot < 0) continue;
            if (limits.MaxOpenLeads is { } open) OpenLeadLimit[slot + 1] = open;
            if (limits.DailyQuota is { } daily) DailyQuota[slot + 1] = daily;
        }

        var r = policy.Ranking;
        var sum = r.PerformanceWeight + r.DistanceWeight + r.TierWeight;
        PerformanceFactor = sum > 0 ? 100 * r.PerformanceWeight / sum : 0;
        DistanceFactor = sum > 0 ? 100 * r.DistanceWeight / sum : 0;
        TierFactor = sum > 0 ? 100 * r.TierWeight / sum : 0;
        HorizonKm = r.DistanceHorizonKm;
        EqualWithinUnits = (long)Math.Round(r.EqualWithinPoints * 100, MidpointRounding.AwayFromZero);
    }

    public RoutingPolicy Policy { get; }

    public CompiledStep[] Steps { get; }

    /// <summary>How many leading steps (territory, product line) the snapshot's index answers: 0, 1 or 2.</summary>
    public int IndexedSteps { get; }

    /// <summary>Limits by tier slot + 1 (0: partners without a tier).</summary>
    public int[] OpenLeadLimit { get; }

    public int[] DailyQuota { get; }

    /// <summary>Points a component of 1 contributes to the total (100 × weight ÷ sum of weights).</summary>
    public double PerformanceFactor { get; }

    public double DistanceFactor { get; }

    public double TierFactor { get; }

    public double HorizonKm { get; }

    /// <summary><see cref="RoutingRanking.EqualWithinPoints"/> in hundredths of a point.</summary>
    public long EqualWithinUnits { get; }

    private static CompiledStep Compile(RoutingStep step, int index, RoutingSnapshot snapshot)
    {
        var key = RoutingPolicyJson.Name(step.Kind);
        return step.Kind switch
        {
            RoutingStepKind.PartnerType => PartnerTypeStep(step, index, key),
            RoutingStepKind.MinimumTier => new CompiledStep(step.Kind, index, key,
                string.Create(CultureInfo.InvariantCulture, $"tier rank ≥ {step.MinimumTierRank}"), step.MinimumTierRank!.Value, 0),
            RoutingStepKind.Competency => new CompiledStep(step.Kind, index, key, step.Competency!.Trim(), snapshot.CompetencyId(step.Competency), 0),
            RoutingStepKind.Certification => new CompiledStep(step.Kind, index, key, step.Certification!.Trim(), snapshot.CertificationId(step.Certification), 0),
            _ => new CompiledStep(step.Kind, index, key, null, 0, 0),
        };
    }

    private static CompiledStep PartnerTypeStep(RoutingStep step, int index, string key)
    {
        var types = step.PartnerTypes!.Select(t => PartnerTypeNames.Parse(t)!.Value).Distinct().Order().ToList();
        var mask = types.Aggregate(0, (m, t) => m | (int)t);
        return new CompiledStep(step.Kind, index, key, string.Join(", ", types.Select(PartnerTypeNames.Name)), 0, mask);
    }
}

/// <summary>One step resolved: <see cref="Value"/> is the minimum rank or the interned name (−1: nobody has it).</summary>
internal readonly record struct CompiledStep(RoutingStepKind Kind, int PolicyIndex, string Key, string? Parameter, int Value, int Mask);
