using Valueweb.Data;

namespace Valueweb.Features.Deals;

public enum ExtensionRule
{
    None = 0,
    Once = 1,
    Unlimited = 2,
}

public enum OwnDuplicateRule
{
    /// <summary>A second open registration of the partner's own customer goes to the channel manager.</summary>
    Review = 0,
    /// <summary>It is refused at submission.</summary>
    Refuse = 1,
    /// <summary>It is accepted; the partner is only warned.</summary>
    Allow = 2,
}

/// <summary>A pipeline stage with the probability the weighted forecast applies to it.</summary>
public sealed class DealStage
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ProgramId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public int Position { get; set; }
    /// <summary>Percent, 0..100.</summary>
    public int Probability { get; set; }
}

/// <summary>What one unit of a currency is worth in the program's reporting currency, for the forecast.</summary>
public sealed class CurrencyRate
{
    public string Currency { get; set; } = "";
    /// <summary>Reporting-currency units per unit, times 1,000,000 (exact integer).</summary>
    public long RateMicros { get; set; }
}
