using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Deals;

public sealed record DecisionRequest(string? Reason);

public sealed record ReassignRequest(Guid? PartnerId, string? Reason);

public sealed record StageRequest(string? Stage);

public sealed record WonRequest(MoneyValue? ActualValue, DateOnly? CloseDate);

/// <summary>What happens to a registration after submission: decisions by the channel manager, work by its partner, timers.</summary>
public sealed class DealDecisions(ValuewebDb db, CurrentActor current, Journal journal, JobQueue jobs, TimeProvider clock, Incentives.AccrualBook accruals)
{
    private enum Side { Vendor, Owner }

    /// <summary>Loads a visible registration and checks who may act and the version, in the order the API promises.</summary>
    private async Task<(DealRegistration? Row, CommandResult? Refusal)> LoadAsync(Guid id, long? version, Side side, Permission permission, CancellationToken ct)
    {
        var actor = current.Required;
        var r = await db.DealRegistrations.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return (null, CommandResult.NotFound);
        var allowed = actor.May(permission) && (side == Side.Vendor ? actor.IsVendor : r.PartnerId == actor.OrganisationId);
        if (!allowed) return (null, CommandResult.Forbidden);
        if (version is null) return (null, new CommandResult(CommandOutcome.Conflict, Message: "if-match"));
        if (r.Version != version) return (null, CommandResult.Stale);
        return (r, null);
    }

    private static CommandResult Invalid(string field, string message) => CommandResult.Invalid(new FieldErrors().Add(field, message));

    private static CommandResult NotInState(string what) => Invalid("status", what);

    private async Task<CommandResult> SaveAsync(DealRegistration r, CancellationToken ct)
    {
        r.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        return CommandResult.Done(r.Version);
    }

    private void Protect(DealRegistration r, DateTimeOffset until, EngagementRules rules)
    {
        r.ProtectedUntil = until;
        jobs.Enqueue(DealTimers.ExpireKind, new DealTimers.Payload(r.Id), until, $"deal.expire:{r.Id}:{until.ToUnixTimeSeconds()}");
        var remindAt = until.AddDays(-rules.Program.ReminderDays);
        if (remindAt > clock.GetUtcNow())
            jobs.Enqueue(DealTimers.RemindKind, new DealTimers.Payload(r.Id), remindAt, $"deal.remind:{r.Id}:{until.ToUnixTimeSeconds()}");
    }

