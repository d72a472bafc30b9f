using Valueweb.Data;

namespace Valueweb.Platform.Jobs;

/// <summary>
/// Durable background work and timers, stored in the database and claimed with leases, so that
/// several application nodes never run the same job at the same time, and nothing is lost in a crash.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; } = Ids.New();
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "{}";
    /// <summary>Optional: at most one job with this key exists (a timer per object, say).</summary>
    public string? DedupeKey { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public JobState State { get; set; } = JobState.Pending;
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 10;
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string LastError { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The node that completed the job (shown to admins; used by the two-process test).</summary>
    public string CompletedBy { get; set; } = "";
}

public enum JobState
{
    Pending = 0,
    Done = 1,
    Failed = 2,
    Cancelled = 3,
}
