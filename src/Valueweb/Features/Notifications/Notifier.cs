using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Jobs;
using Valueweb.Platform.Mail;

namespace Valueweb.Features.Notifications;

/// <summary>Tells people something: an in-app notification and, from the outbox, an e-mail — in the caller's unit of work.</summary>
public sealed class Notifier(ValuewebDb db, JobQueue jobs, TimeProvider clock)
{
    public async Task NotifyAsync(IEnumerable<Guid> personIds, string title, string body, string link, bool email, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().Where(p => ids.Contains(p.Id) && p.Status == PersonStatus.Active).ToListAsync(ct);
        foreach (var p in people)
        {
            db.Notifications.Add(new Notification { PersonId = p.Id, OrganisationId = p.OrganisationId, Title = title, Body = body, Link = link, CreatedAt = clock.GetUtcNow() });
            if (email) jobs.Enqueue(EmailJob.JobKind, new EmailMessage(p.Email, title, body + (link.Length > 0 ? "\n\n" + link : "")));
        }
    }

    public void Email(string to, string subject, string body) => jobs.Enqueue(EmailJob.JobKind, new EmailMessage(to, subject, body));
}
