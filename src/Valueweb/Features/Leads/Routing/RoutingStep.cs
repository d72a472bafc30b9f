namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// One eligibility step of a <see cref="RoutingPolicy"/>: its <see cref="Kind"/> and the parameter that kind uses
/// (partner types, a minimum tier rank, a competency or a certification); every other parameter stays null.
/// Serialised as e.g. <c>{"kind":"competency","competency":"Cloud migration"}</c>.
/// </summary>
public sealed record RoutingStep
{
    public RoutingStepKind Kind { get; init; }

    /// <summary>For <see cref="RoutingStepKind.PartnerType"/>: the allowed types by their API names ("reseller", "systemIntegrator", ...); any one suffices.</summary>
    public IReadOnlyList<string>? PartnerTypes { get; init; }

    /// <summary>For <see cref="RoutingStepKind.MinimumTier"/>: the lowest tier rank that qualifies (higher rank is a higher tier).</summary>
    public int? MinimumTierRank { get; init; }

    /// <summary>For <see cref="RoutingStepKind.Competency"/>: the competency required (case-insensitive).</summary>
    public string? Competency { get; init; }

    /// <summary>For <see cref="RoutingStepKind.Certification"/>: the certification required (case-insensitive).</summary>
    public string? Certification { get; init; }

    public static RoutingStep Territory() => new() { Kind = RoutingStepKind.Territory };

    public static RoutingStep ProductLine() => new() { Kind = RoutingStepKind.ProductLine };

    public static RoutingStep Segment() => new() { Kind = RoutingStepKind.Segment };

    public static RoutingStep Industry() => new() { Kind = RoutingStepKind.Industry };

    public static RoutingStep PartnerType(params string[] types) => new() { Kind = RoutingStepKind.PartnerType, PartnerTypes = types };

    public static RoutingStep MinimumTier(int rank) => new() { Kind = RoutingStepKind.MinimumTier, MinimumTierRank = rank };

    public static RoutingStep RequireCompetency(string competency) => new() { Kind = RoutingStepKind.Competency, Competency = competency };

    public static RoutingStep RequireCertification(string certification) => new() { Kind = RoutingStepKind.Certification, Certification = certification };
}
