using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Funds;

public sealed record PoolView(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, MoneyValue Amount, MoneyValue Allocated, MoneyValue Left);

public sealed record BudgetView(Guid Id, Guid PoolId, string PoolName, Guid PartnerId, string PartnerName, DateOnly StartsOn, DateOnly EndsOn,
    MoneyValue Amount, MoneyValue Committed, MoneyValue Left);

public sealed record ThemeView(Guid Id, string Name, string Description, bool Active);

public sealed record FileView(Guid Id, string Name, string ContentType, long Length);

public sealed record FundClaimView(Guid Id, Guid RequestId, string Description, MoneyValue Claimed, MoneyValue? Approved, string Status, string? DecisionReason,
    IReadOnlyList<FileView> Files, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, Guid? AccrualId, long Version);

public sealed record FundRequestView(Guid Id, Guid PartnerId, string PartnerName, Guid BudgetId, ThemeView Theme, string Title, string Plan, DateOnly StartsOn,
    DateOnly EndsOn, MoneyValue Requested, MoneyValue? Approved, string Status, string? DecisionReason, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt,
    IReadOnlyList<FundClaimView> Claims, long Version);

/// <summary>Funds as the caller sees them: a partner its own budgets, requests and claims (the tenant filter); the vendor everyone's.</summary>
public sealed class FundViews(ValuewebDb db)
{
    public static string Name(FundRequestStatus s) => s switch
    {
        FundRequestStatus.Submitted => "submitted",
        FundRequestStatus.Approved => "approved",
        FundRequestStatus.Rejected => "rejected",
        FundRequestStatus.Claimed => "claimed",
        _ => "reimbursed",
    };

    public static string Name(FundClaimStatus s) => s switch { FundClaimStatus.Submitted => "submitted", FundClaimStatus.Approved => "approved", _ => "rejected" };

    public static FundRequestStatus? ParseRequestStatus(string? s) => Enum.GetValues<FundRequestStatus>().Cast<FundRequestStatus?>().FirstOrDefault(x => Name(x!.Value) == s);

    public async Task<List<PoolView>> PoolsAsync(CancellationToken ct) =>
        (await db.FundPools.AsNoTracking().OrderByDescending(p => p.StartsOn).Take(Paging.MaxLimit).ToListAsync(ct)).Select(Pool).ToList();

    public static PoolView Pool(FundPool p) => new(p.Id, p.Name, p.StartsOn, p.EndsOn, new Money(p.AmountMinor, p.Currency).ToValue(),
        new Money(p.AllocatedMinor, p.Currency).ToValue(), new Money(p.AmountMinor - p.AllocatedMinor, p.Currency).ToValue());

