using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;

namespace Valueweb.Features.Deals;

/// <summary>The program's rules of engagement and stages as one snapshot for an operation.</summary>
public sealed record EngagementRules(PartnerProgram Program, IReadOnlyList<DealStage> Stages)
{
    public static IReadOnlyList<DealStage> DefaultStages { get; } =
    [
        new() { Key = "qualify", Name = "Qualify", Position = 1, Probability = 10 },
        new() { Key = "discover", Name = "Discover", Position = 2, Probability = 25 },
        new() { Key = "propose", Name = "Propose", Position = 3, Probability = 50 },
        new() { Key = "negotiate", Name = "Negotiate", Position = 4, Probability = 75 },
        new() { Key = "commit", Name = "Commit", Position = 5, Probability = 90 },
    ];

    public static async Task<EngagementRules> LoadAsync(ValuewebDb db, CancellationToken ct)
    {
        var program = await db.Programs.AsNoTracking().OrderBy(p => p.Name).FirstOrDefaultAsync(ct) ?? new PartnerProgram { Name = "Partner program" };
        var stages = await db.DealStages.AsNoTracking().Where(s => s.ProgramId == program.Id).OrderBy(s => s.Position).ToListAsync(ct);
        return new EngagementRules(program, stages.Count > 0 ? stages : DefaultStages);
    }

    public DealStage? Stage(string? key) => Stages.FirstOrDefault(s => s.Key == key);

    public DealStage FirstStage => Stages[0];

    /// <summary>Whether another extension is allowed after <paramref name="used"/> extensions.</summary>
    public bool MayExtend(int used) => Program.ExtensionRule switch
    {
        ExtensionRule.Once => used < 1,
        ExtensionRule.Unlimited => true,
        _ => false,
    };
}
