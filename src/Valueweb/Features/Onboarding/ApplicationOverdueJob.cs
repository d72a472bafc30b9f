using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Onboarding;

/// <summary>When an application waits longer than the program allows, its channel manager (or every channel manager) is told.</summary>
internal sealed class ApplicationOverdueJob(ValuewebDb db, Notifier notifier) : IJobHandler
{
    public const string JobKind = "application.overdue";
    public sealed record Payload(Guid PartnerId);
    public string Kind => JobKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == p.PartnerId, ct);
        if (org is null || org.Status != OrganisationStatus.Applied) return;
        var assigned = await db.Partners.Where(x => x.Id == org.Id).Select(x => x.ChannelManagerId).FirstOrDefaultAsync(ct);
        var recipients = assigned is { } cm ? [cm]
            : await db.People.Where(x => x.Role == Role.ChannelManager && x.Status == PersonStatus.Active).Select(x => x.Id).ToListAsync(ct);
        await notifier.NotifyAsync(recipients, $"Application from {org.DisplayName} is waiting",
            $"{org.DisplayName} applied on {org.CreatedAt:yyyy-MM-dd} and has not been reviewed yet.", $"/partners/{org.Id}", email: true, ct);
        await db.SaveChangesAsync(ct);
    }
}
