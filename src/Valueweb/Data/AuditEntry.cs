namespace Valueweb.Data;

/// <summary>One write: who, what, when, from where.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Ids.New();
    public DateTimeOffset At { get; set; }
    public Guid? ActorPersonId { get; set; }
    public Guid? ActorOrganisationId { get; set; }
    public string Action { get; set; } = "";
    public string ObjectType { get; set; } = "";
    public Guid? ObjectId { get; set; }
    public string RemoteAddress { get; set; } = "";
    public string Details { get; set; } = "";
}
