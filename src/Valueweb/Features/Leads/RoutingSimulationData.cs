using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Leads.Routing;

namespace Valueweb.Features.Leads;

/// <summary>The leads of a file, as a simulation replays them, and what could not be read.</summary>
public sealed record SimulationFile(IReadOnlyList<SimulatedLead> Leads, int BadRows, int Duplicates, IReadOnlyList<string> Problems);

/// <summary>
/// What a <see cref="RoutingSimulation"/> reads, taken from the database without changing it (every query is
/// read-only and untracked): the partners as routing sees them now, their current loads, and the leads to replay —
/// the most recent ones, or those of a CSV file.
/// </summary>
public static class RoutingSimulationData
{
    /// <summary>A simulation over the current partner snapshot (built afresh) and a copy of today's loads.</summary>
    public static async Task<RoutingSimulation> SimulationAsync(ValuewebDb db, LeadRules saved, TimeProvider clock, CancellationToken ct)
    {
        var world = await RoutingWorld.BuildAsync(db, saved.Walls, ct);
        var ledger = await LeadRouter.LedgerAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        var tiers = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new RoutingSimulation(world.Snapshot, ledger, tiers);
    }

    /// <summary>The most recent leads by arrival (all statuses), oldest of them first, as if they arrived again now.</summary>
    public static async Task<List<SimulatedLead>> RecentAsync(ValuewebDb db, int limit, CancellationToken ct)
    {
        var names = await db.ProductLines.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var leads = await db.Leads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Include(l => l.ProductLines)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(Math.Clamp(limit, 0, RoutingSimulation.MaxLeads)).ToListAsync(ct);
        leads.Reverse();
        return leads.Select(l =>
        {
            var interests = l.ProductLines.Select(p => names.GetValueOrDefault(p.ProductLineId, "")).Where(n => n.Length > 0).ToList();
            var name = l.Company.Length > 0 ? l.Company : l.PersonName;
            return new SimulatedLead(l.Id.ToString(), name, LeadRouter.Facts(l, []), QualificationFacts.Of(LeadDrafts.Of(l, interests)));
        }).ToList();
    }

    /// <summary>
    /// The good rows of a lead file (up to <paramref name="limit"/>), read as the importer reads them; product interests
    /// are matched to product lines by name or code, cities to known positions.
    /// </summary>
    public static async Task<SimulationFile> FromCsvAsync(ValuewebDb db, Stream csv, int limit, CancellationToken ct)
    {
        var lines = await db.ProductLines.AsNoTracking().Select(l => new { l.Id, l.Name, l.Code }).ToListAsync(ct);
        var byKey = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var l in lines)
            foreach (var key in new[] { LeadText.Key(l.Name), LeadText.Key(l.Code) }.Where(k => k.Length > 0))
                byKey.TryAdd(key, l.Id);
        using var import = await LeadCsvImport.OpenAsync(csv, cancellationToken: ct);
        if (import.Columns.Errors.Any)
            return new SimulationFile([], 0, 0, import.Columns.Errors.All.SelectMany(e => e.Value).ToList());
        var problems = new List<string>(import.Columns.Warnings);
        var leads = new List<SimulatedLead>();
        int bad = 0, duplicates = 0;
        await foreach (var row in import.ReadAsync(ct))
        {
            if (row.Kind == LeadRowKind.Duplicate) duplicates++;
            else if (row.Kind == LeadRowKind.Bad || row.Draft is null)
            {
                if (++bad <= 5) problems.Add(row.Describe());
            }
            else
            {
                leads.Add(Lead(row.Line, row.Draft, byKey));
                if (leads.Count >= limit) break;
            }
        }
        return new SimulationFile(leads, bad, duplicates, problems);
    }

    private static SimulatedLead Lead(int line, LeadDraft d, Dictionary<string, Guid> lines)
    {
        var country = d.Country ?? "";
        var city = d.City is { } c && country.Length > 0 ? Locator.Cities.Find($"{c}, {country}") : null;
        var facts = new LeadFacts
        {
            LeadId = Guid.Empty,
            Country = country,
            Location = city is not null && city.CountryCode == country ? new GeoPoint(city.Latitude, city.Longitude) : null,
            ProductLines = d.ProductInterests.Select(p => lines.TryGetValue(LeadText.Key(p), out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty).Distinct().ToList(),
            Segment = d.Segment,
            Industry = d.Industry,
        };
        return new SimulatedLead($"line {line}", d.Company ?? d.PersonName ?? d.Email ?? $"line {line}", facts, QualificationFacts.Of(d));
    }
}
