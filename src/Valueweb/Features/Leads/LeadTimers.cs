using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads;

/// <summary>
/// Durable timers of a lead: the acceptance deadline of an offer (round), and the reminder of a worked lead without
/// progress. A timer that finds the lead moved on (another round, new progress) does nothing; the lead's version
/// makes a second node's late attempt fail and retry into that no-op, so a lead moves on exactly once.
/// </summary>
public static class LeadTimers
{
    public const string DeadlineKind = "lead.deadline";
    public const string RemindKind = "lead.remind";

    public sealed record Payload(Guid LeadId, int Round, long Stamp = 0);

    public static Payload Read(Job job) => JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;

    public static void Deadline(JobQueue jobs, Lead lead) =>
        jobs.Enqueue(DeadlineKind, new Payload(lead.Id, lead.Round), lead.DeadlineAt, $"lead.deadline:{lead.Id}:{lead.Round}");

    /// <summary>
    /// Reminds the holder when the lead has had no progress <paramref name="reminderDays"/> after <paramref name="from"/>.
    /// The reminder belongs to the lead's version <paramref name="stamp"/>: any later change makes it moot.
    /// </summary>
    public static void Remind(JobQueue jobs, Lead lead, long stamp, int reminderDays, DateTimeOffset from)
    {
        var due = from.AddDays(reminderDays);
        jobs.Enqueue(RemindKind, new Payload(lead.Id, lead.Round, stamp), due, RemindKey(lead.Id, stamp, due));
    }

    public static string RemindKey(Guid leadId, long stamp, DateTimeOffset due) => $"lead.remind:{leadId}:{stamp}:{due.ToUnixTimeSeconds()}";

    /// <summary>The people of a partner who answer leads: its admins and sales people.</summary>
    public static Task<List<Guid>> PartnerPeopleAsync(ValuewebDb db, Guid partnerId, CancellationToken ct) =>
        db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(p => p.OrganisationId == partnerId && p.Status == PersonStatus.Active && (p.Role == Role.PartnerAdmin || p.Role == Role.PartnerSales))
            .Select(p => p.Id).ToListAsync(ct);
}

internal sealed class LeadDeadlineJob(ValuewebDb db, LeadRouter router, Journal journal, TimeProvider clock) : IJobHandler
{
    public string Kind => LeadTimers.DeadlineKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = LeadTimers.Read(job);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var lead = await db.Leads.Include(l => l.ProductLines).FirstOrDefaultAsync(l => l.Id == p.LeadId, ct);
        if (lead is null || lead.Status != LeadStatus.Offered || lead.Round != p.Round || lead.DeadlineAt > clock.GetUtcNow()) return;
        var partner = lead.PartnerId!.Value;
        var offer = await db.LeadOffers.FirstOrDefaultAsync(o => o.LeadId == lead.Id && o.Round == lead.Round, ct);
        if (offer is not null)
        {
            offer.Outcome = OfferOutcome.Lapsed;
            offer.AnsweredAt = clock.GetUtcNow();
        }
        journal.Event("lead.lapsed", "lead", lead.Id, [partner], new { round = lead.Round, deadline = lead.DeadlineAt });
        await LeadLoads.ReleaseAsync(db, partner, ct);
        router.LoadsChanged();
        await router.RouteAsync(lead, ct);
        lead.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The partner answered, or another node moved the lead on, meanwhile: nothing is left to do.
            return;
        }
        if (tx is not null) await tx.CommitAsync(ct);
    }
}

internal sealed class LeadReminderJob(ValuewebDb db, Notifier notifier, JobQueue jobs, TimeProvider clock) : IJobHandler
{
    public string Kind => LeadTimers.RemindKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var p = LeadTimers.Read(job);
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == p.LeadId, ct);
        if (lead is null || !lead.IsWorked || lead.Version != p.Stamp || lead.PartnerId is not { } partner) return;
        var settings = await LeadSettingsStore.LoadAsync(db, ct);
        if (clock.GetUtcNow() - lead.UpdatedAt < TimeSpan.FromDays(settings.ReminderDays))
        {
            // The vendor lengthened the interval since: remind when the new one has passed.
            var later = LeadTimers.RemindKey(lead.Id, lead.Version, lead.UpdatedAt.AddDays(settings.ReminderDays));
            if (await db.Jobs.AnyAsync(j => j.DedupeKey == later, ct)) return;
            LeadTimers.Remind(jobs, lead, lead.Version, settings.ReminderDays, lead.UpdatedAt);
            await db.SaveChangesAsync(ct);
            return;
        }
        // A run repeated after a crash finds the next reminder already scheduled: this one was sent.
        var next = LeadTimers.RemindKey(lead.Id, lead.Version, job.DueAt.AddDays(settings.ReminderDays));
        if (await db.Jobs.AnyAsync(j => j.DedupeKey == next, ct)) return;
        var people = await LeadTimers.PartnerPeopleAsync(db, partner, ct);
        await notifier.NotifyAsync(people, $"No update for {settings.ReminderDays} days: {lead.Company}",
            $"The lead {lead.PersonName} at {lead.Company} has had no progress since {lead.UpdatedAt:yyyy-MM-dd}. Report contacted, qualified, converted or lost on its page.",
            LeadViews.PagePath(lead.Id), email: true, ct);
        // Again after as many days, until the partner reports something.
        // Counted from this reminder's own due time, so that a run repeated after a crash schedules the same next one.
        LeadTimers.Remind(jobs, lead, lead.Version, settings.ReminderDays, job.DueAt);
        await db.SaveChangesAsync(ct);
    }
}
