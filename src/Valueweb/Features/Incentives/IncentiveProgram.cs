using Valueweb.Data;

namespace Valueweb.Features.Incentives;

public enum IncentiveRuleKind
{
    /// <summary>A percentage of the won deal's value, optionally for one product line, times the partner's tier multiplier.</summary>
    Percentage = 0,
    /// <summary>A flat fee to the partner who referred the customer, when another partner closes the deal.</summary>
    ReferralFee = 1,
    /// <summary>A flat amount per won deal closed inside a date window, optionally for one product line, up to a cap per partner.</summary>
    Spiff = 2,
    /// <summary>A flat bonus for a deal that was registered and approved before it was won.</summary>
    RegistrationBonus = 3,
}

/// <summary>
/// An incentive program the vendor runs: its rules are data. It pays in one currency, for deals closed inside its validity
/// period, and claws back what a deal earned when the deal is reversed within <see cref="ClawbackDays"/> of its close.
/// </summary>
public sealed class IncentiveProgram
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Currency { get; set; } = "EUR";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int ClawbackDays { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; } = 1;
    public List<IncentiveRule> Rules { get; set; } = [];
    public List<TierMultiplier> Multipliers { get; set; } = [];

    public bool Covers(DateOnly day) => Active && day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

public sealed class IncentiveRule
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ProgramId { get; set; }
    public int Position { get; set; }
    public IncentiveRuleKind Kind { get; set; }
    public string Name { get; set; } = "";
    public Guid? ProductLineId { get; set; }
    /// <summary>Percentage rules: parts per million of the base (5 % = 50,000).</summary>
    public long RatePpm { get; set; }
    /// <summary>Flat rules: the amount in the program's currency, minor units.</summary>
    public long AmountMinor { get; set; }
    /// <summary>SPIFF window on the close date, both days included.</summary>
    public DateOnly? WindowFrom { get; set; }
    public DateOnly? WindowTo { get; set; }
    /// <summary>SPIFF: the most one partner earns from this rule, minor units.</summary>
    public long? CapMinor { get; set; }
}

/// <summary>What a tier multiplies percentage earnings by, in thousandths (1,250 = × 1.25).</summary>
public sealed class TierMultiplier
{
    public Guid ProgramId { get; set; }
    public Guid TierId { get; set; }
    public int Permille { get; set; }
}

/// <summary>How a won deal's earnings are shared between the partners who won it together; shares in basis points add up to 10,000.</summary>
public sealed class DealSplit
{
    public Guid RegistrationId { get; set; }
    public Guid PartnerId { get; set; }
    public int ShareBasisPoints { get; set; }
}

/// <summary>What one unit of <see cref="From"/> is worth in <see cref="To"/> from <see cref="ValidFrom"/> on, times 1,000,000. Kept by finance.</summary>
public sealed class ExchangeRate
{
    public Guid Id { get; set; } = Ids.New();
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public long RateMicros { get; set; }
}
