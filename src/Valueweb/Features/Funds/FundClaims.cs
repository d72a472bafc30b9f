using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Incentives;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Files;

namespace Valueweb.Features.Funds;

public sealed record FundRequestInput(Guid? BudgetId, Guid? ThemeId, string? Title, string? Plan, DateOnly? StartsOn, DateOnly? EndsOn, MoneyValue? Amount);

public sealed record FundDecisionInput(string? Outcome, MoneyValue? Amount, string? Reason);

public sealed record ProofFile(string Name, byte[] Content);

/// <summary>
/// A partner's fund requests and claims, and the vendor's decisions on them. Approving a request commits its amount
/// from the partner's budget (a conditional update: never past the budget); approving a claim adds the reimbursement as
/// a payout line, in the same transaction, once.
/// </summary>
public sealed class FundClaims(ValuewebDb db, CurrentActor current, Journal journal, IFileStore files)
{
    public const int MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;

    public async Task<(FundRequest? Request, CommandResult Result)> RequestAsync(FundRequestInput input, CancellationToken ct)
    {
        var actor = current.Required;
        var errors = new FieldErrors();
        var budget = input.BudgetId is { } bid ? await db.FundBudgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bid && b.PartnerId == actor.OrganisationId, ct) : null;
        if (budget is null) errors.Add("budgetId", "Not a budget of your company.");
        var pool = budget is null ? null : await db.FundPools.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().FirstAsync(p => p.Id == budget.PoolId, ct);
        if (input.ThemeId is not { } tid || !await db.CampaignThemes.AnyAsync(t => t.Id == tid && t.Active, ct)) errors.Add("themeId", "Choose one of the vendor's current campaign themes.");
        errors.Require("title", input.Title, 200);
        errors.Require("plan", input.Plan, 4000);
        if (input.StartsOn is null) errors.Add("startsOn", "Required.");
        if (input.EndsOn is null) errors.Add("endsOn", "Required.");
        else if (input.StartsOn is { } s && input.EndsOn < s) errors.Add("endsOn", "Must not be before startsOn.");
        if (pool is not null && input.StartsOn is { } st && input.EndsOn is { } en && (st < pool.StartsOn || en > pool.EndsOn))
            errors.Add("startsOn", $"The activity must fall within the budget's period, {pool.StartsOn:yyyy-MM-dd} to {pool.EndsOn:yyyy-MM-dd}.");
        var amount = Money.Parse(input.Amount, "amount", errors);
        if (amount is { } a && pool is not null && a.Currency != pool.Currency) errors.Add("amount.currency", $"The budget is in {pool.Currency}.");
        else if (amount is { Minor: 0 }) errors.Add("amount.amount", "Must be more than 0.");
        else if (amount is { } b && budget is not null && b.Minor > budget.AmountMinor - budget.CommittedMinor)
            errors.Add("amount.amount", $"The budget has {new Money(budget.AmountMinor - budget.CommittedMinor, budget is null ? "EUR" : pool!.Currency)} left.");
        if (errors.Any) return (null, CommandResult.Invalid(errors));
        var request = new FundRequest
        {
            PartnerId = actor.OrganisationId,
            BudgetId = budget!.Id,
            ThemeId = input.ThemeId!.Value,
            Title = input.Title!.Trim(),
            Plan = input.Plan!.Trim(),
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn!.Value,
            RequestedMinor = amount!.Value.Minor,
            Currency = amount.Value.Currency,
            SubmittedAt = journal.Now,
        };
        db.FundRequests.Add(request);
        journal.Event("fundRequest.submitted", "fundRequest", request.Id, [request.PartnerId], new { title = request.Title, amount = amount.Value.ToValue() });
        await db.SaveChangesAsync(ct);
        return (request, CommandResult.Done(request.Version));
    }

    /// <summary>The vendor approves in full or in part (committing that much of the budget), or rejects with a reason.</summary>
    public async Task<CommandResult> DecideRequestAsync(Guid id, long? version, FundDecisionInput input, CancellationToken ct)
    {
        var request = await db.FundRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return CommandResult.NotFound;
        if (version is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        var errors = new FieldErrors();
        Money? amount = null;
        switch (input.Outcome)
        {
            case "approved":
                amount = input.Amount is null ? new Money(request.RequestedMinor, request.Currency) : Money.Parse(input.Amount, "amount", errors);
                if (amount is { } a && a.Currency != request.Currency) errors.Add("amount.currency", $"The request is in {request.Currency}.");
                else if (amount is { Minor: 0 }) errors.Add("amount.amount", "Must be more than 0; reject the request instead.");
                else if (amount is { } b && b.Minor > request.RequestedMinor) errors.Add("amount.amount", "At most what was requested.");
                if (amount is { } c && c.Minor < request.RequestedMinor && string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", "Say why only part is approved: the partner reads it.");
                break;
            case "rejected":
                if (string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", "Say why: the partner reads it.");
                break;
            default:
                errors.Add("outcome", "One of: approved, rejected.");
                break;
        }
        if (input.Reason is { Length: > 1000 }) errors.Add("reason", "At most 1000 characters.");
        if (errors.Any) return CommandResult.Invalid(errors);
        if (request.Version != version) return CommandResult.Stale;
        if (request.Status != FundRequestStatus.Submitted) return CommandResult.Invalid(new FieldErrors().Add("status", "The request was decided already."));
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (amount is { } approved)
        {
            var committed = await db.FundBudgets.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                .Where(b => b.Id == request.BudgetId && b.CommittedMinor + approved.Minor <= b.AmountMinor)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CommittedMinor, b => b.CommittedMinor + approved.Minor), ct);
            if (committed == 0) return CommandResult.Invalid(new FieldErrors().Add("amount.amount", "The partner's budget does not have that much left."));
            request.Status = FundRequestStatus.Approved;
            request.ApprovedMinor = approved.Minor;
        }
        else request.Status = FundRequestStatus.Rejected;
        request.DecisionReason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        request.DecidedAt = journal.Now;
        request.Version++;
        journal.Event(amount is null ? "fundRequest.rejected" : "fundRequest.approved", "fundRequest", request.Id, [request.PartnerId],
            new { title = request.Title, approved = amount?.ToValue(), requested = new Money(request.RequestedMinor, request.Currency).ToValue(), reason = request.DecisionReason });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return CommandResult.Done(request.Version);
    }

    /// <summary>After the activity, the partner claims what it cost (at most what was approved) with proof files.</summary>
    public async Task<(FundClaim? Claim, CommandResult Result)> ClaimAsync(Guid requestId, string? description, MoneyValue? amount, IReadOnlyList<ProofFile> proofs, CancellationToken ct)
    {
        var actor = current.Required;
        var request = await db.FundRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PartnerId == actor.OrganisationId, ct);
        if (request is null) return (null, CommandResult.NotFound);
        var errors = new FieldErrors();
        errors.Require("description", description, 4000);
        var money = Money.Parse(amount, "amount", errors);
        if (money is { } m && m.Currency != request.Currency) errors.Add("amount.currency", $"The request is in {request.Currency}.");
        else if (money is { Minor: 0 }) errors.Add("amount.amount", "Must be more than 0.");
        else if (money is { } n && request.ApprovedMinor is { } ap && n.Minor > ap) errors.Add("amount.amount", $"At most the approved {new Money(ap, request.Currency)}.");
        if (proofs.Count == 0) errors.Add("files", "Attach at least one proof of performance.");
        if (proofs.Count > MaxFiles) errors.Add("files", $"At most {MaxFiles} files.");
        var kinds = new List<FileSniffer.Kind>();
        for (var i = 0; i < Math.Min(proofs.Count, MaxFiles); i++)
        {
            var p = proofs[i];
            if (p.Content.Length > MaxFileBytes) { errors.Add($"files[{i}]", $"{p.Name}: larger than {MaxFileBytes / 1024 / 1024} MB."); continue; }
            var (kind, refusal) = FileSniffer.Sniff(p.Name, p.Content);
            if (kind is null) errors.Add($"files[{i}]", $"{p.Name}: {refusal}");
            else kinds.Add(kind);
        }
        if (request.Status != FundRequestStatus.Approved)
            errors.Add("requestId", request.Status == FundRequestStatus.Submitted ? "The request is not approved yet." : "The request cannot be claimed now.");
        if (request.EndsOn > DateOnly.FromDateTime(journal.Now.UtcDateTime)) errors.Add("requestId", $"Claim after the activity: it ends {request.EndsOn:yyyy-MM-dd}.");
        if (errors.Any) return (null, CommandResult.Invalid(errors));
        var claim = new FundClaim
        {
            RequestId = request.Id,
            PartnerId = request.PartnerId,
            Description = description!.Trim(),
            ClaimedMinor = money!.Value.Minor,
            Currency = request.Currency,
            SubmittedAt = journal.Now,
        };
        db.FundClaims.Add(claim);
        for (var i = 0; i < proofs.Count; i++)
        {
            var stored = files.Add(request.PartnerId, SafeName(proofs[i].Name), kinds[i].ContentType, proofs[i].Content, journal.Now);
            db.FundClaimFiles.Add(new FundClaimFile { ClaimId = claim.Id, FileId = stored.Id });
        }
        request.Status = FundRequestStatus.Claimed;
        request.Version++;
        journal.Event("fundClaim.submitted", "fundClaim", claim.Id, [claim.PartnerId], new { requestId = request.Id, title = request.Title, amount = money.Value.ToValue(), files = proofs.Count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, CommandResult.Stale);
        }
        return (claim, CommandResult.Done(claim.Version));
    }

    /// <summary>The vendor approves a claim (in full or in part: a payout line for that amount) or rejects it with a reason.</summary>
    public async Task<CommandResult> DecideClaimAsync(Guid id, long? version, FundDecisionInput input, CancellationToken ct)
    {
        var claim = await db.FundClaims.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return CommandResult.NotFound;
        if (version is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        var errors = new FieldErrors();
        Money? amount = null;
        if (input.Outcome == "approved")
        {
            amount = input.Amount is null ? new Money(claim.ClaimedMinor, claim.Currency) : Money.Parse(input.Amount, "amount", errors);
            if (amount is { } a && a.Currency != claim.Currency) errors.Add("amount.currency", $"The claim is in {claim.Currency}.");
            else if (amount is { Minor: 0 }) errors.Add("amount.amount", "Must be more than 0; reject the claim instead.");
            else if (amount is { } b && b.Minor > claim.ClaimedMinor) errors.Add("amount.amount", "At most what was claimed.");
            if (amount is { } c && c.Minor < claim.ClaimedMinor && string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", "Say why only part is approved: the partner reads it.");
        }
        else if (input.Outcome == "rejected")
        {
            if (string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", "Say why: the partner reads it.");
        }
        else errors.Add("outcome", "One of: approved, rejected.");
        if (input.Reason is { Length: > 1000 }) errors.Add("reason", "At most 1000 characters.");
        if (errors.Any) return CommandResult.Invalid(errors);
        if (claim.Version != version) return CommandResult.Stale;
        if (claim.Status != FundClaimStatus.Submitted) return CommandResult.Invalid(new FieldErrors().Add("status", "The claim was decided already."));
        var request = await db.FundRequests.FirstAsync(r => r.Id == claim.RequestId, ct);
        var theme = await db.CampaignThemes.AsNoTracking().Where(t => t.Id == request.ThemeId).Select(t => t.Name).FirstAsync(ct);
        var now = journal.Now;
        claim.DecisionReason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        claim.DecidedAt = now;
        claim.Version++;
        if (amount is { } paid)
        {
            claim.Status = FundClaimStatus.Approved;
            claim.ApprovedMinor = paid.Minor;
            request.Status = FundRequestStatus.Reimbursed;
            request.Version++;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var line = new Accrual
            {
                PartnerId = claim.PartnerId,
                FundClaimId = claim.Id,
                Kind = AccrualKind.FundReimbursement,
                RuleName = "Market development funds",
                BaseMinor = claim.ClaimedMinor,
                BaseCurrency = claim.Currency,
                ExchangeRateMicros = 1_000_000,
                ShareBasisPoints = 10_000,
                MultiplierPermille = 1000,
                AmountMinor = paid.Minor,
                Currency = claim.Currency,
                Explanation = $"Reimbursement of \"{request.Title}\" ({theme}, {request.StartsOn:yyyy-MM-dd} to {request.EndsOn:yyyy-MM-dd}): "
                    + $"{paid} approved of {new Money(claim.ClaimedMinor, claim.Currency)} claimed"
                    + (claim.DecisionReason is { } r ? $"; {r}" : "") + ".",
                EarnedOn = today,
                Period = Accrual.PeriodOf(today),
                CreatedAt = now,
            };
            if (line.Explanation.Length > IncentiveModel.MaxExplanation) line.Explanation = line.Explanation[..IncentiveModel.MaxExplanation];
            db.Accruals.Add(line);
            claim.AccrualId = line.Id;
            AccrualBook.Announce(journal, line);
        }
        else
        {
            claim.Status = FundClaimStatus.Rejected;
            request.Status = FundRequestStatus.Approved;
            request.Version++;
        }
        journal.Event(amount is null ? "fundClaim.rejected" : "fundClaim.approved", "fundClaim", claim.Id, [claim.PartnerId],
            new { requestId = request.Id, title = request.Title, approved = amount?.ToValue(), reason = claim.DecisionReason });
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        // The request is done: what it had committed beyond the reimbursement goes back to the budget, in the same transaction.
        if (amount is { } reimbursed && request.ApprovedMinor is { } committed && committed > reimbursed.Minor)
        {
            var released = committed - reimbursed.Minor;
            await db.FundBudgets.Where(b => b.Id == request.BudgetId).ExecuteUpdateAsync(s => s.SetProperty(b => b.CommittedMinor, b => b.CommittedMinor - released), ct);
            journal.Audit("fundBudget.released", "fundBudget", request.BudgetId, $"{new Money(released, request.Currency)} of \"{request.Title}\" not claimed");
            await db.SaveChangesAsync(ct);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return CommandResult.Done(claim.Version);
    }

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(file.Select(c => char.IsControl(c) || c is '"' or '/' or ':' ? '_' : c).ToArray()).Trim();
        return clean.Length == 0 ? "proof" : clean.Length > 200 ? clean[..200] : clean;
    }
}
