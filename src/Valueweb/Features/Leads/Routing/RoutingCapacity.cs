namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// How many leads a partner may hold open and receive per day; <see cref="Tiers"/> overrides either limit for the
/// partners of a tier (keyed by tier id; a null limit keeps the default). A limit of 0 in an override means the tier
/// receives no routed leads. The database enforces the same limits with a conditional increment when a lead lands.
/// </summary>
public sealed record RoutingCapacity
{
    public int MaxOpenLeads { get; init; } = 10;

    public int DailyQuota { get; init; } = 5;

    public IReadOnlyDictionary<Guid, TierCapacity> Tiers { get; init; } = new Dictionary<Guid, TierCapacity>();

    /// <summary>The open-lead limit for a partner of this tier (null: no tier).</summary>
    public int OpenLeadLimit(Guid? tierId) =>
        tierId is { } t && Tiers.TryGetValue(t, out var o) && o.MaxOpenLeads is { } n ? n : MaxOpenLeads;

    /// <summary>The daily quota for a partner of this tier (null: no tier).</summary>
    public int DailyQuotaFor(Guid? tierId) =>
        tierId is { } t && Tiers.TryGetValue(t, out var o) && o.DailyQuota is { } n ? n : DailyQuota;
}

/// <summary>A tier's own capacity limits; null keeps the policy's default.</summary>
public sealed record TierCapacity
{
    public int? MaxOpenLeads { get; init; }

    public int? DailyQuota { get; init; }
}
