using Valueweb.Data;

namespace Valueweb.Features.Deals;

public enum DealStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Expired = 3,
    Won = 4,
    Lost = 5,
    /// <summary>A won deal that was undone (cancelled, refunded); incentives within their window are clawed back.</summary>
    Reversed = 6,
}

public enum ConflictKind
{
    Registration = 0,
    DirectDeal = 1,
    NamedAccount = 2,
    OwnDuplicate = 3,
}

/// <summary>A partner's registration of an opportunity. Owned by <see cref="PartnerId"/>; the registrant keeps referral credit after a reassignment.</summary>
public sealed class DealRegistration
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PartnerId { get; set; }
    public Guid RegisteredByPartnerId { get; set; }
    public Guid? SubmittedByPersonId { get; set; }
    public Guid CustomerAccountId { get; set; }
    public string CustomerName { get; set; } = "";
    public string? CustomerDomain { get; set; }
    public string CustomerCountry { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string? ContactPhone { get; set; }
    public long EstimatedMinor { get; set; }
    public string Currency { get; set; } = "EUR";
    public DateOnly ExpectedCloseDate { get; set; }
    public string Stage { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? ReferredByPartnerId { get; set; }
    public DealStatus Status { get; set; }
    /// <summary>True when an earlier registration, a direct deal or a named account claimed the customer first.</summary>
    public bool InConflict { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset? ProtectedUntil { get; set; }
    public int Extensions { get; set; }
    public long? ActualMinor { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? LostReason { get; set; }
    public DateOnly? ReversedOn { get; set; }
    public string? ReversalReason { get; set; }
    /// <summary>The marketing activity (a fund request) that produced the opportunity.</summary>
    public Guid? FundRequestId { get; set; }
    public long Version { get; set; } = 1;
    public List<DealProductLine> ProductLines { get; set; } = [];
    public List<DealConflict> Conflicts { get; set; } = [];

    public bool IsOpen => Status is DealStatus.Pending or DealStatus.Approved;
}

public sealed class DealProductLine
{
    public Guid RegistrationId { get; set; }
    public Guid ProductLineId { get; set; }
}

/// <summary>A conflict found when the registration was submitted, kept with its score and reason.</summary>
public sealed class DealConflict
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RegistrationId { get; set; }
    public ConflictKind Kind { get; set; }
    public Guid OtherId { get; set; }
    public double Score { get; set; }
    public string Reason { get; set; } = "";
}
