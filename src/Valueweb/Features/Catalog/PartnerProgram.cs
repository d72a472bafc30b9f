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
}

public sealed class Tier
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ProgramId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Higher rank is a higher tier.</summary>
    public int Rank { get; set; }
}
