using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Partners;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Pages;

/// <summary>
/// The routing policy as the rules and simulation pages edit it, as plain fields: eligibility steps as numbered rows
/// (one empty row to add a step), capacity with per-tier overrides, ranking weights and the fallback.
/// </summary>
public sealed class RoutingForm
{
    public List<StepRow> Steps { get; set; } = [];
    public string MaxOpenLeads { get; set; } = "";
    public string DailyQuota { get; set; } = "";
    public List<TierLimitRow> TierLimits { get; set; } = [];
    public string PerformanceWeight { get; set; } = "";
    public string DistanceWeight { get; set; } = "";
    public string TierWeight { get; set; } = "";
    public string DistanceHorizonKm { get; set; } = "";
    public string EqualWithinPoints { get; set; } = "";
    public string Fallback { get; set; } = "";

    public sealed class StepRow
    {
        public string Position { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Parameter { get; set; } = "";
    }

    public sealed class TierLimitRow
    {
        public string TierId { get; set; } = "";
        public string MaxOpenLeads { get; set; } = "";
        public string DailyQuota { get; set; } = "";
    }

    /// <summary>The step kinds in the order the form offers them, with what each requires of a partner.</summary>
    public static IReadOnlyList<(string Kind, string Label)> Kinds { get; } =
    [
        ("territory", "Covers the lead's country"),
        ("productLine", "Carries a product line the lead wants"),
        ("segment", "Serves the lead's segment"),
        ("industry", "Has the lead's industry as a competency"),
        ("partnerType", "Is one of these partner types"),
        ("minimumTier", "Has at least this tier"),
        ("competency", "Has this competency"),
        ("certification", "Holds this certification"),
    ];

    public static RoutingForm From(RoutingPolicy policy, IReadOnlyList<TierChoice> tiers)
    {
        var form = new RoutingForm
        {
            Steps = policy.Steps.Select((s, i) => new StepRow { Position = FormValues.Text(i + 1), Kind = RoutingPolicyJson.Name(s.Kind), Parameter = Parameter(s, tiers) }).ToList(),
            MaxOpenLeads = FormValues.Text(policy.Capacity.MaxOpenLeads),
            DailyQuota = FormValues.Text(policy.Capacity.DailyQuota),
            TierLimits = tiers.Select(t => policy.Capacity.Tiers.TryGetValue(t.Id, out var c)
                ? new TierLimitRow { TierId = t.Id.ToString(), MaxOpenLeads = FormValues.Text(c.MaxOpenLeads), DailyQuota = FormValues.Text(c.DailyQuota) }
                : new TierLimitRow { TierId = t.Id.ToString() }).ToList(),
            PerformanceWeight = FormValues.Text(policy.Ranking.PerformanceWeight),
            DistanceWeight = FormValues.Text(policy.Ranking.DistanceWeight),
            TierWeight = FormValues.Text(policy.Ranking.TierWeight),
            DistanceHorizonKm = FormValues.Text(policy.Ranking.DistanceHorizonKm),
            EqualWithinPoints = FormValues.Text(policy.Ranking.EqualWithinPoints),
            Fallback = policy.Fallback == RoutingFallback.DirectSales ? "directSales" : "vendorQueue",
        };
        form.Steps.Add(new StepRow { Position = FormValues.Text(form.Steps.Count + 1) });
        return form;
    }

    /// <summary>The tier row of a tier (an empty one when the form did not send it).</summary>
    public TierLimitRow LimitsOf(TierChoice tier) => TierLimits.FirstOrDefault(r => r?.TierId == tier.Id.ToString()) is { } row
        ? new TierLimitRow { TierId = row.TierId, MaxOpenLeads = row.MaxOpenLeads ?? "", DailyQuota = row.DailyQuota ?? "" }
        : new TierLimitRow { TierId = tier.Id.ToString() };

