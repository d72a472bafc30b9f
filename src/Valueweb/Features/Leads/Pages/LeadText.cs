using System.Globalization;

namespace Valueweb.Features.Leads.Pages;

/// <summary>How the lead pages put leads into words. UI text lives here, in one place.</summary>
public static class LeadText
{
    public static string Status(string status) => status switch
    {
        "nurture" => "Nurture",
        "offered" => "Offered",
        "accepted" => "Accepted",
        "contacted" => "Contacted",
        "qualified" => "Qualified",
        "converted" => "Converted",
        "lost" => "Lost",
        "vendorQueue" => "Vendor queue",
        "directSales" => "Direct sales",
        "queued" => "Waiting to be routed",
        _ => status,
    };

    public static string Event(string type) => type switch
    {
        "lead.received" => "Received",
        "lead.offered" => "Offered",
        "lead.accepted" => "Accepted",
        "lead.declined" => "Declined",
        "lead.lapsed" => "Deadline passed",
        "lead.contacted" => "Contacted",
        "lead.qualified" => "Qualified",
        "lead.converted" => "Converted into a deal registration",
        "lead.lost" => "Lost",
        "lead.queued" => "Kept by the vendor",
        "lead.redFlagged" => "Red-flagged",
        _ => type,
    };

    public static string Outcome(string outcome) => outcome switch
    {
        "pending" => "Waiting for an answer",
        "accepted" => "Accepted",
        "declined" => "Declined",
        "lapsed" => "No answer in time",
        "withdrawn" => "Withdrawn",
        _ => outcome,
    };

    public static string Percent(double? rate) => rate is { } r ? Math.Round(r * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) + " h" : "—";
}
