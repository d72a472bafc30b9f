using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record PipelineRow(string Key, string Label, int Count, MoneyValue Amount, MoneyValue Weighted);

/// <summary>Open registrations (pending and approved) grouped one way, in the program's reporting currency.</summary>
public sealed record PipelineReport(string GroupBy, string Currency, IReadOnlyList<PipelineRow> Rows, int Count, MoneyValue Amount, MoneyValue Weighted,
    IReadOnlyList<string> CurrenciesWithoutRate);

/// <summary>
/// Pipeline and weighted forecast: each open registration's estimated value converted at the vendor's rate, weighted by its
/// stage's probability. A registration with several product lines counts fully under each of them in the product-line view
/// (the total counts it once). Sums run in the database, grouped by key, currency and stage.
/// </summary>
public sealed class Pipeline(ValuewebDb db)
{
    public static readonly string[] Groupings = ["partner", "tier", "region", "productLine", "month", "stage"];

    private sealed record Slice(string Key, string Currency, string Stage, int Count, long Minor);

    public async Task<PipelineReport> ReportAsync(string groupBy, Guid? partnerId, CancellationToken ct)
    {
        var rules = await EngagementRules.LoadAsync(db, ct);
        var rates = await db.CurrencyRates.AsNoTracking().ToDictionaryAsync(r => r.Currency, r => r.RateMicros, ct);
        var reporting = rules.Program.ReportingCurrency;
        rates[reporting] = 1_000_000;
        var open = db.DealRegistrations.AsNoTracking().Where(r => r.Status == DealStatus.Pending || r.Status == DealStatus.Approved);
        if (partnerId is { } p) open = open.Where(r => r.PartnerId == p);

        var slices = await SlicesAsync(open, groupBy, ct);
        var totals = await open.GroupBy(r => new { r.Currency, r.Stage })
            .Select(g => new Slice("", g.Key.Currency, g.Key.Stage, g.Count(), g.Sum(r => r.EstimatedMinor))).ToListAsync(ct);
        var labels = await LabelsAsync(groupBy, slices.Select(s => s.Key).Distinct().ToList(), rules, ct);
        var missing = new SortedSet<string>(StringComparer.Ordinal);

        (long Amount, long Weighted) Convert(IEnumerable<Slice> group)
        {
            decimal amount = 0, weighted = 0;
            foreach (var s in group)
            {
                if (!rates.TryGetValue(s.Currency, out var micros)) { missing.Add(s.Currency); continue; }
                var value = s.Minor / Factor(s.Currency) * micros / 1_000_000m;
                amount += value;
                weighted += value * (rules.Stage(s.Stage)?.Probability ?? 0) / 100m;
            }
            var f = Factor(reporting);
            return ((long)Math.Round(amount * f, MidpointRounding.ToEven), (long)Math.Round(weighted * f, MidpointRounding.ToEven));
        }

        var rows = slices.GroupBy(s => s.Key).Select(g =>
        {
            var (amount, weighted) = Convert(g);
            return new PipelineRow(g.Key, labels.GetValueOrDefault(g.Key, g.Key), g.Sum(s => s.Count), new Money(amount, reporting).ToValue(), new Money(weighted, reporting).ToValue());
        });
        rows = groupBy is "month" or "stage" ? rows.OrderBy(r => groupBy == "stage" ? rules.Stage(r.Key)?.Position ?? 99 : 0).ThenBy(r => r.Key, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Weighted.Amount).ThenBy(r => r.Label, StringComparer.Ordinal);
        var list = rows.ToList();
        var (total, totalWeighted) = Convert(totals);
        return new PipelineReport(groupBy, reporting, list, totals.Sum(t => t.Count), new Money(total, reporting).ToValue(),
            new Money(totalWeighted, reporting).ToValue(), missing.ToList());
    }

    private static decimal Factor(string currency) => Money.Decimals(currency) switch { 0 => 1m, 3 => 1000m, _ => 100m };