    public async Task<CommandResult> ApproveAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Vendor, Permission.DecideDeals, ct);
        if (r is null) return refusal!;
        if (r.Status != DealStatus.Pending) return NotInState("Only a pending registration can be approved.");
        if (reason is { Length: > 1000 }) return Invalid("reason", "At most 1000 characters.");
        var rules = await EngagementRules.LoadAsync(db, ct);
        var now = clock.GetUtcNow();
        r.Status = DealStatus.Approved;
        r.DecidedAt = now;
        r.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Protect(r, now.AddDays(rules.Program.ProtectionDays), rules);
        journal.Event("dealRegistration.approved", "dealRegistration", r.Id, Audience(r), new { protectedUntil = r.ProtectedUntil, reason = r.DecisionReason });
        return await SaveAsync(r, ct);
    }

    public async Task<CommandResult> RejectAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Vendor, Permission.DecideDeals, ct);
        if (r is null) return refusal!;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason", "Say why: the partner reads it.");
        if (reason.Length > 1000) return Invalid("reason", "At most 1000 characters.");
        if (r.Status != DealStatus.Pending) return NotInState("Only a pending registration can be rejected.");
        r.Status = DealStatus.Rejected;
        r.DecidedAt = clock.GetUtcNow();
        r.DecisionReason = reason.Trim();
        journal.Event("dealRegistration.rejected", "dealRegistration", r.Id, Audience(r), new { reason = r.DecisionReason });
        return await SaveAsync(r, ct);
    }

    /// <summary>Gives the business to another partner; the registrant keeps referral credit and sight of the registration (a grant).</summary>
    public async Task<CommandResult> ReassignAsync(Guid id, long? version, ReassignRequest request, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Vendor, Permission.DecideDeals, ct);
        if (r is null) return refusal!;
        var errors = new FieldErrors();
        errors.Require("reason", request.Reason, 1000);
        if (request.PartnerId is not { } to) errors.Add("partnerId", "Required.");
        else if (to == r.PartnerId) errors.Add("partnerId", "The registration already belongs to this partner.");
        else if (!await db.Organisations.AnyAsync(o => o.Id == to && o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active, ct))
            errors.Add("partnerId", "Not an active partner.");
        if (errors.Any) return CommandResult.Invalid(errors);
        if (!r.IsOpen) return NotInState("Only a pending or approved registration can be reassigned.");
        var rules = await EngagementRules.LoadAsync(db, ct);
        var now = clock.GetUtcNow();
        var from = r.PartnerId;
        r.PartnerId = request.PartnerId!.Value;
        if (!await db.Grants.AnyAsync(g => g.ObjectId == r.Id && g.GranteeOrganisationId == r.RegisteredByPartnerId, ct) && r.RegisteredByPartnerId != r.PartnerId)
            db.Grants.Add(new Grant { GranteeOrganisationId = r.RegisteredByPartnerId, ObjectType = "dealRegistration", ObjectId = r.Id, Reason = "referral credit", CreatedAt = now });
        r.Status = DealStatus.Approved;
        r.DecidedAt = now;
        r.DecisionReason = request.Reason!.Trim();
        r.Extensions = 0;
        Protect(r, now.AddDays(rules.Program.ProtectionDays), rules);
        journal.Event("dealRegistration.reassigned", "dealRegistration", r.Id, [from, r.PartnerId, r.RegisteredByPartnerId],
            new { from, to = r.PartnerId, referralCredit = r.RegisteredByPartnerId, reason = r.DecisionReason, protectedUntil = r.ProtectedUntil });
        return await SaveAsync(r, ct);
    }

    public async Task<CommandResult> ExtendAsync(Guid id, long? version, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Owner, Permission.RegisterDeals, ct);
        if (r is null) return refusal!;
        if (r.Status != DealStatus.Approved) return NotInState("Only an approved registration can be extended.");
        var rules = await EngagementRules.LoadAsync(db, ct);
        if (!rules.MayExtend(r.Extensions))
            return NotInState(rules.Program.ExtensionRule == ExtensionRule.None ? "The program allows no extensions." : "The program allows one extension, and it was used.");
        r.Extensions++;
        Protect(r, r.ProtectedUntil!.Value.AddDays(rules.Program.ExtensionDays), rules);
        journal.Event("dealRegistration.extended", "dealRegistration", r.Id, Audience(r), new { protectedUntil = r.ProtectedUntil, extensions = r.Extensions });
        return await SaveAsync(r, ct);
    }

    public async Task<CommandResult> ChangeStageAsync(Guid id, long? version, string? stage, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Owner, Permission.RegisterDeals, ct);
        if (r is null) return refusal!;
        var rules = await EngagementRules.LoadAsync(db, ct);
        if (rules.Stage(stage) is not { } s) return Invalid("stage", "One of: " + string.Join(", ", rules.Stages.Select(x => x.Key)) + ".");
        if (!r.IsOpen) return NotInState("The registration is closed.");
        if (r.Stage == s.Key) return CommandResult.Done(r.Version);
        var before = r.Stage;
        r.Stage = s.Key;
        journal.Event("dealRegistration.stageChanged", "dealRegistration", r.Id, Audience(r), new { from = before, to = s.Key });
        return await SaveAsync(r, ct);
    }

    public async Task<CommandResult> WinAsync(Guid id, long? version, WonRequest request, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Owner, Permission.RegisterDeals, ct);
        if (r is null) return refusal!;
        var errors = new FieldErrors();
        var actual = Money.Parse(request.ActualValue, "actualValue", errors);
        if (actual is { } a && a.Currency != r.Currency) errors.Add("actualValue.currency", $"The registration is in {r.Currency}.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (request.CloseDate is not { } closed) errors.Add("closeDate", "Required.");
        else if (closed > today) errors.Add("closeDate", "Must not be in the future.");
        if (errors.Any) return CommandResult.Invalid(errors);
        if (r.Status != DealStatus.Approved) return NotInState("Only an approved registration can be won.");
        r.Status = DealStatus.Won;
        r.ActualMinor = actual!.Value.Minor;
        r.ClosedOn = request.CloseDate;
        journal.Event("dealRegistration.won", "dealRegistration", r.Id, Audience(r),
            new { actualValue = actual.Value.ToValue(), closeDate = r.ClosedOn, referralCredit = r.RegisteredByPartnerId != r.PartnerId ? r.RegisteredByPartnerId : r.ReferredByPartnerId });
        await accruals.OnWonAsync(r, ct);
        return await SaveAsync(r, ct);
    }

    public async Task<CommandResult> LoseAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Owner, Permission.RegisterDeals, ct);
        if (r is null) return refusal!;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason", "Say why the deal was lost.");
        if (reason.Length > 1000) return Invalid("reason", "At most 1000 characters.");
        if (!r.IsOpen) return NotInState("The registration is closed.");
        r.Status = DealStatus.Lost;
        r.LostReason = reason.Trim();
        r.ClosedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        journal.Event("dealRegistration.lost", "dealRegistration", r.Id, Audience(r), new { reason = r.LostReason });
        return await SaveAsync(r, ct);
    }

    /// <summary>Undoes a won deal (the customer cancelled or was refunded); what it earned is clawed back within each program's window.</summary>
    public async Task<CommandResult> ReverseAsync(Guid id, long? version, string? reason, CancellationToken ct)
    {
        var (r, refusal) = await LoadAsync(id, version, Side.Vendor, Permission.DecideDeals, ct);
        if (r is null) return refusal!;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason", "Say why the deal is reversed: the partner reads it.");
        if (reason.Length > 1000) return Invalid("reason", "At most 1000 characters.");
        if (r.Status != DealStatus.Won) return NotInState("Only a won deal can be reversed.");
        r.Status = DealStatus.Reversed;
        r.ReversedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        r.ReversalReason = reason.Trim();
        journal.Event("dealRegistration.reversed", "dealRegistration", r.Id, Audience(r), new { reason = r.ReversalReason, reversedOn = r.ReversedOn });
        await accruals.OnReversedAsync(r, r.ReversedOn.Value, ct);
        return await SaveAsync(r, ct);
    }

    /// <summary>The owner, the registrant (after a reassignment) and the referring partner follow a registration's events.</summary>
    private static Guid[] Audience(DealRegistration r) =>
        new[] { r.PartnerId, r.RegisteredByPartnerId, r.ReferredByPartnerId ?? r.PartnerId }.Distinct().ToArray();
}
