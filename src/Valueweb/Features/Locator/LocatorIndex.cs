using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;

namespace Valueweb.Features.Locator;

/// <summary>Rebuilds locator entries for the partners a unit of work touched, in the same transaction.</summary>
public static class LocatorIndex
{
    private const string Select = """
        SELECT l."Id", l."PartnerId", l."Latitude", l."Longitude", l."CountryCode", p."Types", p."TierId", COALESCE(t."Rank", 0)
        FROM "PartnerLocations" l
        JOIN "Partners" p ON p."Id" = l."PartnerId"
        JOIN "Organisations" o ON o."Id" = p."Id"
        LEFT JOIN "Tiers" t ON t."Id" = p."TierId"
        WHERE p."Listed" = TRUE AND o."Status" = 2
        """;

    private const string Insert = """INSERT INTO "LocatorEntries" ("LocationId", "PartnerId", "Latitude", "Longitude", "CountryCode", "Types", "TierId", "TierRank") """;

    /// <summary>Which partners' entries a pending save changes; null means "all of them" (a tier changed rank).</summary>
    public static HashSet<Guid>? Affected(ChangeTracker tracker)
    {
        var ids = new HashSet<Guid>();
        foreach (var e in tracker.Entries())
        {
            if (e.State is EntityState.Unchanged or EntityState.Detached) continue;
            switch (e.Entity)
            {
                case Organisation o when o.Kind == OrganisationKind.Partner: ids.Add(o.Id); break;
                case Partner p: ids.Add(p.Id); break;
                case PartnerLocation l: ids.Add(l.PartnerId); break;
                case Tier: return null;
            }
        }
        return ids;
    }

    public static async Task RefreshAsync(ValuewebDb db, HashSet<Guid>? partners, CancellationToken ct)
    {
        if (partners is null)
        {
            await RebuildAsync(db, ct);
            return;
        }
        foreach (var chunk in partners.Chunk(200))
        {
            // only parameter placeholders ({0}, {1}, ...) are put into the text; the ids travel as parameters
            var names = string.Join(", ", chunk.Select((_, i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
            var args = chunk.Cast<object>().ToArray();
            var delete = "DELETE FROM \"LocatorEntries\" WHERE \"PartnerId\" IN (" + names + ")";
            var insert = Insert + Select + " AND l.\"PartnerId\" IN (" + names + ")";
            await db.Database.ExecuteSqlRawAsync(delete, args, ct);
            await db.Database.ExecuteSqlRawAsync(insert, args, ct);
        }
    }

    public static async Task RebuildAsync(ValuewebDb db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LocatorEntries" """, ct);
        await db.Database.ExecuteSqlRawAsync(Insert + Select, ct);
    }
}
