using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

public sealed record WithdrawRequest(string? Reason);

/// <summary>
/// What the vendor does with a lead by hand: route it again (after a rule change, or a nurtured lead it judges worth a
/// partner), hand one it holds to its direct sales force, or take one back from a partner (with a reason the partner
/// is told). Each is one transaction with its event; answers in the order the API promises (404, 403, 428, 400, 412).
/// </summary>
public sealed class LeadDesk(ValuewebDb db, CurrentActor current, Journal journal, LeadRouter router, Notifier notifier, TimeProvider clock)
{
    private static readonly LeadStatus[] HeldByVendor = [LeadStatus.Nurture, LeadStatus.VendorQueue, LeadStatus.DirectSales, LeadStatus.Queued];

    private async Task<(Lead? Row, CommandResult? Refusal)> LoadAsync(Guid id, long? version, CancellationToken ct)
    {
        var lead = await db.Leads.Include(l => l.ProductLines).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return (null, CommandResult.NotFound);
        if (!current.Required.May(Permission.ManageLeads)) return (null, CommandResult.Forbidden);
        if (version is null) return (null, LeadCommand.IfMatchMissing);
        return (lead, null);
    }

    private Task<CommandResult> SaveAsync(Lead lead, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? tx, CancellationToken ct)
    {
        lead.UpdatedAt = clock.GetUtcNow();
        return LeadCommand.SaveAsync(db, lead, tx, ct);
    }

    public async Task<CommandResult> RouteAgainAsync(Guid id, long? version, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        if (lead.Version != version) return CommandResult.Stale;
        if (!HeldByVendor.Contains(lead.Status)) return LeadCommand.Invalid("status", "Only a lead the vendor holds can be routed again; withdraw it from its partner first.");
        journal.Event("lead.routeRequested", "lead", lead.Id, [], new { from = LeadViews.StatusName(lead.Status) });
        await router.RouteAsync(lead, ct);
        return await SaveAsync(lead, tx, ct);
    }

    public async Task<CommandResult> ToDirectSalesAsync(Guid id, long? version, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        if (lead.Version != version) return CommandResult.Stale;
        if (lead.Status is not (LeadStatus.Nurture or LeadStatus.VendorQueue or LeadStatus.Queued))
            return LeadCommand.Invalid("status", "Only a lead in nurture or in the vendor's queue can be handed to direct sales.");
        var from = lead.Status;
        lead.Status = LeadStatus.DirectSales;
        journal.Event("lead.directSales", "lead", lead.Id, [], new { from = LeadViews.StatusName(from) });
        return await SaveAsync(lead, tx, ct);
    }

    public async Task<CommandResult> WithdrawAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        await using var tx = await LeadCommand.BeginAsync(db, ct);
        var (lead, refusal) = await LoadAsync(id, version, ct);
        if (lead is null) return refusal!;
        var errors = new FieldErrors();
        errors.Require("reason", reason, 1000);
        if (errors.Any) return CommandResult.Invalid(errors);
        if (lead.Version != version) return CommandResult.Stale;
        if (lead.PartnerId is not { } partner || !(lead.Status == LeadStatus.Offered || lead.IsWorked))
            return LeadCommand.Invalid("status", "Only a lead a partner holds (offered, or worked and still open) can be withdrawn.");
        var now = clock.GetUtcNow();
        var offer = await db.LeadOffers.FirstOrDefaultAsync(o => o.LeadId == lead.Id && o.Round == lead.Round, ct);
        if (offer is not null)
        {
            // An offer the vendor takes back, answered or not, counts neither for nor against the partner.
            offer.Outcome = OfferOutcome.Withdrawn;
            offer.AnsweredAt ??= now;
            offer.Reason = reason!.Trim();
        }
        await LeadLoads.ReleaseAsync(db, partner, ct);
        router.LoadsChanged();
        journal.Event("lead.withdrawn", "lead", lead.Id, [partner], new { round = lead.Round, reason = reason!.Trim() });
        lead.Status = LeadStatus.VendorQueue;
        lead.PartnerId = null;
        lead.OfferedAt = lead.DeadlineAt = null;
        var people = await LeadTimers.PartnerPeopleAsync(db, partner, ct);
        await notifier.NotifyAsync(people, $"Lead withdrawn: {(lead.Company.Length > 0 ? lead.Company : lead.PersonName)}",
            $"The vendor took this lead back: {reason!.Trim()}", "/leads", email: true, ct);
        return await SaveAsync(lead, tx, ct);
    }
}
