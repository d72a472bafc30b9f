using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// Runs a started import from its stored file (<c>lead.import</c>). The file is read through contexts of its own while this
/// job's context stores; the job's lease is renewed as the import goes, and a node that lost it stops. A file that cannot be
/// read on fails the import at once; any other failure is tried again from the start (rows stored before count as known), and
/// fails the import on the last attempt.
/// </summary>
internal sealed class LeadImportJob(ValuewebDb db, LeadImporter importer, DbContextOptions<ValuewebDb> options, TimeProvider clock, JobQueue jobs,
    ILogger<LeadImportJob> log) : IJobHandler
{
    public const string KindName = "lead.import";
    public const int MaxAttempts = 3;

    public sealed record Payload(Guid ImportId);

    public string Kind => KindName;

    public static void Enqueue(JobQueue jobs, Guid importId) =>
        jobs.Enqueue(KindName, new Payload(importId), dedupeKey: $"{KindName}:{importId}", maxAttempts: MaxAttempts);

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var import = await db.LeadImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == p.ImportId, ct);
        if (import is null || import.State != LeadImportState.Running) return;
        try
        {
            await using var content = LeadImportFiles.Open(options, import.Id);
            using var file = await LeadCsvImport.OpenAsync(content, new LeadImportOptions
            {
                Mapping = LeadImportMapping.FromJson(import.Mapping),
                SourceSystem = import.SourceSystem,
                TotalBytes = import.TotalBytes,
            }, ct);
            var errors = LeadImportMapping.Check(file.Columns);
            if (errors.Any)
            {
                await FailAsync(import.Id, string.Join(" ", errors.All.SelectMany(e => e.Value)), ct);
                return;
            }
            var lease = DateTimeOffset.MinValue;
            await importer.RunAsync(import.Id, file, new LeadImportWatch
            {
                Progress = async (_, token) =>
                {
                    if (clock.GetUtcNow() - lease < JobRunner.Lease / 4) return;
                    lease = clock.GetUtcNow();
                    if (!await RenewAsync(job, token)) throw new InvalidOperationException("This node lost the import job's lease; another node runs it.");
                },
            }, ct);
        }
        catch (LeadCsvFormatException e)
        {
            await FailAsync(import.Id, e.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && job.Attempts >= job.MaxAttempts)
        {
            log.LogWarning(e, "Lead import {Import} failed on its last attempt", import.Id);
            await FailAsync(import.Id, "The import stopped: " + e.Message, ct);
        }
    }

    /// <summary>Keeps the job's lease while the import runs; false when another node has taken the job over.</summary>
    private async Task<bool> RenewAsync(Job job, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + JobRunner.Lease;
        return await db.Jobs.Where(j => j.Id == job.Id && j.LeaseOwner == job.LeaseOwner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), ct) == 1;
    }

    private async Task FailAsync(Guid importId, string failure, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var text = failure.Length > 2000 ? failure[..2000] : failure;
        await db.LeadImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, LeadImportState.Failed).SetProperty(i => i.FinishedAt, now).SetProperty(i => i.Failure, text)
            .SetProperty(i => i.Version, i => i.Version + 1), ct);
        // Rows an earlier attempt stored are queued: route them, failed import or not.
        if (await db.Leads.AnyAsync(l => l.Status == LeadStatus.Queued, ct))
        {
            await LeadRoutingQueue.EnqueueAsync(db, jobs, importId, 0, ct);
            await db.SaveChangesAsync(ct);
        }
    }
}
