using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Valueweb.Data;

namespace Valueweb.Features.Leads.Import;

/// <summary>What one batch stored: the new leads (the others were known already) and how many of them wait to be routed.</summary>
public readonly record struct LeadBatchStored(int Inserted, int Queued);

/// <summary>
/// Stores imported leads a batch at a time, each batch one transaction: a lead whose identity is already in the database
/// is left as it is and counted by the caller as a duplicate (the unique index on the identity decides, so two imports
/// running at once cannot store one lead twice). New leads get channel "import", version 1 and the clock's time; their
/// product lines are stored with them. PostgreSQL: binary COPY into temporary staging tables, then one INSERT … SELECT …
/// ON CONFLICT DO NOTHING. SQLite: multi-row INSERT OR IGNORE, writing ids and times as EF Core's converters do, so that
/// the rows read back through EF Core exactly like rows it wrote. Keeps the context's connection open between batches.
/// </summary>
public sealed partial class LeadBulkStore(ValuewebDb db, TimeProvider clock)
{
    /// <summary>Rows per batch (and per transaction) that the importer hands over.</summary>
    public const int BatchSize = 5_000;

    /// <summary>What every imported lead starts with: no value, so the program's default currency code of a lead.</summary>
    private const string Currency = "EUR";

    /// <summary>The columns that differ from lead to lead, in the order both engines write them.</summary>
    private static readonly string[] Varying =
    [
        "Id", "Identity", "Source", "SourceSystem", "SourceRecordId", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "Website",
        "CountryCode", "City", "Latitude", "Longitude", "Industry", "Segment", "Employees", "Description", "Score", "Qualified", "ScoreReasons",
        "RedFlag", "Status",
    ];

    /// <summary>The columns every new lead gets the same value in, with that value as SQL (@now is the batch's time).</summary>
    private static readonly (string Column, string Value)[] Shared =
    [
        ("Channel", "'import'"), ("ValueMinor", "NULL"), ("Currency", $"'{Currency}'"), ("PartnerId", "NULL"), ("Round", "0"),
        ("CreatedAt", "@now"), ("UpdatedAt", "@now"), ("Version", "1"),
    ];

    /// <summary>Whether a committed batch has created the staging tables on this connection (PostgreSQL).</summary>
    private bool staged;

    private static string Quoted(string column) => $"\"{column}\"";

    private static readonly string InsertColumns = string.Join(", ", Varying.Concat(Shared.Select(s => s.Column)).Select(Quoted));

    public async Task<LeadBatchStored> StoreAsync(IReadOnlyList<ImportedLead> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return default;
        await db.Database.OpenConnectionAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var stored = db.Database.IsNpgsql()
                    ? await CopyAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), batch, now, ct)
                    : await InsertAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), tx.GetDbTransaction(), batch, now, ct);
                await tx.CommitAsync(ct);
                staged = true;
                return stored;
            }
            catch (DbException e) when (attempt < 3 && IsDeadlock(e))
            {
                // Two imports of overlapping files may wait for each other's new identities: one of them tries again.
                await tx.RollbackAsync(ct);
            }
        }
    }

    private static bool IsDeadlock(DbException e) => e is Npgsql.PostgresException { SqlState: "40P01" };
}
