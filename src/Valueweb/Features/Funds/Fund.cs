using Valueweb.Data;

namespace Valueweb.Features.Funds;

/// <summary>
/// Market development funds the vendor sets aside for a period; budgets per partner are allocated from it and never
/// exceed it (<see cref="AllocatedMinor"/> moves by conditional updates only).
/// </summary>
public sealed class FundPool
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string Currency { get; set; } = "EUR";
    public long AmountMinor { get; set; }
    public long AllocatedMinor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>A partner's share of a pool; approved requests commit it (<see cref="CommittedMinor"/> never exceeds <see cref="AmountMinor"/>).</summary>
public sealed class FundBudget
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PoolId { get; set; }
    public Guid PartnerId { get; set; }
    public long AmountMinor { get; set; }
    public long CommittedMinor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A campaign theme of the vendor's: every fund request follows one.</summary>
public sealed class CampaignTheme
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum FundRequestStatus
{
    Submitted = 0,
    Approved = 1,
    Rejected = 2,
    Claimed = 3,
    Reimbursed = 4,
}

/// <summary>A partner's marketing activity asking for funds: plan, dates, amount, theme; approved in full or in part, or rejected with a reason.</summary>
public sealed class FundRequest
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PartnerId { get; set; }
    public Guid BudgetId { get; set; }
    public Guid ThemeId { get; set; }
    public string Title { get; set; } = "";
    public string Plan { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public long RequestedMinor { get; set; }
    public long? ApprovedMinor { get; set; }
    public string Currency { get; set; } = "EUR";
    public FundRequestStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long Version { get; set; } = 1;
}

public enum FundClaimStatus
{
    Submitted = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>After the activity: what it cost, with proof of performance; approval turns it into a payout line.</summary>
public sealed class FundClaim
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RequestId { get; set; }
    public Guid PartnerId { get; set; }
    public string Description { get; set; } = "";
    public long ClaimedMinor { get; set; }
    public long? ApprovedMinor { get; set; }
    public string Currency { get; set; } = "EUR";
    public FundClaimStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public Guid? AccrualId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>A proof file attached to a claim.</summary>
public sealed class FundClaimFile
{
    public Guid ClaimId { get; set; }
    public Guid FileId { get; set; }
}
