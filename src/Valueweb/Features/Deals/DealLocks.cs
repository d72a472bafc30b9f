using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Deals;

/// <summary>
/// Serialises registrations of the same end customer, inside the registering transaction, against the database's
/// own blocking keys: two descriptions that can match share a key, so they take a common lock and the later one
/// sees the earlier one committed. PostgreSQL: transaction-scoped advisory locks, taken in ascending order so two
/// registrations never wait on each other in a circle. SQLite: the transaction began IMMEDIATE, so writers already
/// run one at a time.
/// </summary>
public static class DealLocks
{
    /// <summary>Keeps registration locks apart from any other advisory lock the application takes.</summary>
    private const long Namespace = 0x5647_5245_4700_0000;

    public static async Task AcquireAsync(ValuewebDb db, IEnumerable<long> keys, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take registration locks inside the registering transaction.");
        if (!db.Database.IsNpgsql()) return;
        var sorted = keys.Select(k => k ^ Namespace).Distinct().Order().ToArray();
        if (sorted.Length == 0) return;
        await db.Database.ExecuteSqlAsync($"SELECT count(pg_advisory_xact_lock(k)) FROM unnest({sorted}) AS t(k)", ct);
    }
}
