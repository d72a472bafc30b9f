using Valueweb.Data;

namespace Valueweb.Features.Incentives;

public enum AccrualKind
{
    Earning = 0,
    Clawback = 1,
    Adjustment = 2,
    /// <summary>Market development funds paid back on an approved claim.</summary>
    FundReimbursement = 3,
}

/// <summary>Where a line stands on the way to the partner's bank; not stored on the line but read from its payout batch.</summary>
public enum AccrualStatus
{
    Accrued = 0,
    Approved = 1,
    Paid = 2,
}

/// <summary>
/// One line a partner earned (or gives back), with everything that explains it: the rule, the base, the exchange rate,
/// the rate, the split share and the tier multiplier. Lines are never changed in amount or deleted; a clawback or an
/// adjustment is a line of its own. A line belongs to at most one payout batch (<see cref="PayoutBatchLine"/>), and its
/// status is its batch's: approving or paying a batch of a million lines changes one row.
/// </summary>
public sealed class Accrual
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PartnerId { get; set; }
    /// <summary>The incentive program; none for a fund reimbursement.</summary>
    public Guid? ProgramId { get; set; }
    public Guid? RuleId { get; set; }
    public Guid? RegistrationId { get; set; }
    public AccrualKind Kind { get; set; }
    public IncentiveRuleKind? RuleKind { get; set; }
    public string RuleName { get; set; } = "";
    /// <summary>The deal's value in its own currency.</summary>
    public long BaseMinor { get; set; }
    public string BaseCurrency { get; set; } = "";
    /// <summary>The exchange rate from the base currency to <see cref="Currency"/>, times 1,000,000 (1,000,000 when they are the same).</summary>
    public long ExchangeRateMicros { get; set; }
    public long RatePpm { get; set; }
    public int ShareBasisPoints { get; set; }
    public int MultiplierPermille { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public string Explanation { get; set; } = "";
    public DateOnly EarnedOn { get; set; }
    /// <summary>The month the line belongs to, "2026-11".</summary>
    public string Period { get; set; } = "";
    public bool Disputed { get; set; }
    public Guid? ReversesId { get; set; }
    /// <summary>The fund claim a reimbursement pays.</summary>
    public Guid? FundClaimId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string PeriodOf(DateOnly day) => $"{day.Year:D4}-{day.Month:D2}";
}

public enum DisputeStatus
{
    Open = 0,
    Upheld = 1,
    Rejected = 2,
}

/// <summary>A partner's objection to one line, and finance's answer; an upheld dispute may add an adjustment line.</summary>
public sealed class AccrualDispute
{
    public Guid Id { get; set; } = Ids.New();
    public Guid AccrualId { get; set; }
    public Guid PartnerId { get; set; }
    public string Comment { get; set; } = "";
    public Guid? OpenedByPersonId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DisputeStatus Status { get; set; }
    public string? Resolution { get; set; }
    public Guid? ResolvedByPersonId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? AdjustmentId { get; set; }
    public long Version { get; set; } = 1;
}

public enum PayoutBatchStatus
{
    Draft = 0,
    Approved = 1,
    Paid = 2,
    Discarded = 3,
}

/// <summary>Finance's payout of every payable line up to a period: built, reviewed, approved, then marked paid, each step once.</summary>
public sealed class PayoutBatch
{
    public Guid Id { get; set; } = Ids.New();
    public string Period { get; set; } = "";
    public PayoutBatchStatus Status { get; set; }
    public int LineCount { get; set; }
    public int PartnerCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByPersonId { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public Guid? ApprovedByPersonId { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public Guid? PaidByPersonId { get; set; }
    public string? PaymentReference { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>
/// A line's place in a payout batch. The key is the line, so no line is ever in two batches; discarding a batch deletes
/// its rows and the lines become payable again. No foreign keys: the build, the only writer, inserts millions of rows at
/// once and the per-row checks would be most of its time; the batch's own guarded transaction keeps them consistent.
/// </summary>
public sealed class PayoutBatchLine
{
    public Guid AccrualId { get; set; }
    public Guid BatchId { get; set; }
}

/// <summary>What a batch pays one partner in one currency.</summary>
public sealed class PayoutBatchTotal
{
    public Guid BatchId { get; set; }
    public Guid PartnerId { get; set; }
    public string Currency { get; set; } = "";
    public int LineCount { get; set; }
    public long AmountMinor { get; set; }
}
