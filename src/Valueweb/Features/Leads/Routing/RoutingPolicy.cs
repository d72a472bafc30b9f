using System.Globalization;
using Valueweb.Features.Partners;

namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// The vendor's lead-routing rules as data (edited as JSON, see <see cref="RoutingPolicyJson"/>). A decision applies,
/// in this order: the eligibility <see cref="Steps"/> in the order given; the exclusions, which always apply
/// (partners that declined the lead or let an offer of it lapse; partners walled from a partner associated with the
/// lead); the <see cref="Capacity"/> limits; then the <see cref="Ranking"/> and, among equals, the fair rotation.
/// When nobody is left the lead goes to the <see cref="Fallback"/>.
/// The outcome does not depend on the order of the steps (each is a filter); the explanation does, since it counts
/// what each step removed from what the steps before it left. Decisions are fastest when the policy starts with
/// <see cref="RoutingStepKind.Territory"/> and/or <see cref="RoutingStepKind.ProductLine"/>: those come from the
/// snapshot's index instead of a pass over every partner.
/// Treat a policy as immutable once it is in use: the engine keeps its compiled form per policy instance.
/// </summary>
public sealed record RoutingPolicy
{
    /// <summary>Most steps a policy may have.</summary>
    public const int MaxSteps = 32;

    public IReadOnlyList<RoutingStep> Steps { get; init; } = [];

    public RoutingFallback Fallback { get; init; } = RoutingFallback.VendorQueue;

    public RoutingRanking Ranking { get; init; } = new();

    public RoutingCapacity Capacity { get; init; } = new();

    /// <summary>What is wrong with this policy, each error named by its JSON field (<c>steps[2].kind</c>); empty when valid.</summary>
    public IReadOnlyList<RoutingPolicyError> Validate()
    {
        var errors = new List<RoutingPolicyError>();
        void Add(string field, string message) => errors.Add(new RoutingPolicyError(field, message));

        if (Steps is null)
        {
            Add("steps", "Steps are required (an empty list routes every lead by ranking alone).");
        }
        else
        {
            if (Steps.Count > MaxSteps) Add("steps", $"At most {MaxSteps} steps.");
            for (var i = 0; i < Steps.Count; i++)
            {
                ValidateStep(Steps[i], $"steps[{i}]", Add);
                for (var j = 0; j < i && Steps[i] is not null; j++)
                {
                    if (Steps[j] is not null && SameStep(Steps[i], Steps[j])) Add($"steps[{i}]", $"Repeats steps[{j}].");
                }
            }
        }

        if (!Enum.IsDefined(Fallback)) Add("fallback", "Must be vendorQueue or directSales.");

        if (Ranking is null)
        {
            Add("ranking", "Ranking is required.");
        }
        else
        {
            Weight(Ranking.PerformanceWeight, "ranking.performanceWeight", Add);
            Weight(Ranking.DistanceWeight, "ranking.distanceWeight", Add);
            Weight(Ranking.TierWeight, "ranking.tierWeight", Add);
            if (!double.IsFinite(Ranking.DistanceHorizonKm) || Ranking.DistanceHorizonKm <= 0 || Ranking.DistanceHorizonKm > 20_100)
            {
                Add("ranking.distanceHorizonKm", "Must be more than 0 and at most 20100 km.");
            }
            if (!double.IsFinite(Ranking.EqualWithinPoints) || Ranking.EqualWithinPoints < 0 || Ranking.EqualWithinPoints > 100)
            {
                Add("ranking.equalWithinPoints", "Must be between 0 and 100 points.");
            }
        }

        if (Capacity is null)
        {
            Add("capacity", "Capacity is required.");
        }
        else
        {
            if (Capacity.MaxOpenLeads < 1) Add("capacity.maxOpenLeads", "Must be at least 1.");
            if (Capacity.DailyQuota < 1) Add("capacity.dailyQuota", "Must be at least 1.");
            if (Capacity.Tiers is null)
            {
                Add("capacity.tiers", "Use an empty object for no tier overrides.");
            }
            else
            {
                foreach (var (tier, limits) in Capacity.Tiers.OrderBy(t => t.Key.ToString()))
                {
                    var field = $"capacity.tiers.{tier}";
                    if (tier == Guid.Empty) Add(field, "Not a tier id.");
                    if (limits is null)
                    {
                        Add(field, "Give maxOpenLeads and/or dailyQuota.");
                        continue;
                    }
                    if (limits.MaxOpenLeads is < 0) Add($"{field}.maxOpenLeads", "Must be 0 or more.");
                    if (limits.DailyQuota is < 0) Add($"{field}.dailyQuota", "Must be 0 or more.");
                }
            }
        }
        return errors;
    }

