using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
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
/// the other stores the good ones in batches of <see cref="LeadBulkStore.BatchSize"/> (reading never runs more than two batches
/// ahead, so memory stays flat whatever the file's size); updates the import's row about once a second; and at the end, in one
/// transaction, records the counts and the error report, one "leads.imported" event, and a run of the routing queue for the
/// qualified leads. The caller has stored the <see cref="LeadImport"/> row and opened the file with its mapping checked.
/// </summary>
public sealed class LeadImporter(ValuewebDb db, Journal journal, JobQueue jobs, TimeProvider clock)
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

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
        var store = new LeadBulkStore(db, clock);
        var batches = Channel.CreateBounded<List<ImportedLead>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadAsync(file, rules, report, watch, batches.Writer, stop.Token), stop.Token);
        int imported = 0, queued = 0, known = 0;
        LeadImportCounts Counts() => new(file.Reader.BytesRead, file.Reader.TotalBytes, file.Tally.Rows, imported, file.Tally.Duplicates + known, file.Tally.Bad, queued);
        try
        {
            var tick = Stopwatch.GetTimestamp();
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                var stored = await store.StoreAsync(batch, stop.Token);
                imported += stored.Inserted;
                queued += stored.Queued;
                known += batch.Count - stored.Inserted;
                if (Stopwatch.GetElapsedTime(tick) < ProgressEvery) continue;
                tick = Stopwatch.GetTimestamp();
                await ProgressAsync(importId, Counts(), watch, ct);
            }
            await reading;
        }
        catch (Exception) when (!reading.IsCompletedSuccessfully)
        {
            // The first failure is what counts: the reading side's own (a broken file), else the storing side's.
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ExceptionDispatchInfo.Throw(e);
            }
            catch (OperationCanceledException)
            {
            }
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var counts = Counts();
        await FinishAsync(importId, counts, report.ToString(), ct);
        if (watch?.Progress is { } progress) await progress(counts, ct);
        return new LeadImportResult(counts, Stopwatch.GetElapsedTime(started));
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
