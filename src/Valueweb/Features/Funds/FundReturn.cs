using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Features.Incentives;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Funds;

public sealed record ActivityReturn(Guid RequestId, string Title, Guid PartnerId, string PartnerName, string Theme, string Status, MoneyValue Funds,
    int Leads, int Registrations, MoneyValue Pipeline, MoneyValue Won, decimal? PipelinePerUnit, decimal? WonPerUnit, IReadOnlyList<string> Unconverted);

/// <summary>
/// The return on funds: per activity, the leads and registrations tagged with it, the pipeline (open registrations at
/// their estimate, won ones at their actual value) and the won revenue, in the activity's currency at finance's latest
/// rates, per unit of funds (what a claim reimbursed, else what was approved).
/// </summary>
public sealed class FundReturn(ValuewebDb db, TimeProvider clock)
{
    public async Task<List<ActivityReturn>> ByActivityAsync(CancellationToken ct)
    {
        var requests = await db.FundRequests.AsNoTracking()
            .Where(r => r.Status == FundRequestStatus.Approved || r.Status == FundRequestStatus.Claimed || r.Status == FundRequestStatus.Reimbursed)
            .OrderByDescending(r => r.StartsOn).Take(500).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var partnerIds = requests.Select(r => r.PartnerId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => partnerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var themes = await db.CampaignThemes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var reimbursed = await db.FundClaims.AsNoTracking().Where(c => ids.Contains(c.RequestId) && c.Status == FundClaimStatus.Approved)
            .GroupBy(c => c.RequestId).Select(g => new { g.Key, Sum = g.Sum(c => c.ApprovedMinor ?? 0) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.FundRequestId != null && ids.Contains(l.FundRequestId.Value))
            .GroupBy(l => l.FundRequestId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var deals = (await db.DealRegistrations.AsNoTracking().Where(r => r.FundRequestId != null && ids.Contains(r.FundRequestId.Value))
            .Select(r => new { Request = r.FundRequestId!.Value, r.Status, r.EstimatedMinor, r.ActualMinor, r.Currency }).ToListAsync(ct)).ToLookup(d => d.Request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rates = new Dictionary<(string, string), long?>();
        async Task<long?> RateAsync(string from, string to)
        {
            if (from == to) return 1_000_000;
            if (!rates.TryGetValue((from, to), out var r)) rates[(from, to)] = r = await IncentiveFacts.RateOnAsync(db, from, to, today, ct);
            return r;
        }
        var result = new List<ActivityReturn>();
        foreach (var r in requests)
        {
            long pipeline = 0, won = 0;
            var unconverted = new SortedSet<string>();
            var count = 0;
            foreach (var d in deals[r.Id])
            {
                count++;
                var value = d.Status switch
                {
                    DealStatus.Won => d.ActualMinor ?? 0,
                    DealStatus.Pending or DealStatus.Approved => d.EstimatedMinor,
                    _ => 0,
                };
                if (value == 0) continue;
                if (await RateAsync(d.Currency, r.Currency) is not { } rate)
                {
                    unconverted.Add(d.Currency);
                    continue;
                }
                var converted = Exact.Convert(value, d.Currency, r.Currency, rate);
                pipeline += converted;
                if (d.Status == DealStatus.Won) won += converted;
            }
            var funds = reimbursed.TryGetValue(r.Id, out var paid) ? paid : r.ApprovedMinor ?? 0;
            result.Add(new ActivityReturn(r.Id, r.Title, r.PartnerId, names.GetValueOrDefault(r.PartnerId, ""), themes.GetValueOrDefault(r.ThemeId, ""),
                FundViews.Name(r.Status), new Money(funds, r.Currency).ToValue(), leads.GetValueOrDefault(r.Id), count,
                new Money(pipeline, r.Currency).ToValue(), new Money(won, r.Currency).ToValue(),
                funds > 0 ? Math.Round((decimal)pipeline / funds, 2) : null, funds > 0 ? Math.Round((decimal)won / funds, 2) : null, unconverted.ToList()));
        }
        return result;
    }
}
