using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Deals;

/// <summary>
/// Durable timers of an approved registration, stored as jobs with the approval or extension that set them.
/// A timer set for an older protection date finds the registration already extended and does nothing.
/// </summary>
public static class DealTimers
{
    public const string ExpireKind = "deal.expire";
    public const string RemindKind = "deal.remind";

    public sealed record Payload(Guid RegistrationId);

    public static Payload Read(Job job) => JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
}

internal sealed class DealExpiryJob(ValuewebDb db, Journal journal, Notifier notifier, TimeProvider clock) : IJobHandler
{
    public string Kind => DealTimers.ExpireKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = DealTimers.Read(job);
        var r = await db.DealRegistrations.FirstOrDefaultAsync(x => x.Id == p.RegistrationId, ct);
        if (r is null || r.Status != DealStatus.Approved || r.ProtectedUntil > clock.GetUtcNow()) return;
        r.Status = DealStatus.Expired;
        r.Version++;
        journal.Event("dealRegistration.expired", "dealRegistration", r.Id, r.RegisteredByPartnerId == r.PartnerId ? [r.PartnerId] : [r.PartnerId, r.RegisteredByPartnerId],
            new { protectedUntil = r.ProtectedUntil });
        var people = await PartnerPeopleAsync(db, r, ct);
        await notifier.NotifyAsync(people, $"Registration expired: {r.CustomerName}",
            $"The protection of your registration of {r.CustomerName} ended on {r.ProtectedUntil:yyyy-MM-dd}.", DealViews.PagePath(r.Id), email: true, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person who submitted it (if still with the owner) and the owner's partner admins.</summary>
    internal static Task<List<Guid>> PartnerPeopleAsync(ValuewebDb db, DealRegistration r, CancellationToken ct) =>
        db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(x => x.OrganisationId == r.PartnerId && x.Status == PersonStatus.Active && (x.Role == Role.PartnerAdmin || x.Id == r.SubmittedByPersonId))
            .Select(x => x.Id).ToListAsync(ct);
}

internal sealed class DealReminderJob(ValuewebDb db, Notifier notifier, TimeProvider clock) : IJobHandler
{
    public string Kind => DealTimers.RemindKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = DealTimers.Read(job);
        var r = await db.DealRegistrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p.RegistrationId, ct);
        if (r is null || r.Status != DealStatus.Approved || r.ProtectedUntil is not { } until || until <= clock.GetUtcNow()) return;
        var rules = await EngagementRules.LoadAsync(db, ct);
        if (until - clock.GetUtcNow() > TimeSpan.FromDays(rules.Program.ReminderDays + 1)) return;
        var people = await DealExpiryJob.PartnerPeopleAsync(db, r, ct);
        var extend = rules.MayExtend(r.Extensions) ? " You may ask for an extension on its page." : "";
        await notifier.NotifyAsync(people, $"Registration expires {until:yyyy-MM-dd}: {r.CustomerName}",
            $"Your registration of {r.CustomerName} is protected until {until:yyyy-MM-dd}.{extend}", DealViews.PagePath(r.Id), email: true, ct);
        await db.SaveChangesAsync(ct);
    }
}