    /// <summary>
    /// Reads the fields into a policy, adding an error named like the API's (<c>routing.steps[1].minimumTierRank</c>)
    /// for what cannot be read; such a value is left empty (or 0), for the policy's own checks to leave alone. The steps
    /// are renumbered in their new order first, so that step n of the errors is row n.
    /// </summary>
    public RoutingPolicy ToPolicy(IReadOnlyList<TierChoice> tiers, FieldErrors errors)
    {
        var rows = FormValues.Ordered(Steps, s => s.Position, s => string.IsNullOrWhiteSpace(s.Kind) && string.IsNullOrWhiteSpace(s.Parameter));
        Steps = [.. rows.Select((r, i) => new StepRow { Position = FormValues.Text(i + 1), Kind = r.Kind ?? "", Parameter = r.Parameter ?? "" }),
            new StepRow { Position = FormValues.Text(rows.Count + 1) }];
        var steps = rows.Select((row, i) => Step(row, $"routing.steps[{i}]", tiers, errors)).ToList();
        var limits = new Dictionary<Guid, TierCapacity>();
        TierLimits = tiers.Select(LimitsOf).ToList();
        foreach (var tier in tiers)
        {
            var row = LimitsOf(tier);
            var open = FormValues.OptionalWhole(row.MaxOpenLeads, $"routing.capacity.tiers.{tier.Id}.maxOpenLeads", errors);
            var daily = FormValues.OptionalWhole(row.DailyQuota, $"routing.capacity.tiers.{tier.Id}.dailyQuota", errors);
            if (open is not null || daily is not null) limits[tier.Id] = new TierCapacity { MaxOpenLeads = open, DailyQuota = daily };
        }
        var capacity = new RoutingCapacity
        {
            MaxOpenLeads = FormValues.Whole(MaxOpenLeads, "routing.capacity.maxOpenLeads", errors),
            DailyQuota = FormValues.Whole(DailyQuota, "routing.capacity.dailyQuota", errors),
            Tiers = limits,
        };
        var ranking = new RoutingRanking
        {
            PerformanceWeight = FormValues.Number(PerformanceWeight, "routing.ranking.performanceWeight", errors),
            DistanceWeight = FormValues.Number(DistanceWeight, "routing.ranking.distanceWeight", errors),
            TierWeight = FormValues.Number(TierWeight, "routing.ranking.tierWeight", errors),
            DistanceHorizonKm = FormValues.Number(DistanceHorizonKm, "routing.ranking.distanceHorizonKm", errors),
            EqualWithinPoints = FormValues.Number(EqualWithinPoints, "routing.ranking.equalWithinPoints", errors),
        };
        var fallback = Fallback switch { "vendorQueue" => RoutingFallback.VendorQueue, "directSales" => RoutingFallback.DirectSales, _ => default };
        return new RoutingPolicy { Steps = steps, Capacity = capacity, Ranking = ranking, Fallback = fallback };
    }

    private static RoutingStep Step(StepRow row, string at, IReadOnlyList<TierChoice> tiers, FieldErrors errors)
    {
        var parameter = row.Parameter?.Trim() ?? "";
        if (!Enum.TryParse<RoutingStepKind>(row.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(row.Kind, out _))
        {
            errors.Add(at + ".kind", "Choose what this step requires of a partner.");
            return new RoutingStep();
        }
        switch (kind)
        {
            case RoutingStepKind.PartnerType:
                return new RoutingStep { Kind = kind, PartnerTypes = FormValues.List(parameter).Select(TypeName).ToList() };
            case RoutingStepKind.MinimumTier:
                if (parameter.Length == 0) return new RoutingStep { Kind = kind };
                var rank = int.TryParse(parameter, out var n) ? n : tiers.FirstOrDefault(t => string.Equals(t.Name, parameter, StringComparison.OrdinalIgnoreCase))?.Rank;
                if (rank is null) errors.Add(at + ".minimumTierRank", $"Name a tier ({string.Join(", ", tiers.Select(t => t.Name))}) or give a tier rank.");
                return new RoutingStep { Kind = kind, MinimumTierRank = rank };
            case RoutingStepKind.Competency:
                return new RoutingStep { Kind = kind, Competency = parameter };
            case RoutingStepKind.Certification:
                return new RoutingStep { Kind = kind, Certification = parameter };
            default:
                if (parameter.Length > 0) errors.Add(at + ".parameter", "This step compares the lead with the partner and takes no value: leave it empty.");
                return new RoutingStep { Kind = kind };
        }
    }

    /// <summary>A partner type by its API name or its label ("System integrator" = systemIntegrator); unknown text stays as typed.</summary>
    private static string TypeName(string text) =>
        PartnerTypeNames.All.Where(t => string.Equals(PartnerTypeNames.Label(t), text, StringComparison.OrdinalIgnoreCase)).Select(PartnerTypeNames.Name).FirstOrDefault() ?? text;

    private static string Parameter(RoutingStep step, IReadOnlyList<TierChoice> tiers) => step.Kind switch
    {
        RoutingStepKind.PartnerType => FormValues.Join(step.PartnerTypes),
        RoutingStepKind.MinimumTier => tiers.FirstOrDefault(t => t.Rank == step.MinimumTierRank)?.Name ?? FormValues.Text(step.MinimumTierRank),
        RoutingStepKind.Competency => step.Competency ?? "",
        RoutingStepKind.Certification => step.Certification ?? "",
        _ => "",
    };
}
