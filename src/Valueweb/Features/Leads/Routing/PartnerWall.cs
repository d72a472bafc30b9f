namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// A wall the vendor agreed between two competing partners: a lead associated with one of them (sourced or referred
/// by it, or for a customer it holds an open deal with) is never routed to the other. Walls work both ways.
/// </summary>
public sealed record PartnerWall(Guid PartnerA, Guid PartnerB);
