namespace Valueweb.Features.Leads.Routing;

/// <summary>What routing knows of one lead.</summary>
public sealed record LeadFacts
{
    public Guid LeadId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the customer.</summary>
    public string Country { get; init; } = "";

    /// <summary>The customer's position, when known; without it the distance component is neutral.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Product lines the customer is interested in; a partner carrying any of them qualifies.</summary>
    public IReadOnlyList<Guid> ProductLines { get; init; } = [];

    public string? Segment { get; init; }

    public string? Industry { get; init; }

    /// <summary>Estimated value in minor units of <see cref="Currency"/>; kept with the decision, not used to rank.</summary>
    public long? ValueMinor { get; init; }

    public string? Currency { get; init; }

    /// <summary>Partners that declined this lead or let an offer of it lapse: never offered it again.</summary>
    public IReadOnlyList<Guid> DeclinedOrLapsed { get; init; } = [];

    /// <summary>
    /// Partners the lead is associated with (it sourced or referred the lead, or holds an open deal for the customer):
    /// partners walled from any of them are excluded.
    /// </summary>
    public IReadOnlyList<Guid> AssociatedPartners { get; init; } = [];
}