    private async Task<List<Slice>> SlicesAsync(IQueryable<DealRegistration> open, string groupBy, CancellationToken ct)
    {
        switch (groupBy)
        {
            case "partner":
                var byPartner = await open.GroupBy(r => new { r.PartnerId, r.Currency, r.Stage })
                    .Select(g => new { g.Key.PartnerId, g.Key.Currency, g.Key.Stage, Count = g.Count(), Minor = g.Sum(r => r.EstimatedMinor) }).ToListAsync(ct);
                return byPartner.Select(x => new Slice(x.PartnerId.ToString(), x.Currency, x.Stage, x.Count, x.Minor)).ToList();
            case "tier":
                var byTier = await open.Join(db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]), r => r.PartnerId, p => p.Id, (r, p) => new { r, p.TierId })
                    .GroupBy(x => new { x.TierId, x.r.Currency, x.r.Stage })
                    .Select(g => new { g.Key.TierId, g.Key.Currency, g.Key.Stage, Count = g.Count(), Minor = g.Sum(x => x.r.EstimatedMinor) }).ToListAsync(ct);
                return byTier.Select(x => new Slice(x.TierId?.ToString() ?? "none", x.Currency, x.Stage, x.Count, x.Minor)).ToList();
            case "region":
                var byCountry = await open.GroupBy(r => new { r.CustomerCountry, r.Currency, r.Stage })
                    .Select(g => new { g.Key.CustomerCountry, g.Key.Currency, g.Key.Stage, Count = g.Count(), Minor = g.Sum(r => r.EstimatedMinor) }).ToListAsync(ct);
                return byCountry.Select(x => new Slice(Regions.Of(x.CustomerCountry), x.Currency, x.Stage, x.Count, x.Minor)).ToList();
            case "productLine":
                var byLine = await open.SelectMany(r => r.ProductLines, (r, l) => new { l.ProductLineId, r.Currency, r.Stage, r.EstimatedMinor })
                    .GroupBy(x => new { x.ProductLineId, x.Currency, x.Stage })
                    .Select(g => new { g.Key.ProductLineId, g.Key.Currency, g.Key.Stage, Count = g.Count(), Minor = g.Sum(x => x.EstimatedMinor) }).ToListAsync(ct);
                return byLine.Select(x => new Slice(x.ProductLineId.ToString(), x.Currency, x.Stage, x.Count, x.Minor)).ToList();
            case "month":
                var byDate = await open.GroupBy(r => new { r.ExpectedCloseDate, r.Currency, r.Stage })
                    .Select(g => new { g.Key.ExpectedCloseDate, g.Key.Currency, g.Key.Stage, Count = g.Count(), Minor = g.Sum(r => r.EstimatedMinor) }).ToListAsync(ct);
                return byDate.Select(x => new Slice($"{x.ExpectedCloseDate.Year:0000}-{x.ExpectedCloseDate.Month:00}", x.Currency, x.Stage, x.Count, x.Minor)).ToList();
            default:
                return await open.GroupBy(r => new { r.Currency, r.Stage })
                    .Select(g => new Slice(g.Key.Stage, g.Key.Currency, g.Key.Stage, g.Count(), g.Sum(r => r.EstimatedMinor))).ToListAsync(ct);
        }
    }

    private async Task<Dictionary<string, string>> LabelsAsync(string groupBy, List<string> keys, EngagementRules rules, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return groupBy switch
        {
            "partner" => (await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.DisplayName }).ToListAsync(ct))
                .ToDictionary(o => o.Id.ToString(), o => o.DisplayName),
            "tier" => (await db.Tiers.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                .ToDictionary(t => t.Id.ToString(), t => t.Name).Append(new KeyValuePair<string, string>("none", "No tier")).ToDictionary(),
            "productLine" => (await db.ProductLines.Where(l => ids.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToListAsync(ct))
                .ToDictionary(l => l.Id.ToString(), l => l.Name),
            "stage" => rules.Stages.ToDictionary(s => s.Key, s => $"{s.Name} ({s.Probability}%)"),
            _ => keys.ToDictionary(k => k, k => k),
        };
    }
}
