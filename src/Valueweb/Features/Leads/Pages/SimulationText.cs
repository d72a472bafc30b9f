using System.Globalization;

namespace Valueweb.Features.Leads.Pages;

/// <summary>How the simulation page puts its figures into words. UI text lives here, in one place.</summary>
public static class SimulationText
{
    public static string Fate(SimulatedFate fate) => fate.Outcome switch
    {
        SimulatedOutcome.Routed => fate.PartnerName ?? "A partner",
        SimulatedOutcome.DirectSales => "Direct sales",
        SimulatedOutcome.VendorQueue => "Vendor queue (no partner could take it)",
        _ => string.Create(CultureInfo.InvariantCulture, $"Not qualified (scores {fate.Score}, needs {fate.Threshold})"),
    };

    /// <summary>A signed change: "+3", "−2", "0".</summary>
    public static string Change(int change) => change switch
    {
        > 0 => "+" + change.ToString(CultureInfo.InvariantCulture),
        < 0 => "−" + (-change).ToString(CultureInfo.InvariantCulture),
        _ => "0",
    };

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
