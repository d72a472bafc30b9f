using Valueweb.Data;

namespace Valueweb.Features.Notifications;

/// <summary>A message to one person in the app (unread until opened); e-mailed too when it matters.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
