namespace Valueweb.Data;

/// <summary>An append-only fact, tagged with the organisations allowed to see it. Never updated or deleted.</summary>
public sealed class DomainEvent
{
    public Guid Id { get; set; } = Ids.New();
    public string Type { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public string SubjectType { get; set; } = "";
    public Guid SubjectId { get; set; }
    public Guid? ActorPersonId { get; set; }
    public string Data { get; set; } = "{}";
    public List<DomainEventAudience> Audience { get; set; } = [];
}

public sealed class DomainEventAudience
{
    public Guid EventId { get; set; }
    public Guid OrganisationId { get; set; }
}
