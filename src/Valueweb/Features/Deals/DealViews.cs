using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record NamedRef(Guid Id, string Name);

public sealed record DealCustomer(string Name, string? Domain, string Country, Guid? AccountId);

public sealed record DealContact(string Name, string Email, string? Phone);

public sealed record DealStageView(string Key, string Name, int Probability);

/// <summary>The other side of a conflict, shown to the vendor only.</summary>
public sealed record ConflictingClaim(string Kind, Guid Id, NamedRef? Partner, string Customer, string? Status, DateTimeOffset? SubmittedAt,
    DateTimeOffset? ProtectedUntil, MoneyValue? EstimatedValue);

public sealed record ConflictView(string Kind, double Score, string Reason, ConflictingClaim? Other);

public sealed record DealDetail(
    Guid Id, string Status, bool InConflict, DealCustomer Customer, DealContact Contact, IReadOnlyList<NamedRef> ProductLines,
    MoneyValue EstimatedValue, DateOnly ExpectedCloseDate, DealStageView Stage, string Description, NamedRef Partner, NamedRef? RegisteredBy,
    NamedRef? ReferredBy, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? DecisionReason, DateTimeOffset? ProtectedUntil,
    int Extensions, bool MayRequestExtension, MoneyValue? ActualValue, DateOnly? ClosedOn, string? LostReason, IReadOnlyList<ConflictView> Conflicts, long Version);

public sealed record DealSummary(Guid Id, string Status, bool InConflict, string Customer, string Country, NamedRef Partner, MoneyValue EstimatedValue,
    DateOnly ExpectedCloseDate, string Stage, DateTimeOffset SubmittedAt, DateTimeOffset? ProtectedUntil);

public sealed record DealFilter(string? Status, bool? InConflict, Guid? PartnerId, string? Q);

