using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

/// <summary>How far an import is: bytes read of the file, rows read, and what became of them so far.</summary>
public sealed record LeadImportCounts(long ReadBytes, long? TotalBytes, int Rows, int Imported, int Duplicates, int Bad, int Queued)
{
    /// <summary>0 to 1, or null when the size of the file is not known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1d, (double)ReadBytes / TotalBytes.Value) : null;
}

/// <summary>Who follows an import as it runs: the job keeps its lease, the command line prints.</summary>
public sealed class LeadImportWatch
{
    /// <summary>About once a second, after the import's row was updated, on the storing side.</summary>
    public Func<LeadImportCounts, CancellationToken, Task>? Progress { get; init; }

    /// <summary>Each row not imported (bad, or a repeat within the file), in the file's order, on the reading side.</summary>
    public Action<LeadRowOutcome>? Rejected { get; init; }
}

public sealed record LeadImportResult(LeadImportCounts Counts, TimeSpan Elapsed);

/// <summary>
/// Runs an import of a lead file, for the import job and the command line alike: reads and checks the rows on one side while
/// the others store the good ones in batches of <see cref="LeadBulkStore.BatchSize"/>, each through a connection of its own
/// (reading never runs more than a few batches ahead, so memory stays flat whatever the file's size); updates the import's row
/// about once a second; and at the end, in one transaction, records the counts and the error report, one "leads.imported"
/// event, and a run of the routing queue for the qualified leads. The caller has stored the <see cref="LeadImport"/> row and opened the file with its mapping checked.
/// </summary>
public sealed class LeadImporter(ValuewebDb db, Journal journal, JobQueue jobs, TimeProvider clock)
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <summary>Batches stored at once on PostgreSQL, each through a connection of its own, so that the server works on one while
    /// the next is sent. SQLite has one writer at a time anyway.</summary>
    public const int PostgresWriters = 2;

    public async Task<LeadImportResult> RunAsync(Guid importId, LeadCsvImport file, LeadImportWatch? watch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var rules = await LeadImportRules.LoadAsync(db, ct);
        var startedAt = clock.GetUtcNow();
        await db.LeadImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, LeadImportState.Running).SetProperty(i => i.StartedAt, startedAt).SetProperty(i => i.FinishedAt, (DateTimeOffset?)null)
            .SetProperty(i => i.ReadBytes, 0).SetProperty(i => i.Rows, 0).SetProperty(i => i.Imported, 0).SetProperty(i => i.Duplicates, 0)
            .SetProperty(i => i.Bad, 0).SetProperty(i => i.Queued, 0).SetProperty(i => i.Failure, (string?)null), ct);

        var report = new LeadImportReport(file.Columns.Header, file.Reader.Delimiter);
        var writers = db.Database.IsNpgsql() ? PostgresWriters : 1;
        var batches = Channel.CreateBounded<List<ImportedLead>>(new BoundedChannelOptions(writers) { SingleWriter = true, SingleReader = writers == 1 });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var options = (DbContextOptions<ValuewebDb>)db.GetService<IDbContextOptions>();
        var stored = new StoredCounts();
        var tasks = new List<Task> { Task.Run(() => Stopping(ReadAsync(file, rules, report, watch, batches.Writer, stop.Token), stop), stop.Token) };
        for (var i = 0; i < writers; i++) tasks.Add(Task.Run(() => Stopping(WriteAsync(options, batches.Reader, stored, stop.Token), stop), stop.Token));
        LeadImportCounts Counts() => new(file.Reader.BytesRead, file.Reader.TotalBytes, file.Tally.Rows, stored.Imported,
            file.Tally.Duplicates + stored.Known, file.Tally.Bad, stored.Queued);
        var all = Task.WhenAll(tasks);
        try
        {
            while (await Task.WhenAny(all, Task.Delay(ProgressEvery, stop.Token)) != all && !stop.IsCancellationRequested)
                await ProgressAsync(importId, Counts(), watch, ct);
            await all;
        }
        catch (Exception e)
        {
            // Nothing goes on storing once the import failed: every side is stopped and awaited. The first failure is what
            // counts: the reading side's own (a broken file), else a storing side's, else this one's (progress, the job's lease).
            await stop.CancelAsync();
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            var first = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(x => x is not OperationCanceledException);
            if (first is not null && first != e) ExceptionDispatchInfo.Throw(first);
            throw;
        }

        var counts = Counts();
        await FinishAsync(importId, counts, report.ToString(), ct);
        if (watch?.Progress is { } progress) await progress(counts, ct);
        return new LeadImportResult(counts, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Stores batches until the reading side is done, through a context (and connection) of its own.</summary>
    private async Task WriteAsync(DbContextOptions<ValuewebDb> options, ChannelReader<List<ImportedLead>> batches, StoredCounts stored, CancellationToken ct)
    {
        await using var context = new ValuewebDb(options, TenantScope.System());
        var store = new LeadBulkStore(context, clock);
        await foreach (var batch in batches.ReadAllAsync(ct)) stored.Add(batch.Count, await store.StoreAsync(batch, ct));
    }

    /// <summary>A side that fails stops the others.</summary>
    private static async Task Stopping(Task side, CancellationTokenSource stop)
    {
        try
        {
            await side;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>What the storing sides stored so far, added up across them.</summary>
    private sealed class StoredCounts
    {
        private int imported, queued, known;

        public int Imported => Volatile.Read(ref imported);
        public int Queued => Volatile.Read(ref queued);
        public int Known => Volatile.Read(ref known);

        public void Add(int rows, LeadBatchStored stored)
        {
            Interlocked.Add(ref imported, stored.Inserted);
            Interlocked.Add(ref queued, stored.Queued);
            Interlocked.Add(ref known, rows - stored.Inserted);
        }
    }

    private static async Task ReadAsync(LeadCsvImport file, LeadImportRules rules, LeadImportReport report, LeadImportWatch? watch,
        ChannelWriter<List<ImportedLead>> batches, CancellationToken ct)
    {
        try
        {
            var batch = new List<ImportedLead>(LeadBulkStore.BatchSize);
            await foreach (var row in file.ReadAsync(ct))
            {
                if (row.Kind == LeadRowKind.Good) batch.Add(rules.Apply(row.Draft!, row.Identity!.Value));
                else
                {
                    report.Write(row);
                    watch?.Rejected?.Invoke(row);
                }
                if (batch.Count < LeadBulkStore.BatchSize) continue;
                await batches.WriteAsync(batch, ct);
                batch = new List<ImportedLead>(LeadBulkStore.BatchSize);
            }
            if (batch.Count > 0) await batches.WriteAsync(batch, ct);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.TryComplete(e);
            throw;
        }
    }

    private async Task ProgressAsync(Guid importId, LeadImportCounts c, LeadImportWatch? watch, CancellationToken ct)
    {
        await db.LeadImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.ReadBytes, c.ReadBytes).SetProperty(i => i.Rows, c.Rows).SetProperty(i => i.Imported, c.Imported)
            .SetProperty(i => i.Duplicates, c.Duplicates).SetProperty(i => i.Bad, c.Bad).SetProperty(i => i.Queued, c.Queued), ct);
        if (watch?.Progress is { } progress) await progress(c, ct);
    }

    private async Task FinishAsync(Guid importId, LeadImportCounts c, string errorReport, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fileName = await db.LeadImports.Where(i => i.Id == importId).Select(i => i.FileName).FirstAsync(ct);
        await db.LeadImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, LeadImportState.Done).SetProperty(i => i.FinishedAt, now)
            .SetProperty(i => i.ReadBytes, c.ReadBytes).SetProperty(i => i.TotalBytes, i => c.ReadBytes > i.TotalBytes ? c.ReadBytes : i.TotalBytes)
            .SetProperty(i => i.Rows, c.Rows).SetProperty(i => i.Imported, c.Imported).SetProperty(i => i.Duplicates, c.Duplicates)
            .SetProperty(i => i.Bad, c.Bad).SetProperty(i => i.Queued, c.Queued).SetProperty(i => i.ErrorReport, errorReport)
            .SetProperty(i => i.Version, i => i.Version + 1), ct);
        journal.Event("leads.imported", "leadImport", importId, [],
            new { fileName, rows = c.Rows, imported = c.Imported, duplicates = c.Duplicates, bad = c.Bad, queued = c.Queued });
        // Always: a run finds nothing to do when no lead was queued, and takes over leads an earlier failed attempt queued.
        await LeadRoutingQueue.EnqueueAsync(db, jobs, importId, 0, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
