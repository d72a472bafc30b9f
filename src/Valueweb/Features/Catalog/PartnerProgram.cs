using Valueweb.Data;

namespace Valueweb.Features.Catalog;

/// <summary>A partner program: its tiers, agreement and rules are data the vendor edits.</summary>
public sealed class PartnerProgram
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public int ApplicationReviewDays { get; set; } = 5;
    public long Version { get; set; } = 1;
    public List<Tier> Tiers { get; set; } = [];

    // Rules of engagement for deal registration, edited by vendor admins.
    public int ProtectionDays { get; set; } = 90;
    public Deals.ExtensionRule ExtensionRule { get; set; } = Deals.ExtensionRule.Once;
    public int ExtensionDays { get; set; } = 30;
    public int ReminderDays { get; set; } = 14;
    /// <summary>Matches scoring at least this (0..1) are conflicts.</summary>
    public double ConflictThreshold { get; set; } = Matching.CompanyMatcher.DefaultThreshold;
    public Deals.OwnDuplicateRule OwnDuplicates { get; set; } = Deals.OwnDuplicateRule.Review;
    public string ReportingCurrency { get; set; } = "EUR";
}

public sealed class Tier
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ProgramId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Higher rank is a higher tier.</summary>
    public int Rank { get; set; }
}
