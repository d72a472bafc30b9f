using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Platform.Api;

/// <summary>
/// Forms carry an idempotency key as a hidden field (they cannot send headers). A form posted twice with its key
/// is applied once: the second post finds the first one's record and shows its outcome.
/// </summary>
public static class FormIdempotency
{
    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static Task<IdempotencyRecord?> FindAsync(ValuewebDb db, Guid scope, string? key, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(key) ? Task.FromResult<IdempotencyRecord?>(null)
            : db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == scope && r.Key == "form:" + key, ct);

    /// <summary>Adds the record to the unit of work (saved with the change itself).</summary>
    public static void Remember(ValuewebDb db, Guid scope, string? key, string outcome, string location, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 100) return;
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            OrganisationId = scope,
            Key = "form:" + key,
            RequestHash = "form",
            StatusCode = 200,
            ResponseBody = outcome,
            Location = location,
            CreatedAt = now,
        });
    }
}
