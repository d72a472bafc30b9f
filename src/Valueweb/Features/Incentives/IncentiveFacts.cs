using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Incentives;

/// <summary>The facts one deal's accruals need, read once from the database: tiers, rates on the close date, SPIFF use.</summary>
public sealed class IncentiveFacts : IIncentiveFacts
{
    private readonly Dictionary<Guid, (Guid, string)> tiers = [];
    private readonly Dictionary<(string, string), long> rates = [];
    private readonly Dictionary<(Guid, Guid), long> earned = [];

    public (Guid Id, string Name)? TierOf(Guid partnerId) => tiers.TryGetValue(partnerId, out var t) ? t : null;

    public long? Rate(string from, string to, DateOnly day) => rates.TryGetValue((from, to), out var r) ? r : null;

    public long EarnedFromRule(Guid ruleId, Guid partnerId) => earned.GetValueOrDefault((ruleId, partnerId));

    public void Earned(Accrual line)
    {
        if (line.RuleId is { } rule) earned[(rule, line.PartnerId)] = EarnedFromRule(rule, line.PartnerId) + line.AmountMinor;
    }

    public static async Task<IncentiveFacts> LoadAsync(ValuewebDb db, IReadOnlyList<IncentiveProgram> programs, IReadOnlyList<Guid> partners,
        string currency, DateOnly day, CancellationToken ct)
    {
        var facts = new IncentiveFacts();
        var partnerTiers = await (from p in db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                                  join t in db.Tiers on p.TierId equals t.Id
                                  where partners.Contains(p.Id)
                                  select new { p.Id, TierId = t.Id, t.Name }).ToListAsync(ct);
        foreach (var t in partnerTiers) facts.tiers[t.Id] = (t.TierId, t.Name);

        var targets = programs.Select(p => p.Currency).Where(c => c != currency).Distinct().ToList();
        foreach (var to in targets)
            if (await RateOnAsync(db, currency, to, day, ct) is { } rate) facts.rates[(currency, to)] = rate;

        var capped = programs.SelectMany(p => p.Rules).Where(r => r.CapMinor != null).Select(r => r.Id).ToList();
        if (capped.Count > 0)
        {
            var sums = await db.Accruals.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                .Where(a => a.RuleId != null && capped.Contains(a.RuleId.Value) && partners.Contains(a.PartnerId))
                .GroupBy(a => new { RuleId = a.RuleId!.Value, a.PartnerId }).Select(g => new { g.Key.RuleId, g.Key.PartnerId, Sum = g.Sum(a => a.AmountMinor) })
                .ToListAsync(ct);
            foreach (var s in sums) facts.earned[(s.RuleId, s.PartnerId)] = s.Sum;
        }
        return facts;
    }

    /// <summary>Finance's rate in force on the day: the latest on or before it, direct or else the inverse of the opposite pair.</summary>
    public static async Task<long?> RateOnAsync(ValuewebDb db, string from, string to, DateOnly day, CancellationToken ct)
    {
        var direct = await db.ExchangeRates.AsNoTracking().Where(r => r.From == from && r.To == to && r.ValidFrom <= day)
            .OrderByDescending(r => r.ValidFrom).Select(r => (long?)r.RateMicros).FirstOrDefaultAsync(ct);
        if (direct is not null) return direct;
        var inverse = await db.ExchangeRates.AsNoTracking().Where(r => r.From == to && r.To == from && r.ValidFrom <= day)
            .OrderByDescending(r => r.ValidFrom).Select(r => (long?)r.RateMicros).FirstOrDefaultAsync(ct);
        return inverse is { } i and > 0 ? Exact.MulDiv(1_000_000, 1_000_000, i) : null;
    }
}
