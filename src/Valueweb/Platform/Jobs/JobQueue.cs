using System.Text.Json;
using Valueweb.Data;

namespace Valueweb.Platform.Jobs;

/// <summary>Adds jobs to the caller's unit of work: they are stored with the change that caused them, or not at all.</summary>
public sealed class JobQueue(ValuewebDb db, TimeProvider clock, JobSignal signal)
{
    public Job Enqueue(string kind, object payload, DateTimeOffset? dueAt = null, string? dedupeKey = null, int maxAttempts = 10)
    {
        var job = new Job
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            DueAt = dueAt ?? clock.GetUtcNow(),
            DedupeKey = dedupeKey,
            CreatedAt = clock.GetUtcNow(),
            MaxAttempts = maxAttempts,
        };
        db.Jobs.Add(job);
        signal.Wake();
        return job;
    }
}

/// <summary>Wakes this node's runner early when work was just enqueued.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}

/// <summary>Does one kind of job. Throwing means: try again later, with backoff.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task HandleAsync(Job job, CancellationToken ct);
}