    public async Task<List<BudgetView>> BudgetsAsync(Guid? poolId, Guid? partnerId, CancellationToken ct)
    {
        // The budgets the caller may see first (the tenant filter); their pools and partners' names apart, by id.
        var q = db.FundBudgets.AsNoTracking();
        if (poolId is { } pid) q = q.Where(b => b.PoolId == pid);
        if (partnerId is { } partner) q = q.Where(b => b.PartnerId == partner);
        var budgets = await q.Take(500).ToListAsync(ct);
        var poolIds = budgets.Select(b => b.PoolId).Distinct().ToList();
        var partnerIds = budgets.Select(b => b.PartnerId).Distinct().ToList();
        var pools = await db.FundPools.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(p => poolIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var names = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(o => partnerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        return budgets.Select(b => (b, p: pools[b.PoolId])).OrderByDescending(x => x.p.StartsOn).ThenBy(x => names.GetValueOrDefault(x.b.PartnerId))
            .Select(x => new BudgetView(x.b.Id, x.b.PoolId, x.p.Name, x.b.PartnerId, names.GetValueOrDefault(x.b.PartnerId, ""), x.p.StartsOn, x.p.EndsOn,
                new Money(x.b.AmountMinor, x.p.Currency).ToValue(), new Money(x.b.CommittedMinor, x.p.Currency).ToValue(),
                new Money(x.b.AmountMinor - x.b.CommittedMinor, x.p.Currency).ToValue())).ToList();
    }

    public async Task<List<ThemeView>> ThemesAsync(bool activeOnly, CancellationToken ct) =>
        await db.CampaignThemes.AsNoTracking().Where(t => !activeOnly || t.Active).OrderBy(t => t.Name)
            .Select(t => new ThemeView(t.Id, t.Name, t.Description, t.Active)).ToListAsync(ct);

    public async Task<Page<FundRequestView>> RequestsAsync(FundRequestStatus? status, Guid? partnerId, int limit, Guid? after, CancellationToken ct)
    {
        var q = db.FundRequests.AsNoTracking();
        if (status is { } s) q = q.Where(r => r.Status == s);
        if (partnerId is { } p) q = q.Where(r => r.PartnerId == p);
        if (after is { } a) q = q.Where(r => r.Id.CompareTo(a) < 0);
        var rows = await q.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return new Page<FundRequestView>(await ViewsAsync(rows, ct), more ? Paging.Encode(rows[^1].Id.ToString()) : null);
    }

    public async Task<FundRequestView?> RequestAsync(Guid id, CancellationToken ct) =>
        await db.FundRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? (await ViewsAsync([r], ct))[0] : null;

    public async Task<FundClaimView?> ClaimAsync(Guid id, CancellationToken ct) =>
        await db.FundClaims.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? (await ClaimViewsAsync([c], ct))[0] : null;

    public async Task<Page<FundClaimView>> ClaimsAsync(FundClaimStatus? status, int limit, Guid? after, CancellationToken ct)
    {
        var q = db.FundClaims.AsNoTracking();
        if (status is { } s) q = q.Where(c => c.Status == s);
        if (after is { } a) q = q.Where(c => c.Id.CompareTo(a) < 0);
        var rows = await q.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return new Page<FundClaimView>(await ClaimViewsAsync(rows, ct), more ? Paging.Encode(rows[^1].Id.ToString()) : null);
    }

    private async Task<List<FundRequestView>> ViewsAsync(List<FundRequest> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var partnerIds = rows.Select(r => r.PartnerId).Distinct().ToList();
        var names = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(o => partnerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var themes = await db.CampaignThemes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var claims = (await ClaimViewsAsync(await db.FundClaims.AsNoTracking().Where(c => ids.Contains(c.RequestId)).OrderBy(c => c.SubmittedAt).ToListAsync(ct), ct))
            .ToLookup(c => c.RequestId);
        return rows.Select(r => new FundRequestView(r.Id, r.PartnerId, names.GetValueOrDefault(r.PartnerId, ""), r.BudgetId,
            themes.TryGetValue(r.ThemeId, out var t) ? new ThemeView(t.Id, t.Name, t.Description, t.Active) : new ThemeView(r.ThemeId, "", "", false),
            r.Title, r.Plan, r.StartsOn, r.EndsOn, new Money(r.RequestedMinor, r.Currency).ToValue(),
            r.ApprovedMinor is { } a ? new Money(a, r.Currency).ToValue() : null, Name(r.Status), r.DecisionReason, r.SubmittedAt, r.DecidedAt,
            claims[r.Id].ToList(), r.Version)).ToList();
    }

    private async Task<List<FundClaimView>> ClaimViewsAsync(List<FundClaim> rows, CancellationToken ct)
    {
        var ids = rows.Select(c => c.Id).ToList();
        var files = (await (from f in db.FundClaimFiles.AsNoTracking()
                            join s in db.StoredFiles.AsNoTracking() on f.FileId equals s.Id
                            where ids.Contains(f.ClaimId)
                            select new { f.ClaimId, s.Id, s.Name, s.ContentType, s.Length }).ToListAsync(ct)).ToLookup(x => x.ClaimId);
        return rows.Select(c => new FundClaimView(c.Id, c.RequestId, c.Description, new Money(c.ClaimedMinor, c.Currency).ToValue(),
            c.ApprovedMinor is { } a ? new Money(a, c.Currency).ToValue() : null, Name(c.Status), c.DecisionReason,
            files[c.Id].Select(f => new FileView(f.Id, f.Name, f.ContentType, f.Length)).ToList(), c.SubmittedAt, c.DecidedAt, c.AccrualId, c.Version)).ToList();
    }
}
