using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record AccrualView(Guid Id, Guid PartnerId, string PartnerName, string Kind, string Rule, string? RuleKind, Guid? RegistrationId,
    string? CustomerName, MoneyValue Amount, MoneyValue DealValue, decimal ExchangeRate, decimal? Rate, decimal Share, decimal Multiplier,
    string Explanation, DateOnly EarnedOn, string Period, string Status, bool Disputed, Guid? ReversesId, Guid? BatchId,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

public sealed record StatementTotal(string Currency, MoneyValue Accrued, MoneyValue Approved, MoneyValue Paid, MoneyValue Total, int Lines, int Disputed);

public sealed record StatementView(Guid PartnerId, string PartnerName, string Period, IReadOnlyList<StatementTotal> Totals);

public sealed record DisputeView(Guid Id, Guid AccrualId, Guid PartnerId, string PartnerName, string Comment, DateTimeOffset OpenedAt, string Status,
    string? Resolution, DateTimeOffset? ResolvedAt, Guid? AdjustmentId, AccrualView Line, long Version);

public sealed record AccrualFilter(string? Period, Guid? PartnerId, string? Status, Guid? RegistrationId);

/// <summary>A line with what its payout batch says of it: none or a draft → accrued, else approved or paid.</summary>
public sealed class AccrualState
{
    public Accrual Line { get; init; } = null!;
    public Guid? BatchId { get; init; }
    public AccrualStatus Status { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
}

/// <summary>What statements, lines and disputes look like to the caller: a partner sees its own (the tenant filter), the vendor everyone's.</summary>
public sealed class EarningsViews(ValuewebDb db, CurrentActor current)
{
    public static string StatusName(AccrualStatus s) => s switch { AccrualStatus.Accrued => "accrued", AccrualStatus.Approved => "approved", _ => "paid" };

    public static AccrualStatus? ParseStatus(string? s) => s switch { "accrued" => AccrualStatus.Accrued, "approved" => AccrualStatus.Approved, "paid" => AccrualStatus.Paid, _ => null };

    public static string KindName(AccrualKind k) => k switch
    {
        AccrualKind.Earning => "earning",
        AccrualKind.Clawback => "clawback",
        AccrualKind.FundReimbursement => "fundReimbursement",
        _ => "adjustment",
    };

    public static string DisputeStatusName(DisputeStatus s) => s switch { DisputeStatus.Open => "open", DisputeStatus.Upheld => "upheld", _ => "rejected" };

    /// <summary>Lines with their status, read through their batch (the tenant filters apply to all three tables).</summary>
    public static IQueryable<AccrualState> States(ValuewebDb db, IQueryable<Accrual> lines) =>
        from a in lines
        join l in db.PayoutBatchLines on a.Id equals l.AccrualId into ls
        from l in ls.DefaultIfEmpty()
        join b in db.PayoutBatches on l!.BatchId equals b.Id into bs
        from b in bs.DefaultIfEmpty()
        select new AccrualState
        {
            Line = a,
            BatchId = b == null ? null : b.Id,
            Status = b == null ? AccrualStatus.Accrued
                : b.Status == PayoutBatchStatus.Paid ? AccrualStatus.Paid
                : b.Status == PayoutBatchStatus.Approved ? AccrualStatus.Approved
                : AccrualStatus.Accrued,
            PaidAt = b == null ? null : b.PaidAt,
        };

    public async Task<Page<AccrualView>> ListAsync(AccrualFilter filter, int limit, Guid? after, CancellationToken ct)
    {
        var lines = db.Accruals.AsNoTracking();
        if (filter.Period is { } period) lines = lines.Where(a => a.Period == period);
        if (filter.PartnerId is { } partner) lines = lines.Where(a => a.PartnerId == partner);
        if (filter.Status == "disputed") lines = lines.Where(a => a.Disputed);
        if (filter.RegistrationId is { } reg) lines = lines.Where(a => a.RegistrationId == reg);
        if (after is { } a0) lines = lines.Where(a => a.Id.CompareTo(a0) > 0);
        var q = States(db, lines);
        if (ParseStatus(filter.Status) is { } status) q = q.Where(s => s.Status == status);
        var rows = await q.OrderBy(s => s.Line.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return new Page<AccrualView>(await ViewsAsync(rows, ct), more ? Paging.Encode(rows[^1].Line.Id.ToString()) : null);
    }

    public async Task<AccrualView?> DetailAsync(Guid id, CancellationToken ct) =>
        await States(db, db.Accruals.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct) is { } row ? (await ViewsAsync([row], ct))[0] : null;

    public async Task<StatementView?> StatementAsync(Guid partnerId, string period, CancellationToken ct)
    {
        var name = await PartnerNameAsync(partnerId, ct);
        if (name is null) return null;
        var groups = await States(db, db.Accruals.AsNoTracking().Where(a => a.PartnerId == partnerId && a.Period == period))
            .GroupBy(s => new { s.Line.Currency, s.Status })
            .Select(g => new { g.Key.Currency, g.Key.Status, Sum = g.Sum(s => s.Line.AmountMinor), Count = g.Count(), Disputed = g.Count(s => s.Line.Disputed) })
            .ToListAsync(ct);
        var totals = groups.GroupBy(g => g.Currency).OrderBy(g => g.Key).Select(g =>
        {
            long Sum(AccrualStatus s) => g.Where(x => x.Status == s).Sum(x => x.Sum);
            MoneyValue M(long minor) => new Money(minor, g.Key).ToValue();
            return new StatementTotal(g.Key, M(Sum(AccrualStatus.Accrued)), M(Sum(AccrualStatus.Approved)), M(Sum(AccrualStatus.Paid)),
                M(g.Sum(x => x.Sum)), g.Sum(x => x.Count), g.Sum(x => x.Disputed));
        }).ToList();
        return new StatementView(partnerId, name, period, totals);
    }

    /// <summary>What the partner earned per period and currency (all statuses, clawbacks deducted), the last twelve periods with lines.</summary>
    public async Task<List<(string Period, string Currency, long Minor)>> ByPeriodAsync(Guid partnerId, CancellationToken ct)
    {
        var rows = await db.Accruals.AsNoTracking().Where(a => a.PartnerId == partnerId).GroupBy(a => new { a.Period, a.Currency })
            .Select(g => new { g.Key.Period, g.Key.Currency, Sum = g.Sum(a => a.AmountMinor) }).ToListAsync(ct);
        var periods = rows.Select(r => r.Period).Distinct().OrderByDescending(p => p).Take(12).ToHashSet();
        return rows.Where(r => periods.Contains(r.Period)).OrderBy(r => r.Period).ThenBy(r => r.Currency).Select(r => (r.Period, r.Currency, r.Sum)).ToList();
    }

    /// <summary>The periods the partner has lines in, newest first.</summary>
    public Task<List<string>> PeriodsAsync(Guid partnerId, CancellationToken ct) =>
        db.Accruals.AsNoTracking().Where(a => a.PartnerId == partnerId).Select(a => a.Period).Distinct().OrderByDescending(p => p).Take(60).ToListAsync(ct);

    public async Task<Page<DisputeView>> DisputesAsync(DisputeStatus? status, Guid? accrualId, int limit, Guid? after, CancellationToken ct)
    {
        var q = db.AccrualDisputes.AsNoTracking();
        if (status is { } s) q = q.Where(d => d.Status == s);
        if (accrualId is { } a) q = q.Where(d => d.AccrualId == a);
        if (after is { } a0) q = q.Where(d => d.Id.CompareTo(a0) > 0);
        var rows = await q.OrderBy(d => d.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        var ids = rows.Select(d => d.AccrualId).Distinct().ToList();
        var lines = await States(db, db.Accruals.AsNoTracking().Where(x => ids.Contains(x.Id))).ToListAsync(ct);
        var views = (await ViewsAsync(lines, ct)).ToDictionary(v => v.Id);
        return new Page<DisputeView>(rows.Select(d => DisputeOf(d, views[d.AccrualId])).ToList(), more ? Paging.Encode(rows[^1].Id.ToString()) : null);
    }

    public async Task<DisputeView?> DisputeAsync(Guid id, CancellationToken ct)
    {
        if (await db.AccrualDisputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is not { } d) return null;
        return await DetailAsync(d.AccrualId, ct) is { } line ? DisputeOf(d, line) : null;
    }

    private static DisputeView DisputeOf(AccrualDispute d, AccrualView line) => new(d.Id, d.AccrualId, d.PartnerId, line.PartnerName, d.Comment, d.OpenedAt,
        DisputeStatusName(d.Status), d.Resolution, d.ResolvedAt, d.AdjustmentId, line, d.Version);

    private async Task<string?> PartnerNameAsync(Guid partnerId, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == partnerId && o.Kind == Organisations.OrganisationKind.Partner).Select(o => o.DisplayName).FirstOrDefaultAsync(ct);

    private async Task<List<AccrualView>> ViewsAsync(List<AccrualState> states, CancellationToken ct)
    {
        var rows = states.Select(s => s.Line).ToList();
        var partnerIds = rows.Select(r => r.PartnerId).Distinct().ToList();
        var names = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(o => partnerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var regIds = rows.Where(r => r.RegistrationId != null).Select(r => r.RegistrationId!.Value).Distinct().ToList();
        // The line's partner knows the customer it earned from, even when another partner owns the registration (a referral).
        var customers = await db.DealRegistrations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(r => regIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.CustomerName, ct);
        var vendor = current.Value?.IsVendor == true;
        return states.Select(View).ToList();

        AccrualView View(AccrualState s)
        {
            var a = s.Line;
            return new(a.Id, a.PartnerId, names.GetValueOrDefault(a.PartnerId, ""), KindName(a.Kind), a.RuleName,
                a.RuleKind is { } k ? ProgramEditing.KindName(k) : null, a.RegistrationId,
                a.RegistrationId is { } rid ? customers.GetValueOrDefault(rid) : null,
                new Money(a.AmountMinor, a.Currency).ToValue(), new Money(a.BaseMinor, a.BaseCurrency).ToValue(), a.ExchangeRateMicros / 1_000_000m,
                a.RuleKind == IncentiveRuleKind.Percentage ? a.RatePpm / 10_000m : null, a.ShareBasisPoints / 100m, a.MultiplierPermille / 1000m,
                a.Explanation, a.EarnedOn, a.Period, StatusName(s.Status), a.Disputed, a.ReversesId, vendor ? s.BatchId : null, a.CreatedAt, s.PaidAt);
        }
    }
}
