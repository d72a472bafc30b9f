using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Leads;

/// <summary>
/// One group's funnel. Offered, accepted, declined and lapsed count offers (a lead offered to two partners counts for
/// each); working, converted and lost count the leads its partners hold now. Conversion is converted ÷ accepted;
/// acceptance is accepted ÷ answered-or-lapsed offers.
/// </summary>
public sealed record FunnelRow(string Key, string Label, int Received, int Offered, int Accepted, int Declined, int Lapsed, int Working, int Converted, int Lost,
    double? AcceptanceRate, double? ConversionRate, double? MedianHoursToAccept);

public sealed record FunnelReport(string GroupBy, IReadOnlyList<FunnelRow> Rows, FunnelRow Total);

/// <summary>The closed loop in numbers: per partner, tier or source, from offer to outcome. Counting runs in the database.</summary>
public sealed class LeadFunnel(ValuewebDb db)
{
    public static readonly string[] Groupings = ["partner", "tier", "source"];

    private sealed record Counts(int Received, int Offered, int Accepted, int Declined, int Lapsed, int Working, int Converted, int Lost, List<double> Hours);

    public async Task<FunnelReport> ReportAsync(string groupBy, CancellationToken ct)
    {
        // Offers by partner and outcome, with the lead's source; leads by holder, status and source.
        var offers = await db.LeadOffers.AsNoTracking()
            .Join(db.Leads, o => o.LeadId, l => l.Id, (o, l) => new { o.PartnerId, o.Outcome, l.Source })
            .GroupBy(x => new { x.PartnerId, x.Outcome, x.Source })
            .Select(g => new { g.Key.PartnerId, g.Key.Outcome, g.Key.Source, Count = g.Count() }).ToListAsync(ct);
        var held = await db.Leads.AsNoTracking()
            .GroupBy(l => new { l.PartnerId, l.Status, l.Source })
            .Select(g => new { g.Key.PartnerId, g.Key.Status, g.Key.Source, Count = g.Count() }).ToListAsync(ct);
        var accepts = await db.LeadOffers.AsNoTracking().Where(o => o.Outcome == OfferOutcome.Accepted && o.AnsweredAt != null)
            .Join(db.Leads, o => o.LeadId, l => l.Id, (o, l) => new { o.PartnerId, l.Source, o.OfferedAt, AnsweredAt = o.AnsweredAt!.Value }).ToListAsync(ct);
        var partnerIds = offers.Select(o => o.PartnerId).Concat(held.Where(h => h.PartnerId != null).Select(h => h.PartnerId!.Value)).Distinct().ToList();
        var partners = await db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(p => partnerIds.Contains(p.Id))
            .Join(db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]), p => p.Id, o => o.Id, (p, o) => new { p.Id, o.DisplayName, p.TierId })
            .ToDictionaryAsync(p => p.Id, ct);
        var tiers = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        (string Key, string Label) Group(Guid? partner, string source) => groupBy switch
        {
            "source" => (source, source.Length == 0 ? "(no source)" : source),
            "tier" => partner is { } p && partners.TryGetValue(p, out var pt) && pt.TierId is { } t ? (t.ToString(), tiers.GetValueOrDefault(t, "")) : ("", "(no tier)"),
            _ => partner is { } q ? (q.ToString(), partners.TryGetValue(q, out var pn) ? pn.DisplayName : "") : ("", "(vendor)"),
        };

        var groups = new Dictionary<string, (string Label, Counts C)>();
        Counts Of(string key, string label)
        {
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = (label, new Counts(0, 0, 0, 0, 0, 0, 0, 0, []));
            return g.C;
        }
        void Bump(string key, string label, Func<Counts, Counts> change) => groups[key] = (label, change(Of(key, label)));

        foreach (var o in offers)
        {
            var (key, label) = Group(o.PartnerId, o.Source);
            Bump(key, label, c => c with
            {
                Offered = c.Offered + o.Count,
                Accepted = c.Accepted + (o.Outcome == OfferOutcome.Accepted ? o.Count : 0),
                Declined = c.Declined + (o.Outcome == OfferOutcome.Declined ? o.Count : 0),
                Lapsed = c.Lapsed + (o.Outcome == OfferOutcome.Lapsed ? o.Count : 0),
            });
        }
        foreach (var h in held)
        {
            // Received counts every lead under its source; a partner "receives" what it holds or was offered.
            if (groupBy == "source") Bump(h.Source, Group(null, h.Source).Label, c => c with { Received = c.Received + h.Count });
            if (h.PartnerId is null && groupBy != "source") continue;
            var (key, label) = Group(h.PartnerId, h.Source);
            Bump(key, label, c => c with
            {
                Working = c.Working + (h.Status is LeadStatus.Accepted or LeadStatus.Contacted or LeadStatus.Qualified ? h.Count : 0),
                Converted = c.Converted + (h.Status == LeadStatus.Converted ? h.Count : 0),
                Lost = c.Lost + (h.Status == LeadStatus.Lost ? h.Count : 0),
            });
        }
        foreach (var a in accepts) Of(Group(a.PartnerId, a.Source).Key, Group(a.PartnerId, a.Source).Label).Hours.Add((a.AnsweredAt - a.OfferedAt).TotalHours);

        var rows = groups.Select(g => Row(g.Key, g.Value.Label, g.Value.C, groupBy)).OrderByDescending(r => r.Offered + r.Received).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var all = groups.Values.Select(g => g.C).Aggregate(new Counts(0, 0, 0, 0, 0, 0, 0, 0, []), (x, y) => new Counts(
            x.Received + y.Received, x.Offered + y.Offered, x.Accepted + y.Accepted, x.Declined + y.Declined, x.Lapsed + y.Lapsed,
            x.Working + y.Working, x.Converted + y.Converted, x.Lost + y.Lost, [.. x.Hours, .. y.Hours]));
        if (groupBy != "source") all = all with { Received = await db.Leads.CountAsync(ct) };
        return new FunnelReport(groupBy, rows, Row("", "All", all, groupBy));
    }

    private static FunnelRow Row(string key, string label, Counts c, string groupBy)
    {
        var answered = c.Accepted + c.Declined + c.Lapsed;
        var received = groupBy == "source" || key.Length == 0 ? c.Received : c.Offered;
        return new FunnelRow(key, label, received, c.Offered, c.Accepted, c.Declined, c.Lapsed, c.Working, c.Converted, c.Lost,
            answered == 0 ? null : Math.Round((double)c.Accepted / answered, 3),
            c.Accepted == 0 ? null : Math.Round((double)c.Converted / c.Accepted, 3),
            Median(c.Hours));
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 1);
    }
}
