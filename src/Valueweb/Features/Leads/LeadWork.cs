using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads;

public sealed record DeclineRequest(string? Reason);

public sealed record ProgressRequest(string? Status, string? Reason, Guid? DealRegistrationId);

/// <summary>
/// What a partner does with a lead offered to it: accept, decline (the lead moves on at once), and report progress
/// to converted or lost. Each is one transaction with its event; answers come in the order the API promises
/// (404, 403, 428, 400, 412).
/// </summary>
public sealed class LeadWork(ValuewebDb db, CurrentActor current, Journal journal, JobQueue jobs, LeadRouter router, TimeProvider clock)
{
    private async Task<(Lead? Row, CommandResult? Refusal)> LoadAsync(Guid id, long? version, CancellationToken ct)
    {
        var actor = current.Required;
        var lead = await db.Leads.Include(l => l.ProductLines).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return (null, CommandResult.NotFound);
        if (!actor.May(Permission.WorkLeads) || lead.PartnerId != actor.OrganisationId) return (null, CommandResult.Forbidden);
        if (version is null) return (null, LeadCommand.IfMatchMissing);
        return (lead, null);
    }

    private Task<LeadOffer?> CurrentOfferAsync(Lead lead, CancellationToken ct) =>
        db.LeadOffers.FirstOrDefaultAsync(o => o.LeadId == lead.Id && o.Round == lead.Round && o.Outcome == OfferOutcome.Pending, ct);

    public async Task<CommandResult> AcceptAsync(Guid id, long? version, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        if (lead.Version != version) return CommandResult.Stale;
        if (lead.Status != LeadStatus.Offered) return LeadCommand.Invalid("status", "Only an offered lead can be accepted.");
        var now = clock.GetUtcNow();
        if (lead.DeadlineAt <= now) return LeadCommand.Invalid("status", "The deadline to accept this lead has passed.");
        if (await CurrentOfferAsync(lead, ct) is { } offer)
        {
            offer.Outcome = OfferOutcome.Accepted;
            offer.AnsweredAt = now;
        }
        lead.Status = LeadStatus.Accepted;
        lead.AcceptedAt = now;
        lead.UpdatedAt = now;
        var settings = await LeadSettingsStore.LoadAsync(db, ct);
        LeadTimers.Remind(jobs, lead, lead.Version + 1, settings.ReminderDays, now);
        journal.Event("lead.accepted", "lead", lead.Id, [lead.PartnerId!.Value], new { round = lead.Round, hoursTaken = Math.Round((now - lead.OfferedAt!.Value).TotalHours, 2) });
        return await LeadCommand.SaveAsync(db, lead, tx, ct);
    }

    public async Task<CommandResult> DeclineAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        var errors = new FieldErrors();
        errors.Require("reason", reason, 1000);
        if (errors.Any) return CommandResult.Invalid(errors);
        if (lead.Version != version) return CommandResult.Stale;
        if (lead.Status != LeadStatus.Offered) return LeadCommand.Invalid("status", "Only an offered lead can be declined; report an accepted lead as lost.");
        var now = clock.GetUtcNow();
        var partner = lead.PartnerId!.Value;
        if (await CurrentOfferAsync(lead, ct) is { } offer)
        {
            offer.Outcome = OfferOutcome.Declined;
            offer.Reason = reason!.Trim();
            offer.AnsweredAt = now;
        }
        journal.Event("lead.declined", "lead", lead.Id, [partner], new { round = lead.Round, reason = reason!.Trim() });
        await LeadLoads.ReleaseAsync(db, partner, ct);
        router.LoadsChanged();
        await router.RouteAsync(lead, ct);
        return await LeadCommand.SaveAsync(db, lead, tx, ct);
    }

    public async Task<CommandResult> ProgressAsync(Guid id, long? version, ProgressRequest request, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        var errors = new FieldErrors();
        var to = LeadViews.ParseProgress(request.Status);
        if (to is null) errors.Add("status", "One of: contacted, qualified, converted, lost.");
        if (to == LeadStatus.Lost) errors.Require("reason", request.Reason, 1000);
        if (to == LeadStatus.Converted)
        {
            if (request.DealRegistrationId is not { } deal) errors.Add("dealRegistrationId", "The deal registration this lead became.");
            else if (!await db.DealRegistrations.AnyAsync(r => r.Id == deal && r.PartnerId == lead.PartnerId
                         && (r.Status == Deals.DealStatus.Pending || r.Status == Deals.DealStatus.Approved || r.Status == Deals.DealStatus.Won), ct))
                errors.Add("dealRegistrationId", "Not a pending, approved or won registration of your company.");
            // One registration stands for one lead: conversions feed the partner's routing score.
            else if (await db.Leads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AnyAsync(l => l.DealRegistrationId == deal && l.Id != lead.Id, ct))
                errors.Add("dealRegistrationId", "Another lead was converted into this registration already.");
        }
        if (errors.Any) return CommandResult.Invalid(errors);
        if (lead.Version != version) return CommandResult.Stale;
        if (!lead.IsWorked) return LeadCommand.Invalid("status", "Accept the lead before reporting progress.");
        if (to is LeadStatus.Contacted or LeadStatus.Qualified && to <= lead.Status)
            return LeadCommand.Invalid("status", $"The lead is already {LeadViews.StatusName(lead.Status)}.");
        var now = clock.GetUtcNow();
        var from = lead.Status;
        lead.Status = to!.Value;
        lead.UpdatedAt = now;
        if (to == LeadStatus.Lost) lead.LostReason = request.Reason!.Trim();
        if (to == LeadStatus.Converted) lead.DealRegistrationId = request.DealRegistrationId;
        if (to is LeadStatus.Converted or LeadStatus.Lost) await LeadLoads.ReleaseAsync(db, lead.PartnerId!.Value, ct);
        else LeadTimers.Remind(jobs, lead, lead.Version + 1, (await LeadSettingsStore.LoadAsync(db, ct)).ReminderDays, now);
        journal.Event("lead." + LeadViews.StatusName(lead.Status), "lead", lead.Id, [lead.PartnerId!.Value],
            new { from = LeadViews.StatusName(from), reason = lead.LostReason, dealRegistrationId = lead.DealRegistrationId });
        return await LeadCommand.SaveAsync(db, lead, tx, ct);
    }
}
