namespace Valueweb.Features.Webhooks;

/// <summary>An organisation's URL that is told about the events it may see and whose types it asked for.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; } = Data.Ids.New();
    public Guid OrganisationId { get; set; }
    public string Url { get; set; } = "";
    /// <summary>Space-separated patterns: an exact type ("lead.accepted"), a prefix ("lead.*"), or everything ("*").</summary>
    public string EventTypes { get; set; } = "";
    /// <summary>The signing secret, encrypted with the installation's data-protection keys (shown to the caller once).</summary>
    public string Secret { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SecretRotatedAt { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>One event to one subscription: tried until delivered or given up; the event id stays the same across attempts.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Data.Ids.New();
    public Guid OrganisationId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    public WebhookDeliveryState State { get; set; } = WebhookDeliveryState.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string LastResponse { get; set; } = "";
    public string LastError { get; set; } = "";
}

public enum WebhookDeliveryState
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>The log of one attempt: what the receiver answered (status and the first kilobyte), or why it could not be reached.</summary>
public sealed class WebhookDeliveryAttempt
{
    public Guid Id { get; set; } = Data.Ids.New();
    public Guid DeliveryId { get; set; }
    public Guid OrganisationId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string Response { get; set; } = "";
    public string Error { get; set; } = "";
    public int DurationMs { get; set; }
    public bool Redelivery { get; set; }
}
