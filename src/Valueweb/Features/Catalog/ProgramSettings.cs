using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Catalog;

/// <summary>Changes to the program (name, review limit, tiers with ranks), one transaction, audited. Used by the API and the settings page.</summary>
public static class ProgramSettings
{
    public static async Task<(FieldErrors? Errors, bool Stale, PartnerProgram? Program)> UpdateAsync(ValuewebDb db, Journal journal, long version, ProgramChange body, CancellationToken ct)
    {
        var p = await db.Programs.Include(x => x.Tiers).OrderBy(x => x.Name).FirstAsync(ct);
        var errors = new FieldErrors();
        if (body.Name is not null) errors.Require("name", body.Name, 120);
        if (body.ApplicationReviewDays is < 1 or > 90) errors.Add("applicationReviewDays", "Between 1 and 90 days.");
        if (body.Tiers is { } tiers)
        {
            if (tiers.Count == 0) errors.Add("tiers", "At least one tier.");
            for (var i = 0; i < tiers.Count; i++)
            {
                if (tiers[i] is not { } tier)
                {
                    errors.Add($"tiers[{i}]", "A tier: its name and rank (and id, to keep an existing one).");
                    continue;
                }
                errors.Require($"tiers[{i}].name", tier.Name, 60);
                if (tier.Rank is null or < 1 or > 100) errors.Add($"tiers[{i}].rank", "A rank from 1 to 100 (higher is a higher tier).");
                if (tier.Id is { } tid && p.Tiers.All(t => t.Id != tid)) errors.Add($"tiers[{i}].id", "No such tier in this program.");
            }
            if (tiers.Select(t => t?.Rank).Distinct().Count() != tiers.Count) errors.Add("tiers", "Every tier needs its own rank.");
            var dropped = p.Tiers.Where(t => tiers.All(x => x?.Id != t.Id)).Select(t => t.Id).ToList();
            if (dropped.Count > 0 && await db.Partners.AnyAsync(x => x.TierId != null && dropped.Contains(x.TierId.Value), ct))
                errors.Add("tiers", "A tier that partners are in cannot be removed: move them first.");
        }
        if (errors.Any) return (errors, false, null);
        if (version != p.Version) return (null, true, null);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (body.Name is not null) p.Name = body.Name.Trim();
            if (body.ApplicationReviewDays is { } days) p.ApplicationReviewDays = days;
            if (body.Tiers is { } wanted)
            {
                // ranks are unique per program: park kept tiers on temporary ranks first, so swaps never collide
                p.Tiers.RemoveAll(t => wanted.All(x => x!.Id != t.Id));
                var temp = 1000;
                foreach (var t in p.Tiers) t.Rank = temp++;
                await db.SaveChangesAsync(ct);
                foreach (var w in wanted.OfType<TierInput>())
                {
                    var tier = w.Id is { } tid ? p.Tiers.First(t => t.Id == tid) : null;
                    if (tier is null)
                    {
                        tier = new Tier { ProgramId = p.Id };
                        p.Tiers.Add(tier);
                    }
                    tier.Name = w.Name!.Trim();
                    tier.Rank = w.Rank!.Value;
                }
            }
            p.Version++;
            journal.Audit("program.changed", "program", p.Id, string.Join(", ", p.Tiers.OrderBy(t => t.Rank).Select(t => $"{t.Rank}:{t.Name}")));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // another change came between our read and our write (the version, or a rank or tier it touched meanwhile)
            db.ChangeTracker.Clear();
            if (e is DbUpdateConcurrencyException || await db.Programs.Where(x => x.Id == p.Id).Select(x => x.Version).FirstAsync(ct) != version)
                return (null, true, null);
            throw;
        }
        return (null, false, p);
    }
}