/// <summary>Registrations as the caller may see them. A partner gets its own (and granted) ones; the vendor gets conflicts side by side.</summary>
public sealed class DealViews(ValuewebDb db, CurrentActor current, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public static string Location(Guid id) => $"/api/v1/deal-registrations/{id}";

    public static string PagePath(Guid id) => $"/deals/{id}";

    public static string StatusName(DealStatus s) => JsonNamingPolicy.CamelCase.ConvertName(s.ToString());

    public static DealStatus? ParseStatus(string? s) => Enum.TryParse<DealStatus>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : null;

    public string Json(DealDetail detail) => JsonSerializer.Serialize(detail, json.Value.SerializerOptions);

    public async Task<DealDetail?> DetailAsync(Guid id, CancellationToken ct)
    {
        var actor = current.Required;
        var r = await db.DealRegistrations.AsNoTracking().Include(x => x.ProductLines).Include(x => x.Conflicts).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var rules = await EngagementRules.LoadAsync(db, ct);
        var lineIds = r.ProductLines.Select(p => p.ProductLineId).ToList();
        var lines = await db.ProductLines.Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var orgIds = new[] { r.PartnerId, r.RegisteredByPartnerId, r.ReferredByPartnerId ?? Guid.Empty }.Distinct().ToList();
        var names = await OrganisationNamesAsync(orgIds, ct);
        var conflicts = actor.IsVendor ? await VendorConflictsAsync(r, ct) : null;
        return Build(r, rules, lines, names, conflicts);
    }

    /// <summary>
    /// The registration as the caller sees it, from rows already in hand (registering builds its answer from what it
    /// just saved). <paramref name="vendorConflicts"/> is the vendor's side-by-side view; null gives the partner's.
    /// </summary>
    public DealDetail Build(DealRegistration r, EngagementRules rules, IReadOnlyDictionary<Guid, string> lineNames, IReadOnlyDictionary<Guid, string> orgNames,
        List<ConflictView>? vendorConflicts)
    {
        var actor = current.Required;
        NamedRef Org(Guid g) => new(g, orgNames.TryGetValue(g, out var n) ? n : "");
        var lines = r.ProductLines.Select(p => new NamedRef(p.ProductLineId, lineNames.TryGetValue(p.ProductLineId, out var n) ? n : ""))
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var stage = rules.Stage(r.Stage) ?? new DealStage { Key = r.Stage, Name = r.Stage };
        var conflicts = vendorConflicts
            ?? r.Conflicts.OrderByDescending(c => c.Score).Select(c => new ConflictView(ConflictWording.KindName(c.Kind), Math.Round(c.Score, 3), c.Reason, null)).ToList();
        return new DealDetail(
            r.Id, StatusName(r.Status), r.InConflict,
            new DealCustomer(r.CustomerName, r.CustomerDomain, r.CustomerCountry, actor.IsVendor ? r.CustomerAccountId : null),
            new DealContact(r.ContactName, r.ContactEmail, r.ContactPhone), lines,
            new Money(r.EstimatedMinor, r.Currency).ToValue(), r.ExpectedCloseDate, new DealStageView(stage.Key, stage.Name, stage.Probability), r.Description,
            Org(r.PartnerId), r.RegisteredByPartnerId != r.PartnerId ? Org(r.RegisteredByPartnerId) : null,
            r.ReferredByPartnerId is { } referrer ? Org(referrer) : null,
            r.SubmittedAt, r.DecidedAt, r.DecisionReason, r.ProtectedUntil, r.Extensions,
            r.Status == DealStatus.Approved && rules.MayExtend(r.Extensions) && r.PartnerId == actor.OrganisationId,
            r.ActualMinor is { } actual ? new Money(actual, r.Currency).ToValue() : null, r.ClosedOn, r.LostReason, conflicts, r.Version);
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(List<Guid> ids, CancellationToken ct) =>
        await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);

    /// <summary>The vendor sees each conflicting claim itself: who, what, when.</summary>
    private async Task<List<ConflictView>> VendorConflictsAsync(DealRegistration r, CancellationToken ct)
    {
        var otherIds = r.Conflicts.Select(c => c.OtherId).ToList();
        var regs = await db.DealRegistrations.AsNoTracking().Where(x => otherIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var names = await OrganisationNamesAsync(regs.Values.Select(x => x.PartnerId).Distinct().ToList(), ct);
        var direct = await db.DirectDeals.AsNoTracking().Where(d => otherIds.Contains(d.Id))
            .Join(db.CustomerAccounts, d => d.CustomerAccountId, a => a.Id, (d, a) => new { d.Id, d.Title, Customer = a.Name, d.Open, d.CreatedAt })
            .ToDictionaryAsync(x => x.Id, ct);
        var named = await db.NamedAccounts.AsNoTracking().Where(n => otherIds.Contains(n.Id))
            .Join(db.CustomerAccounts, n => n.CustomerAccountId, a => a.Id, (n, a) => new { n.Id, Customer = a.Name, n.CreatedAt })
            .ToDictionaryAsync(x => x.Id, ct);
        var views = new List<ConflictView>();
        foreach (var c in r.Conflicts.OrderByDescending(c => c.Score))
        {
            ConflictingClaim? other = null;
            if (regs.TryGetValue(c.OtherId, out var o))
                other = new ConflictingClaim("registration", o.Id, new NamedRef(o.PartnerId, names.GetValueOrDefault(o.PartnerId, "")), o.CustomerName,
                    StatusName(o.Status), o.SubmittedAt, o.ProtectedUntil, new Money(o.EstimatedMinor, o.Currency).ToValue());
            else if (direct.TryGetValue(c.OtherId, out var d))
                other = new ConflictingClaim("directDeal", d.Id, null, d.Customer + " — " + d.Title, d.Open ? "open" : "closed", d.CreatedAt, null, null);
            else if (named.TryGetValue(c.OtherId, out var n))
                other = new ConflictingClaim("namedAccount", n.Id, null, n.Customer, "reserved", n.CreatedAt, null, null);
            views.Add(new ConflictView(ConflictWording.KindName(c.Kind), Math.Round(c.Score, 3), c.Reason, other));
        }
        return views;
    }

    public IQueryable<DealRegistration> Filtered(DealFilter f)
    {
        var q = db.DealRegistrations.AsNoTracking();
        if (ParseStatus(f.Status) is { } status) q = q.Where(r => r.Status == status);
        if (f.InConflict is { } conflict) q = q.Where(r => r.InConflict == conflict);
        if (f.PartnerId is { } partner) q = q.Where(r => r.PartnerId == partner);
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(r => r.CustomerName.ToLower().Contains(f.Q.Trim().ToLower()));
        return q;
    }

    /// <summary>Newest first, keyset-paged on the (time-ordered) id.</summary>
    public async Task<Page<DealSummary>> ListAsync(DealFilter f, int take, Guid? after, CancellationToken ct)
    {
        var q = Filtered(f);
        if (after is { } last) q = q.Where(r => r.Id.CompareTo(last) < 0);
        var rows = await q.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var rules = await EngagementRules.LoadAsync(db, ct);
        var names = await OrganisationNamesAsync(rows.Select(r => r.PartnerId).Distinct().ToList(), ct);
        var items = rows.Take(take).Select(r => new DealSummary(r.Id, StatusName(r.Status), r.InConflict, r.CustomerName, r.CustomerCountry,
            new NamedRef(r.PartnerId, names.GetValueOrDefault(r.PartnerId, "")), new Money(r.EstimatedMinor, r.Currency).ToValue(), r.ExpectedCloseDate,
            rules.Stage(r.Stage)?.Name ?? r.Stage, r.SubmittedAt, r.ProtectedUntil)).ToList();
        return new Page<DealSummary>(items, rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null);
    }
}
