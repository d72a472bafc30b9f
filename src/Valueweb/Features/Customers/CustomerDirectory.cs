using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Matching;

namespace Valueweb.Features.Customers;

/// <summary>Finds the customer account a description matches best, or records a new one with its blocking keys.</summary>
public static class CustomerDirectory
{
    /// <param name="newKeys">When given, a new account's blocking keys are put here for <see cref="InsertKeysAsync"/> after
    /// the account is saved, instead of being tracked one entity each (twenty of them cost more than the rest of a registration).</param>
    public static async Task<CustomerAccount> FindOrCreateAsync(ValuewebDb db, Guid? matchedId, string name, string? domain, string country, DateTimeOffset now,
        CancellationToken ct, List<long>? newKeys = null)
    {
        var accounts = db.CustomerAccounts.IgnoreQueryFilters([ValuewebDb.TenantFilter]);
        var account = matchedId is { } id ? await accounts.FirstAsync(a => a.Id == id, ct) : null;
        if (account is null)
        {
            account = new CustomerAccount { Name = name, Domain = domain, CountryCode = country, CreatedAt = now };
            db.CustomerAccounts.Add(account);
            if (newKeys is not null) newKeys.AddRange(CompanyMatcher.BlockingKeys(account.Describe()).Distinct());
            else AddKeys(db, account.Id, CompanyMatcher.BlockingKeys(account.Describe()), []);
        }
        else if (account.Domain is null && domain is not null)
        {
            account.Domain = domain;
            account.Version++;
            await AddMissingKeysAsync(db, account.Id, CompanyMatcher.BlockingKeys(CompanyDescription.Of(account.Name, domain)), ct);
        }
        return account;
    }

    /// <summary>Inserts an account's blocking keys in one statement, inside the caller's transaction, once the account is saved.</summary>
    public static async Task InsertKeysAsync(ValuewebDb db, Guid accountId, IReadOnlyCollection<long> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        var distinct = keys.Distinct().ToArray();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"CustomerKeys\" (\"KeyHash\", \"CustomerAccountId\") SELECT k, {accountId} FROM unnest({distinct}) AS t(k) ON CONFLICT DO NOTHING", ct);
        else
            await db.Database.ExecuteSqlAsync(
                $"INSERT OR IGNORE INTO \"CustomerKeys\" (\"KeyHash\", \"CustomerAccountId\") SELECT value, {accountId} FROM json_each({System.Text.Json.JsonSerializer.Serialize(distinct)})", ct);
    }

    /// <summary>Adds the keys of another name (an alias) to an account.</summary>
    public static Task AddAliasKeysAsync(ValuewebDb db, Guid accountId, string alias, CancellationToken ct) =>
        AddMissingKeysAsync(db, accountId, CompanyMatcher.BlockingKeys(CompanyDescription.Of(alias)), ct);

    private static async Task AddMissingKeysAsync(ValuewebDb db, Guid accountId, IReadOnlyList<long> keys, CancellationToken ct)
    {
        var list = keys.Distinct().ToList();
        var existing = await db.CustomerKeys.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(k => k.CustomerAccountId == accountId && list.Contains(k.KeyHash)).Select(k => k.KeyHash).ToListAsync(ct);
        AddKeys(db, accountId, list, existing);
    }

    private static void AddKeys(ValuewebDb db, Guid accountId, IEnumerable<long> keys, IReadOnlyCollection<long> existing)
    {
        foreach (var key in keys.Distinct().Except(existing))
            db.CustomerKeys.Add(new CustomerKey { KeyHash = key, CustomerAccountId = accountId });
    }
}
