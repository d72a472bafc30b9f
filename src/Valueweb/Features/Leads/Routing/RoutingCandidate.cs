using Valueweb.Features.Partners;

namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// What routing knows of one partner that may receive leads: immutable facts, read from the partner's record,
/// scorecard and tier when the <see cref="RoutingSnapshot"/> is built. Names of segments, competencies and
/// certifications compare case-insensitively; countries are ISO 3166-1 alpha-2 codes.
/// </summary>
public sealed record RoutingCandidate
{
    public required Guid PartnerId { get; init; }

    /// <summary>Display name, for the vendor's explanation.</summary>
    public string Name { get; init; } = "";

    public PartnerTypes Types { get; init; }

    public Guid? TierId { get; init; }

    /// <summary>Rank of the tier (higher is better); 0 without a tier.</summary>
    public int TierRank { get; init; }

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<Guid> ProductLines { get; init; } = [];

    public IReadOnlyList<string> Segments { get; init; } = [];

    public IReadOnlyList<string> Competencies { get; init; } = [];

    public IReadOnlyList<string> Certifications { get; init; } = [];

    /// <summary>The composite performance score of the partner's scorecard, 0–100.</summary>
    public double PerformanceScore { get; init; }

    public IReadOnlyList<GeoPoint> Locations { get; init; } = [];

    /// <summary>Share of the fair rotation relative to equals (2 receives twice as many leads as 1); more than 0.</summary>
    public double FairnessWeight { get; init; } = 1;
}
