using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// Routes the leads an import queued (<see cref="LeadStatus.Queued"/>), oldest first, <see cref="BatchSize"/> per job run, each
/// lead in its own transaction as intake does; the job enqueues its next run while queued leads remain. A lead is claimed by a
/// conditional update of its version before it is routed, so two nodes running the queue at once never route one lead twice:
/// the second finds it claimed and moves on.
/// </summary>
public static class LeadRoutingQueue
{
    public const string Kind = "lead.route-queued";
    public const int BatchSize = 200;

    /// <summary>A chain of runs (one per import) and the run's place in it; the pair is the job's dedupe key.</summary>
    public sealed record Payload(Guid Chain, int Step);

    /// <summary>Adds a run of the queue to the caller's unit of work, unless this run was enqueued already.</summary>
    public static async Task EnqueueAsync(ValuewebDb db, JobQueue jobs, Guid chain, int step, CancellationToken ct, DateTimeOffset? dueAt = null)
    {
        var key = $"{Kind}:{chain}:{step}";
        if (await db.Jobs.AnyAsync(j => j.DedupeKey == key, ct)) return;
        jobs.Enqueue(Kind, new Payload(chain, step), dueAt, dedupeKey: key);
    }

    /// <summary>When a run could route none of the leads it took (each failed), the next one waits this long.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);
}

internal sealed class LeadRoutingQueueJob(ValuewebDb db, LeadRouter router, JobQueue jobs, TimeProvider clock, ILogger<LeadRoutingQueueJob> log) : IJobHandler
{
    public string Kind => LeadRoutingQueue.Kind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<LeadRoutingQueue.Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var next = await db.Leads.AsNoTracking().Where(l => l.Status == LeadStatus.Queued).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Version }).Take(LeadRoutingQueue.BatchSize).ToListAsync(ct);
        var routed = 0;
        foreach (var lead in next)
        {
            try
            {
                if (await RouteAsync(lead.Id, lead.Version, ct)) routed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One lead the router cannot place stays queued for a later run; the others go on.
                log.LogWarning(e, "Routing queued lead {Lead} failed", lead.Id);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        // Another run while queued leads remain: at once after progress, after a pause when every lead of this run failed
        // (a lock conflict, say), so that no accepted lead is left queued for good.
        if (await db.Leads.AnyAsync(l => l.Status == LeadStatus.Queued, ct))
        {
            var later = routed > 0 ? (DateTimeOffset?)null : clock.GetUtcNow() + LeadRoutingQueue.Pause;
            await LeadRoutingQueue.EnqueueAsync(db, jobs, p.Chain, p.Step + 1, ct, later);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Claims the lead (version + 1 while still queued), routes it and saves, in one transaction; false when another node took it.</summary>
    private async Task<bool> RouteAsync(Guid id, long version, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Leads.Where(l => l.Id == id && l.Status == LeadStatus.Queued && l.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, version + 1), ct);
        if (claimed == 0) return false;
        var lead = await db.Leads.Include(l => l.ProductLines).FirstAsync(l => l.Id == id, ct);
        await router.RouteAsync(lead, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
