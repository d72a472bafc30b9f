using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;

namespace Valueweb.Features.Leads;

/// <summary>
/// The partners routing chooses among, as a <see cref="RoutingSnapshot"/>: active partners with their territories,
/// product lines, segments, competencies, certifications, locations, tier and performance. Building it reads every
/// partner, so each process keeps it for <see cref="Lifetime"/>; a change saved through this process (partners,
/// lead settings) is seen at once, another node's within the lifetime.
/// <para>
/// Performance (0–100) comes from the partner's answers to offers: half its acceptance rate (accepted ÷ answered or
/// lapsed), half its conversion rate (converted ÷ accepted); a partner with fewer than five answered offers scores a
/// neutral 50, so that newcomers are not starved.
/// </para>
/// </summary>
public sealed record RoutingWorld(RoutingSnapshot Snapshot, IReadOnlyDictionary<Guid, Guid?> Tiers)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    public const int MinimumAnswers = 5;

    private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);
    private static long generation;

    private sealed record Entry(long LoadedAt, long Generation, string Walls, RoutingWorld World);

    /// <summary>Forgets kept snapshots: a partner or the lead settings changed.</summary>
    public static void Changed() => Interlocked.Increment(ref generation);

    public static async Task<RoutingWorld> GetAsync(ValuewebDb db, LeadRules rules, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        var current = Interlocked.Read(ref generation);
        var now = Environment.TickCount64;
        var walls = rules.Row.Walls;
        if (Cache.TryGetValue(key, out var e) && e.Generation == current && e.Walls == walls && now - e.LoadedAt < (long)Lifetime.TotalMilliseconds)
            return e.World;
        var world = await BuildAsync(db, rules.Walls, ct);
        Cache[key] = new Entry(now, current, walls, world);
        return world;
    }

    public static async Task<RoutingWorld> BuildAsync(ValuewebDb db, IEnumerable<PartnerWall> walls, CancellationToken ct)
    {
        var all = db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking();
        var orgs = db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active);
        var partners = await all.Join(orgs, p => p.Id, o => o.Id, (p, o) => new { p.Id, o.DisplayName, p.Types, p.TierId }).ToListAsync(ct);
        var ids = partners.Select(p => p.Id).ToHashSet();
        var tiers = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Rank, ct);
        var countries = (await db.Set<PartnerCountry>().IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Select(c => new { c.PartnerId, c.CountryCode }).ToListAsync(ct))
            .Where(c => ids.Contains(c.PartnerId)).ToLookup(c => c.PartnerId, c => c.CountryCode);
        var lines = (await db.Set<PartnerProductLine>().IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Select(l => new { l.PartnerId, l.ProductLineId }).ToListAsync(ct))
            .Where(l => ids.Contains(l.PartnerId)).ToLookup(l => l.PartnerId, l => l.ProductLineId);
        var attributes = (await db.Set<PartnerAttribute>().IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Select(a => new { a.PartnerId, a.Kind, a.Value }).ToListAsync(ct))
            .Where(a => ids.Contains(a.PartnerId)).ToLookup(a => (a.PartnerId, a.Kind), a => a.Value);
        var locations = (await db.PartnerLocations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Select(l => new { l.PartnerId, l.Latitude, l.Longitude }).ToListAsync(ct))
            .Where(l => ids.Contains(l.PartnerId)).ToLookup(l => l.PartnerId, l => new GeoPoint(l.Latitude, l.Longitude));
        var performance = await PerformanceAsync(db, ct);

        var candidates = partners.Select(p => new RoutingCandidate
        {
            PartnerId = p.Id,
            Name = p.DisplayName,
            Types = p.Types,
            TierId = p.TierId,
            TierRank = p.TierId is { } t ? tiers.GetValueOrDefault(t) : 0,
            Countries = countries[p.Id].ToList(),
            ProductLines = lines[p.Id].ToList(),
            Segments = attributes[(p.Id, PartnerAttributeKind.Segment)].ToList(),
            Competencies = attributes[(p.Id, PartnerAttributeKind.Competency)].ToList(),
            Certifications = attributes[(p.Id, PartnerAttributeKind.Certification)].ToList(),
            Locations = locations[p.Id].Where(g => g.IsValid).ToList(),
            PerformanceScore = performance.GetValueOrDefault(p.Id, 50),
        }).ToList();
        return new RoutingWorld(new RoutingSnapshot(candidates, walls), partners.ToDictionary(p => p.Id, p => p.TierId));
    }

    /// <summary>Each partner's performance score from its answers to offers (see the class summary).</summary>
    public static async Task<Dictionary<Guid, double>> PerformanceAsync(ValuewebDb db, CancellationToken ct)
    {
        var offers = await db.LeadOffers.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(o => o.Outcome != OfferOutcome.Pending && o.Outcome != OfferOutcome.Withdrawn)
            .GroupBy(o => new { o.PartnerId, o.Outcome }).Select(g => new { g.Key.PartnerId, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct);
        var converted = await db.Leads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(l => l.Status == LeadStatus.Converted && l.PartnerId != null)
            .GroupBy(l => l.PartnerId!.Value).Select(g => new { Partner = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Partner, x => x.Count, ct);
        var scores = new Dictionary<Guid, double>();
        foreach (var partner in offers.GroupBy(o => o.PartnerId))
        {
            var answered = partner.Sum(o => o.Count);
            if (answered < MinimumAnswers) continue;
            var accepted = partner.Where(o => o.Outcome == OfferOutcome.Accepted).Sum(o => o.Count);
            var acceptance = (double)accepted / answered;
            var conversion = accepted == 0 ? 0 : Math.Min(1, (double)converted.GetValueOrDefault(partner.Key) / accepted);
            scores[partner.Key] = Math.Round(100 * ((0.5 * acceptance) + (0.5 * conversion)), 2);
        }
        return scores;
    }
}
