using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record DisputeInput(string? Comment);

public sealed record ResolutionInput(string? Outcome, string? Resolution, MoneyValue? Adjustment, bool? Deduct);

/// <summary>
/// A partner disputes a line of its statement with a comment; the line is held out of new payout batches until finance
/// answers. Finance upholds (optionally adding an adjustment line, paid or deducted in a later batch) or rejects, with a
/// reason the partner reads. Lines themselves never change amount.
/// </summary>
public sealed class Disputes(ValuewebDb db, CurrentActor current, Journal journal)
{
    public async Task<(CommandResult Result, Guid? DisputeId)> OpenAsync(Guid accrualId, DisputeInput input, CancellationToken ct)
    {
        var line = await db.Accruals.FirstOrDefaultAsync(a => a.Id == accrualId, ct);
        var actor = current.Required;
        if (line is null || line.PartnerId != actor.OrganisationId) return (CommandResult.NotFound, null);
        var errors = new FieldErrors();
        errors.Require("comment", input.Comment, 2000);
        if (errors.Any) return (CommandResult.Invalid(errors), null);
        if (await db.AccrualDisputes.AnyAsync(d => d.AccrualId == line.Id && d.Status == DisputeStatus.Open, ct))
            return (CommandResult.Invalid(new FieldErrors().Add("accrualId", "This line is already disputed; finance has not answered yet.")), null);
        var dispute = new AccrualDispute
        {
            AccrualId = line.Id,
            PartnerId = line.PartnerId,
            Comment = input.Comment!.Trim(),
            OpenedByPersonId = actor.PersonId,
            OpenedAt = journal.Now,
        };
        db.AccrualDisputes.Add(dispute);
        line.Disputed = true;
        journal.Event("accrual.disputed", "accrual", line.Id, [line.PartnerId], new { disputeId = dispute.Id, comment = dispute.Comment });
        await db.SaveChangesAsync(ct);
        return (CommandResult.Done(dispute.Version), dispute.Id);
    }

    public async Task<CommandResult> ResolveAsync(Guid disputeId, long? version, ResolutionInput input, CancellationToken ct)
    {
        var dispute = await db.AccrualDisputes.FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null) return CommandResult.NotFound;
        if (version is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        var errors = new FieldErrors();
        var upheld = input.Outcome switch { "upheld" => true, "rejected" => (bool?)false, _ => null };
        if (upheld is null) errors.Add("outcome", "One of: upheld, rejected.");
        errors.Require("resolution", input.Resolution, 2000);
        var line = await db.Accruals.FirstAsync(a => a.Id == dispute.AccrualId, ct);
        Money? adjustment = null;
        if (input.Adjustment is not null)
        {
            if (upheld == false) errors.Add("adjustment", "Only an upheld dispute has an adjustment.");
            adjustment = Money.Parse(input.Adjustment, "adjustment", errors);
            if (adjustment is { } a && a.Currency != line.Currency) errors.Add("adjustment.currency", $"The line is in {line.Currency}.");
            else if (adjustment is { Minor: 0 }) errors.Add("adjustment.amount", "Must be more than 0; leave it out for no adjustment.");
        }
        if (errors.Any) return CommandResult.Invalid(errors);
        if (dispute.Version != version) return CommandResult.Stale;
        if (dispute.Status != DisputeStatus.Open) return CommandResult.Invalid(new FieldErrors().Add("status", "The dispute is resolved already."));
        var now = journal.Now;
        dispute.Status = upheld!.Value ? DisputeStatus.Upheld : DisputeStatus.Rejected;
        dispute.Resolution = input.Resolution!.Trim();
        dispute.ResolvedAt = now;
        dispute.ResolvedByPersonId = current.Required.PersonId;
        dispute.Version++;
        line.Disputed = false;
        if (adjustment is { } adj)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var amount = input.Deduct == true ? -adj.Minor : adj.Minor;
            var extra = new Accrual
            {
                PartnerId = line.PartnerId,
                ProgramId = line.ProgramId,
                RegistrationId = line.RegistrationId,
                Kind = AccrualKind.Adjustment,
                RuleName = "Dispute adjustment",
                BaseMinor = line.BaseMinor,
                BaseCurrency = line.BaseCurrency,
                ExchangeRateMicros = line.ExchangeRateMicros,
                ShareBasisPoints = 10_000,
                MultiplierPermille = 1000,
                AmountMinor = amount,
                Currency = line.Currency,
                Explanation = $"Adjustment of {IncentiveCalculator.Text(amount, line.Currency)} after your dispute of \"{line.RuleName}\" ({IncentiveCalculator.Text(line.AmountMinor, line.Currency)}, {line.EarnedOn:yyyy-MM-dd}) was upheld: {dispute.Resolution}",
                EarnedOn = today,
                Period = Accrual.PeriodOf(today),
                CreatedAt = now,
            };
            if (extra.Explanation.Length > IncentiveModel.MaxExplanation) extra.Explanation = extra.Explanation[..IncentiveModel.MaxExplanation];
            db.Accruals.Add(extra);
            dispute.AdjustmentId = extra.Id;
            AccrualBook.Announce(journal, extra);
        }
        journal.Event("accrual.disputeResolved", "accrual", line.Id, [line.PartnerId],
            new { disputeId = dispute.Id, outcome = input.Outcome, resolution = dispute.Resolution, adjustmentId = dispute.AdjustmentId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        return CommandResult.Done(dispute.Version);
    }
}
