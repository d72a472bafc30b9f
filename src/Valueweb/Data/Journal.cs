using System.Text.Json;
using Valueweb.Platform.Access;

namespace Valueweb.Data;

/// <summary>
/// Records, in the same unit of work as the change itself, the audit entry (who, what, when, from where) and,
/// for partner-relevant facts, the append-only event tagged with the organisations allowed to see it.
/// </summary>
public sealed class Journal(ValuewebDb db, CurrentActor actor, IHttpContextAccessor http, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public void Audit(string action, string objectType, Guid? objectId, string details = "")
    {
        var who = actor.Value;
        db.AuditEntries.Add(new AuditEntry
        {
            At = Now,
            ActorPersonId = who?.PersonId,
            ActorOrganisationId = who?.OrganisationId,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local",
            Details = details.Length > 4000 ? details[..4000] : details,
        });
    }

    /// <summary>Appends an event and audits it. The vendor always sees events; <paramref name="audience"/> adds partners.</summary>
    public DomainEvent Event(string type, string subjectType, Guid subjectId, IEnumerable<Guid> audience, object? data = null, string details = "")
    {
        var e = new DomainEvent
        {
            Type = type,
            OccurredAt = Now,
            SubjectType = subjectType,
            SubjectId = subjectId,
            ActorPersonId = actor.Value?.PersonId,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        };
        foreach (var org in audience.Distinct()) e.Audience.Add(new DomainEventAudience { EventId = e.Id, OrganisationId = org });
        db.Events.Add(e);
        Audit(type, subjectType, subjectId, details);
        return e;
    }
}
