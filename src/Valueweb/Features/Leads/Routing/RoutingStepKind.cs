namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// What an eligibility step of a <see cref="RoutingPolicy"/> requires of a partner. A step compares a fact of the
/// lead with the partner's facts, or a parameter of the step with the partner's facts. A lead that lacks the fact a
/// step compares (no country, no product interest, no segment, no industry) matches no partner on that step: the
/// engine never guesses, so such a lead falls back to the vendor unless the policy leaves that step out.
/// </summary>
public enum RoutingStepKind
{
    /// <summary>The partner covers the lead's country (ISO 3166-1 alpha-2, case-insensitive).</summary>
    Territory = 1,

    /// <summary>The partner carries at least one of the product lines the lead is interested in.</summary>
    ProductLine = 2,

    /// <summary>The partner serves the lead's customer segment.</summary>
    Segment = 3,

    /// <summary>The partner has a competency named like the lead's industry.</summary>
    Industry = 4,

    /// <summary>The partner is at least one of the step's <see cref="RoutingStep.PartnerTypes"/>.</summary>
    PartnerType = 5,

    /// <summary>The partner's tier rank is at least the step's <see cref="RoutingStep.MinimumTierRank"/>.</summary>
    MinimumTier = 6,

    /// <summary>The partner has the step's <see cref="RoutingStep.Competency"/>.</summary>
    Competency = 7,

    /// <summary>The partner holds the step's <see cref="RoutingStep.Certification"/>.</summary>
    Certification = 8,
}
