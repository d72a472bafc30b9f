using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Leads;

/// <summary>
/// A partner's capacity, taken and given back by conditional updates inside the caller's transaction: the database
/// decides, so two nodes routing at the same moment cannot take a partner past its open-lead limit or daily quota.
/// </summary>
public static class LeadLoads
{
    /// <summary>Takes one lead of capacity; false when the partner is full (open leads or today's quota).</summary>
    public static async Task<bool> TryTakeAsync(ValuewebDb db, Guid partnerId, int maxOpen, int dailyQuota, DateOnly today, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"PartnerLeadLoads\" (\"PartnerId\", \"OpenLeads\", \"Day\", \"DayCount\", \"Assigned\") VALUES ({partnerId}, 0, {today}, 0, 0) ON CONFLICT DO NOTHING", ct);
        else
            await db.Database.ExecuteSqlAsync(
                $"INSERT OR IGNORE INTO \"PartnerLeadLoads\" (\"PartnerId\", \"OpenLeads\", \"Day\", \"DayCount\", \"Assigned\") VALUES ({partnerId}, 0, {today}, 0, 0)", ct);
        var taken = await db.Database.ExecuteSqlAsync($"""
            UPDATE "PartnerLeadLoads"
            SET "OpenLeads" = "OpenLeads" + 1,
                "DayCount" = CASE WHEN "Day" = {today} THEN "DayCount" + 1 ELSE 1 END,
                "Day" = {today},
                "Assigned" = "Assigned" + 1
            WHERE "PartnerId" = {partnerId} AND "OpenLeads" < {maxOpen} AND ("Day" <> {today} OR "DayCount" < {dailyQuota})
            """, ct);
        return taken == 1;
    }

    /// <summary>
    /// Runs a lead command again (at most three times) when PostgreSQL chose it as the victim of a deadlock or a
    /// serialisation failure: a decline releases one partner's row and takes another's, so two declines crossing
    /// each other can wait on each other. The command's own transaction was rolled back; nothing of it stays.
    /// </summary>
    public static async Task<T> RetryOnLockConflictAsync<T>(ValuewebDb db, LeadRouter router, HttpRequest request, Func<Task<T>> command)
    {
        request.EnableBuffering();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (Exception e) when (attempt < 3 && IsLockConflict(e))
            {
                db.ChangeTracker.Clear();
                router.LoadsChanged();
                request.Body.Position = 0;
            }
        }
    }

    public static bool IsLockConflict(Exception e) =>
        (e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException) is { SqlState: "40P01" or "40001" };

    /// <summary>Gives one open lead back: the partner declined it, let it lapse, or closed it.</summary>
    public static Task ReleaseAsync(ValuewebDb db, Guid partnerId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE \"PartnerLeadLoads\" SET \"OpenLeads\" = \"OpenLeads\" - 1 WHERE \"PartnerId\" = {partnerId} AND \"OpenLeads\" > 0", ct);
}
