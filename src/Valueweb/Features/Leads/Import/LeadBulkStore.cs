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
/// product lines are stored with them. PostgreSQL: binary COPY (see remarks). SQLite: multi-row INSERT OR IGNORE, writing
/// ids and times as EF Core's converters do, so that the rows read back through EF Core exactly like rows it wrote. Keeps the
/// context's connection open between batches.
/// </summary>
/// <remarks>
/// On PostgreSQL new leads are COPYed straight into the tables, which is what a table takes fastest (several times faster than
/// INSERT … SELECT … ON CONFLICT). A batch is first COPYed as it is; when a known lead makes the COPY fail on the unique index,
/// the batch is stored again with its known identities looked up first and left out, and so are the next batches until one is
/// all new. A lead another import stores between the look-up and the COPY makes that fail too: the batch is then stored the
/// safe way, by COPY into temporary staging tables and one INSERT … SELECT … ON CONFLICT DO NOTHING.
/// </remarks>
public sealed partial class LeadBulkStore(ValuewebDb db, TimeProvider clock)
{
    /// <summary>Rows per batch (and per transaction) that the importer hands over.</summary>
    public const int BatchSize = 2_000;

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

    /// <summary>Every column <see cref="WriteLead"/> writes with a time, quoted and in order: a COPY's column list.</summary>
    internal static string CopyColumns => string.Join(", ", Varying.Concat(Shared.Select(s => s.Column)).Select(c => $"\"{c}\""));

    /// <summary>Whether a committed batch has created the staging tables on this connection (PostgreSQL).</summary>
    private bool staged;

    private static string Quoted(string column) => $"\"{column}\"";

    private static readonly string InsertColumns = string.Join(", ", Varying.Concat(Shared.Select(s => s.Column)).Select(Quoted));

    /// <summary>How PostgreSQL batches are stored (see remarks); SQLite has one way.</summary>
    internal enum Way
    {
        /// <summary>COPY straight into the tables, expecting only new leads.</summary>
        Optimistic,
        /// <summary>Look the batch's identities up first, then COPY the new leads straight into the tables.</summary>
        LookedUp,
        /// <summary>COPY into staging tables, then INSERT … ON CONFLICT DO NOTHING: safe while other imports store the same leads.</summary>
        Staged,
    }

    /// <summary>The way the next batch is tried first; tests set it to take a way on purpose.</summary>
    internal Way Next { get; set; } = Way.Optimistic;

    public async Task<LeadBatchStored> StoreAsync(IReadOnlyList<ImportedLead> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return default;
        await db.Database.OpenConnectionAsync(ct);
        var way = Next;
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                LeadBatchStored stored;
                if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection pg)
                    stored = way == Way.Staged ? await StageAsync(pg, batch, now, ct) : await CopyAsync(pg, batch, now, way == Way.LookedUp, ct);
                else stored = await InsertAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), tx.GetDbTransaction(), batch, now, ct);
                await tx.CommitAsync(ct);
                staged |= way == Way.Staged;
                // A file of new leads goes on optimistically; one that repeats known leads has them looked up until a batch is all new.
                Next = stored.Inserted == batch.Count ? Way.Optimistic : Way.LookedUp;
                return stored;
            }
            catch (Npgsql.PostgresException e) when (attempt < 4 && e.SqlState is "23505" or "40P01")
            {
                // A known lead met the unique index: look them up. One stored by another import since the look-up, or two imports
                // waiting for each other's new identities: the safe way.
                await tx.RollbackAsync(ct);
                way = way == Way.Optimistic && e.SqlState == "23505" ? Way.LookedUp : Way.Staged;
            }
        }
    }
}
