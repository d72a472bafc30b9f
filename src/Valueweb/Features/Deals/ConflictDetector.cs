using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Customers;
using Valueweb.Matching;

namespace Valueweb.Features.Deals;

/// <summary>One claim on the same end customer that overlaps in product lines.</summary>
public sealed record FoundConflict(
    ConflictKind Kind, Guid OtherId, Guid CustomerAccountId, double Score, MatchBasis Basis, string MatchReason,
    IReadOnlyList<Guid> ProductLineIds, DealStatus? OtherStatus, DateTimeOffset? ProtectedUntil, Guid? OtherPartnerId, DateTimeOffset? OtherSubmittedAt);

/// <summary>What a check found: the account the customer is (if any), and the conflicts, best score first.</summary>
public sealed record Detection(CustomerAccount? Account, IReadOnlyList<FoundConflict> Conflicts);

/// <summary>
/// Finds claims on the same end customer: candidate accounts are those sharing a blocking key with the description
/// (an index lookup, whatever the number of registrations), scored by the matching library; claims are the open
/// registrations, open direct deals and named accounts of the accounts that match, overlapping in product lines.
/// Reads across all partners on purpose; callers decide what the asker may learn.
/// </summary>
public sealed class ConflictDetector(ValuewebDb db, TimeProvider clock)
{
    private const int MaxCandidates = 200;

    public async Task<Detection> DetectAsync(CompanyDescription customer, IReadOnlyCollection<Guid> productLines, Guid partnerId, double threshold,
        Guid? exclude, CancellationToken ct)
    {
        var keys = CompanyMatcher.BlockingKeys(customer).Distinct().ToList();
        var candidateIds = await db.CustomerKeys.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(k => keys.Contains(k.KeyHash))
            .GroupBy(k => k.CustomerAccountId)
            .Select(g => new { Id = g.Key, Shared = g.Count() })
            .OrderByDescending(g => g.Shared).Take(MaxCandidates)
            .Select(g => g.Id).ToListAsync(ct);
        if (candidateIds.Count == 0) return new Detection(null, []);

        var accounts = await db.CustomerAccounts.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
            .Include(a => a.Aliases).Where(a => candidateIds.Contains(a.Id)).ToListAsync(ct);
        var matches = accounts
            .Select(a => (Account: a, Match: CompanyMatcher.Compare(customer, a.Describe())))
            .Where(m => m.Match.Score >= threshold)
            .OrderByDescending(m => m.Match.Score).ThenBy(m => m.Account.CreatedAt)
            .ToList();
        if (matches.Count == 0) return new Detection(null, []);
        if (productLines.Count == 0) return new Detection(matches[0].Account, []);
        var byAccount = matches.ToDictionary(m => m.Account.Id, m => m.Match);
        var matched = byAccount.Keys.ToList();
        var lines = productLines.ToList();
        var now = clock.GetUtcNow();

        var registrations = await db.DealRegistrations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
            .Where(r => matched.Contains(r.CustomerAccountId)
                && (r.Status == DealStatus.Pending || (r.Status == DealStatus.Approved && r.ProtectedUntil > now))
                && r.ProductLines.Any(p => lines.Contains(p.ProductLineId)))
            .Select(r => new
            {
                r.Id,
                r.PartnerId,
                r.CustomerAccountId,
                r.Status,
                r.ProtectedUntil,
                r.SubmittedAt,
                Lines = r.ProductLines.Where(p => lines.Contains(p.ProductLineId)).Select(p => p.ProductLineId).ToList(),
            })
            .ToListAsync(ct);
        var direct = await db.DirectDeals.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
            .Where(d => d.Open && matched.Contains(d.CustomerAccountId) && d.ProductLines.Any(p => lines.Contains(p.ProductLineId)))
            .Select(d => new { d.Id, d.CustomerAccountId, Lines = d.ProductLines.Where(p => lines.Contains(p.ProductLineId)).Select(p => p.ProductLineId).ToList() })
            .ToListAsync(ct);
        var named = await db.NamedAccounts.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
            .Where(n => matched.Contains(n.CustomerAccountId) && (!n.ProductLines.Any() || n.ProductLines.Any(p => lines.Contains(p.ProductLineId))))
            .Select(n => new { n.Id, n.CustomerAccountId, Lines = n.ProductLines.Where(p => lines.Contains(p.ProductLineId)).Select(p => p.ProductLineId).ToList() })
            .ToListAsync(ct);

        var found = new List<FoundConflict>();
        foreach (var r in registrations.Where(r => r.Id != exclude))
        {
            var m = byAccount[r.CustomerAccountId];
            var kind = r.PartnerId == partnerId ? ConflictKind.OwnDuplicate : ConflictKind.Registration;
            found.Add(new FoundConflict(kind, r.Id, r.CustomerAccountId, m.Score, m.Basis, m.Reason, r.Lines, r.Status,
                r.Status == DealStatus.Approved ? r.ProtectedUntil : null, r.PartnerId, r.SubmittedAt));
        }
        foreach (var d in direct)
        {
            var m = byAccount[d.CustomerAccountId];
            found.Add(new FoundConflict(ConflictKind.DirectDeal, d.Id, d.CustomerAccountId, m.Score, m.Basis, m.Reason, d.Lines, null, null, null, null));
        }
        foreach (var n in named)
        {
            var m = byAccount[n.CustomerAccountId];
            found.Add(new FoundConflict(ConflictKind.NamedAccount, n.Id, n.CustomerAccountId, m.Score, m.Basis, m.Reason,
                n.Lines.Count == 0 ? lines : n.Lines, null, null, null, null));
        }
        var ordered = found.OrderByDescending(f => f.Score).ThenBy(f => f.OtherSubmittedAt ?? DateTimeOffset.MinValue).ToList();
        return new Detection(matches[0].Account, ordered);
    }
}
