using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Onboarding;

/// <summary>Reminds vendor admins that an agreement's review date is near.</summary>
internal sealed class AgreementReviewJob(ValuewebDb db, Notifier notifier) : IJobHandler
{
    public const string JobKind = "agreement.reviewDue";
    public sealed record Payload(Guid AgreementId);
    public string Kind => JobKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == p.AgreementId, ct);
        if (agreement?.ReviewDueAt is null) return;
        var admins = await db.People.Where(x => x.Role == Role.VendorAdmin && x.Status == PersonStatus.Active).Select(x => x.Id).ToListAsync(ct);
        await notifier.NotifyAsync(admins, $"Review the program agreement by {agreement.ReviewDueAt:yyyy-MM-dd}",
            $"Version {agreement.Version} of \"{agreement.Title}\" is due for review on {agreement.ReviewDueAt:yyyy-MM-dd}.", "/program", email: true, ct);
        await db.SaveChangesAsync(ct);
    }
}
