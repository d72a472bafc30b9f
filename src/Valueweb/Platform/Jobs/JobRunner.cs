using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;

namespace Valueweb.Platform.Jobs;

/// <summary>
/// Claims due jobs with a lease (a conditional UPDATE that only one node can win), runs them, and records the
/// outcome only while it still holds the lease. Failures are retried with exponential backoff.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, JobSignal signal, Readiness readiness,
    IOptions<ValuewebOptions> options, ILogger<JobRunner> log) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = 0;
            try
            {
                if (readiness.IsReady) ran = await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Job polling failed; trying again shortly");
            }
            if (ran == 0)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.JobPollMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Runs every job that is due now; returns how many ran. Safe to call from several nodes at once.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var ran = 0;
        while (await ClaimAsync(ct) is { } job)
        {
            await RunAsync(job, ct);
            ran++;
        }
        return ran;
    }

    private async Task<Job?> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ValuewebDb>();
        db.Tenant.Become(true, Guid.Empty);
        var now = clock.GetUtcNow();
        var candidates = await db.Jobs
            .Where(j => j.State == JobState.Pending && j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.DueAt).Select(j => j.Id).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var until = now + Lease;
            var won = await db.Jobs
                .Where(j => j.Id == id && j.State == JobState.Pending && (j.LeaseUntil == null || j.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, Node).SetProperty(j => j.LeaseUntil, until)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (won == 1) return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        }
        return null;
    }

    private async Task RunAsync(Job job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ValuewebDb>();
        db.Tenant.Become(true, Guid.Empty);
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        string? error = handler is null ? $"No handler for job kind '{job.Kind}'." : null;
        if (handler is not null)
        {
            try
            {
                await handler.HandleAsync(job, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = e.Message;
                log.LogWarning(e, "Job {Kind} {Id} failed (attempt {Attempt})", job.Kind, job.Id, job.Attempts);
            }
        }
        var now = clock.GetUtcNow();
        if (error is null)
        {
            await db.Jobs.Where(j => j.Id == job.Id && j.LeaseOwner == Node)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Done).SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.CompletedBy, Node).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct);
            return;
        }
        var giveUp = job.Attempts >= job.MaxAttempts || handler is null;
        var retryAt = now + Backoff(job.Attempts);
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.Jobs.Where(j => j.Id == job.Id && j.LeaseOwner == Node)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, giveUp ? JobState.Failed : JobState.Pending)
                .SetProperty(j => j.DueAt, giveUp ? job.DueAt : retryAt).SetProperty(j => j.LastError, message)
                .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>30 s, 1 min, 2 min, ... at most 6 h.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempt - 1)), 6 * 3600));
}
