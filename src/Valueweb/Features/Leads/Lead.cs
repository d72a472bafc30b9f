using Valueweb.Data;

namespace Valueweb.Features.Leads;

/// <summary>Where a lead is in its life: with the vendor, offered to a partner, worked by it, or closed.</summary>
public enum LeadStatus
{
    /// <summary>Scored below the program's threshold: the vendor keeps it (nurture).</summary>
    Nurture = 0,
    /// <summary>Offered to a partner, waiting for it to accept or decline before the deadline.</summary>
    Offered = 1,
    Accepted = 2,
    Contacted = 3,
    Qualified = 4,
    /// <summary>Converted into a deal registration, linked to it.</summary>
    Converted = 5,
    Lost = 6,
    /// <summary>Qualified, but no partner could take it: in the vendor's queue.</summary>
    VendorQueue = 7,
    /// <summary>Qualified, and routed to the vendor's direct sales force.</summary>
    DirectSales = 8,
    /// <summary>Qualified on arrival in bulk (a file import), waiting to be routed by the routing queue's job.</summary>
    Queued = 9,
}

/// <summary>
/// A lead the vendor received (API, web form, import) and distributes to a partner. A partner sees the leads offered
/// to it or accepted by it; once it declines or lets the deadline pass, the lead is no longer its business.
/// </summary>
public sealed class Lead
{
    public Guid Id { get; set; } = Ids.New();
    /// <summary>What identifies the lead for deduplication: the source system's record id, else e-mail and company.</summary>
    public string Identity { get; set; } = "";
    /// <summary>How it arrived: api, webForm, import.</summary>
    public string Channel { get; set; } = "";
    /// <summary>The marketing source ("Trade show", "Web", …) as the sender named it.</summary>
    public string Source { get; set; } = "";
    public string? SourceSystem { get; set; }
    public string? SourceRecordId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Company { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string CountryCode { get; set; } = "";
    public string City { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string Industry { get; set; } = "";
    public string Segment { get; set; } = "";
    public int? Employees { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Estimated value in minor units of <see cref="Currency"/>, when the sender knows it.</summary>
    public long? ValueMinor { get; set; }
    public string Currency { get; set; } = "EUR";

    public int Score { get; set; }
    public bool Qualified { get; set; }
    /// <summary>The qualification rules that fired, as JSON: what the score is made of.</summary>
    public string ScoreReasons { get; set; } = "[]";
    /// <summary>High value: the channel manager and the partner are told, and the vendor helps.</summary>
    public bool RedFlag { get; set; }

    public LeadStatus Status { get; set; }
    /// <summary>The partner it is offered to or worked by; null while the vendor holds it.</summary>
    public Guid? PartnerId { get; set; }
    public int Round { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? DeadlineAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? DealRegistrationId { get; set; }
    /// <summary>The marketing activity (a fund request) that produced the lead.</summary>
    public Guid? FundRequestId { get; set; }
    public string? LostReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The last time its holder reported progress (or took it): reminders count from here.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
    public List<LeadProductLine> ProductLines { get; set; } = [];

    public bool IsWorked => Status is LeadStatus.Accepted or LeadStatus.Contacted or LeadStatus.Qualified;

    public string PersonName => $"{FirstName} {LastName}".Trim();
}

/// <summary>A product line the lead is interested in.</summary>
public sealed class LeadProductLine
{
    public Guid LeadId { get; set; }
    public Guid ProductLineId { get; set; }
}

public enum OfferOutcome
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    /// <summary>The deadline passed without an answer.</summary>
    Lapsed = 3,
    /// <summary>The vendor took the lead back.</summary>
    Withdrawn = 4,
}

/// <summary>One offer of a lead to a partner and how the partner answered: what responsiveness is measured from.</summary>
public sealed class LeadOffer
{
    public Guid Id { get; set; } = Ids.New();
    public Guid LeadId { get; set; }
    public Guid PartnerId { get; set; }
    public int Round { get; set; }
    public DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset DeadlineAt { get; set; }
    public OfferOutcome Outcome { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>A routing decision as it was made: the full explanation (vendor) and the winner's own reason (partner).</summary>
public sealed class LeadRouting
{
    public Guid Id { get; set; } = Ids.New();
    public Guid LeadId { get; set; }
    public int Round { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public Guid? PartnerId { get; set; }
    /// <summary>vendorQueue or directSales when nobody could take it.</summary>
    public string? Fallback { get; set; }
    /// <summary>The decision as JSON: each step with how many candidates it removed, the top candidates, the winner and why.</summary>
    public string Explanation { get; set; } = "{}";
    /// <summary>Why the lead came to the winner, in words that name no other partner.</summary>
    public string WinnerReason { get; set; } = "";
}

/// <summary>
/// A partner's lead load, kept by conditional updates so that two nodes routing at once cannot fill a partner past
/// its capacity: open leads, leads offered today, and all leads ever offered (the fairness counter).
/// </summary>
public sealed class PartnerLeadLoad
{
    public Guid PartnerId { get; set; }
    public int OpenLeads { get; set; }
    public DateOnly Day { get; set; }
    public int DayCount { get; set; }
    public long Assigned { get; set; }
}
