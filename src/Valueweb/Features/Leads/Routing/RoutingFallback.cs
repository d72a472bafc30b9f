namespace Valueweb.Features.Leads.Routing;

/// <summary>Where a lead goes when no partner is left after the steps, exclusions and capacity.</summary>
public enum RoutingFallback
{
    /// <summary>The vendor's own queue, to be qualified again or handed out by hand.</summary>
    VendorQueue = 1,

    /// <summary>The vendor's direct sales force.</summary>
    DirectSales = 2,
}