    private static void ValidateStep(RoutingStep? step, string field, Action<string, string> add)
    {
        if (step is null)
        {
            add(field, "A step is required here.");
            return;
        }
        if (!Enum.IsDefined(step.Kind))
        {
            add($"{field}.kind", "Unknown step kind; use territory, productLine, segment, industry, partnerType, minimumTier, competency or certification.");
            return;
        }
        var kindName = RoutingPolicyJson.Name(step.Kind);

        if (step.Kind == RoutingStepKind.PartnerType)
        {
            if (step.PartnerTypes is not { Count: > 0 })
            {
                add($"{field}.partnerTypes", "Name at least one partner type.");
            }
            else
            {
                for (var i = 0; i < step.PartnerTypes.Count; i++)
                {
                    if (PartnerTypeNames.Parse(step.PartnerTypes[i]) is null)
                    {
                        add($"{field}.partnerTypes[{i}]",
                            $"Unknown partner type; use {string.Join(", ", PartnerTypeNames.All.Select(PartnerTypeNames.Name))}.");
                    }
                }
            }
        }
        else if (step.PartnerTypes is not null)
        {
            add($"{field}.partnerTypes", $"Not used by a {kindName} step.");
        }

        if (step.Kind == RoutingStepKind.MinimumTier)
        {
            if (step.MinimumTierRank is not >= 0) add($"{field}.minimumTierRank", "Give a tier rank of 0 or more.");
        }
        else if (step.MinimumTierRank is not null)
        {
            add($"{field}.minimumTierRank", $"Not used by a {kindName} step.");
        }

        Name(step.Kind == RoutingStepKind.Competency, step.Competency, $"{field}.competency", kindName, add);
        Name(step.Kind == RoutingStepKind.Certification, step.Certification, $"{field}.certification", kindName, add);
    }

    private static void Name(bool used, string? value, string field, string kindName, Action<string, string> add)
    {
        if (!used)
        {
            if (value is not null) add(field, $"Not used by a {kindName} step.");
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            add(field, "Required.");
        }
        else if (value.Length > 200)
        {
            add(field, "At most 200 characters.");
        }
    }

    private static void Weight(double value, string field, Action<string, string> add)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1000) add(field, "Must be a number from 0 to 1000.");
    }

    private static bool SameStep(RoutingStep a, RoutingStep b) =>
        a.Kind == b.Kind
        && a.MinimumTierRank == b.MinimumTierRank
        && string.Equals(a.Competency?.Trim(), b.Competency?.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Certification?.Trim(), b.Certification?.Trim(), StringComparison.OrdinalIgnoreCase)
        && TypeSet(a) == TypeSet(b);

    private static string TypeSet(RoutingStep s) =>
        s.PartnerTypes is null ? "" : string.Join(',', s.PartnerTypes.Select(t => t?.Trim().ToLower(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
}

/// <summary>One problem with a <see cref="RoutingPolicy"/>: the JSON field (<c>steps[2].kind</c>) and what is wrong with it.</summary>
public sealed record RoutingPolicyError(string Field, string Message);
