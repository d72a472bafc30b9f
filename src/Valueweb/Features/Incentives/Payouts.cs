using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

/// <summary>
/// Finance's payout batches. Each step is one transaction guarded in the database, so a line is paid exactly once
/// whatever happens around it: building takes only lines in no batch (a conditional UPDATE, so two builders or two
/// processes never take the same line); approving and paying move the batch from the state they expect at the version
/// they read; a crash at any point leaves the step fully done or not at all. Lines disputed and not yet answered wait,
/// and so do a partner's lines in a currency whose total is not positive (carried forward).
/// </summary>
public sealed class Payouts(ValuewebDb db, CurrentActor current, Journal journal)
{
    public static bool IsPeriod(string? p) =>
        p is { Length: 7 } && p[4] == '-' && int.TryParse(p[..4], out var y) && y is >= 2000 and <= 2999 && int.TryParse(p[5..], out var m) && m is >= 1 and <= 12;

    /// <summary>Builds a draft batch of every payable line up to and including <paramref name="period"/>.</summary>
    public async Task<(CommandResult Result, Guid? BatchId)> BuildAsync(string? period, Func<Guid, Task>? beforeCommit, CancellationToken ct)
    {
        if (!IsPeriod(period)) return (CommandResult.Invalid(new FieldErrors().Add("period", "A month as YYYY-MM, such as 2026-11.")), null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new PayoutBatch { Period = period!, CreatedAt = journal.Now, CreatedByPersonId = current.Value?.PersonId };
        db.PayoutBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        var payable = Lines().Where(a => a.BatchId == null && a.Status == AccrualStatus.Accrued && !a.Disputed && string.Compare(a.Period, period) <= 0);
        var positive = payable.GroupBy(a => new { a.PartnerId, a.Currency }).Where(g => g.Sum(a => a.AmountMinor) > 0).Select(g => g.Key);
        // A join to the partner × currency keys, not positive.Any(...): EF puts that correlation into the subquery's HAVING,
        // and PostgreSQL then runs the grouped subquery again for every payable line (a partner's n lines cost n²).
        var taken = await payable.Join(positive, a => new { a.PartnerId, a.Currency }, k => new { k.PartnerId, k.Currency }, (a, _) => a)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.BatchId, batch.Id), ct);
        if (taken == 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (CommandResult.Invalid(new FieldErrors().Add("period", $"Nothing to pay up to {period}: no approved-for-payment lines outside other batches.")), null);
        }
        var totals = await Lines().Where(a => a.BatchId == batch.Id).GroupBy(a => new { a.PartnerId, a.Currency })
            .Select(g => new { g.Key.PartnerId, g.Key.Currency, Count = g.Count(), Sum = g.Sum(a => a.AmountMinor) }).ToListAsync(ct);
        // A concurrent change between the two statements could leave a total not positive: those lines wait for a later batch.
        foreach (var t in totals.Where(t => t.Sum <= 0))
            await Lines().Where(a => a.BatchId == batch.Id && a.PartnerId == t.PartnerId && a.Currency == t.Currency)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BatchId, (Guid?)null), ct);
        var kept = totals.Where(t => t.Sum > 0).ToList();
        db.PayoutBatchTotals.AddRange(kept.Select(t => new PayoutBatchTotal { BatchId = batch.Id, PartnerId = t.PartnerId, Currency = t.Currency, LineCount = t.Count, AmountMinor = t.Sum }));
        batch.LineCount = kept.Sum(t => t.Count);
        batch.PartnerCount = kept.Select(t => t.PartnerId).Distinct().Count();
        journal.Audit("payoutBatch.built", "payoutBatch", batch.Id, $"{period}: {batch.LineCount} lines, {batch.PartnerCount} partners");
        await db.SaveChangesAsync(ct);
        if (beforeCommit is not null) await beforeCommit(batch.Id);
        await tx.CommitAsync(ct);
        return (CommandResult.Done(batch.Version), batch.Id);
    }

    public Task<CommandResult> ApproveAsync(Guid id, long? version, Func<Task>? beforeCommit, CancellationToken ct) =>
        MoveAsync(id, version, PayoutBatchStatus.Draft, PayoutBatchStatus.Approved, null, beforeCommit, ct);

    public Task<CommandResult> PayAsync(Guid id, long? version, string? reference, Func<Task>? beforeCommit, CancellationToken ct) =>
        MoveAsync(id, version, PayoutBatchStatus.Approved, PayoutBatchStatus.Paid, reference ?? "", beforeCommit, ct);

    public Task<CommandResult> DiscardAsync(Guid id, long? version, Func<Task>? beforeCommit, CancellationToken ct) =>
        MoveAsync(id, version, PayoutBatchStatus.Draft, PayoutBatchStatus.Discarded, null, beforeCommit, ct);

    private async Task<CommandResult> MoveAsync(Guid id, long? version, PayoutBatchStatus from, PayoutBatchStatus to, string? reference, Func<Task>? beforeCommit, CancellationToken ct)
    {
        var batch = await db.PayoutBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return CommandResult.NotFound;
        if (version is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        if (reference is { Length: > 400 }) return CommandResult.Invalid(new FieldErrors().Add("reference", "At most 400 characters."));
        if (batch.Version != version) return CommandResult.Stale;
        if (batch.Status != from)
            return CommandResult.Invalid(new FieldErrors().Add("status", $"The batch is {Name(batch.Status)}; only a {Name(from)} batch can be {Name(to)}."));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = journal.Now;
        var person = current.Value?.PersonId;
        batch.Status = to;
        batch.Version++;
        switch (to)
        {
            case PayoutBatchStatus.Approved:
                batch.ApprovedAt = now;
                batch.ApprovedByPersonId = person;
                break;
            case PayoutBatchStatus.Paid:
                batch.PaidAt = now;
                batch.PaidByPersonId = person;
                batch.PaymentReference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
                break;
        }
        journal.Audit("payoutBatch." + Name(to), "payoutBatch", batch.Id, $"{batch.Period}: {batch.LineCount} lines");
        try
        {
            // The batch moves first, conditionally on the version read: a concurrent approval or payment fails here.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        var lines = Lines().Where(a => a.BatchId == batch.Id);
        switch (to)
        {
            case PayoutBatchStatus.Approved:
                await lines.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccrualStatus.Approved), ct);
                break;
            case PayoutBatchStatus.Paid:
                await lines.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccrualStatus.Paid).SetProperty(a => a.PaidAt, now), ct);
                var totals = await db.PayoutBatchTotals.AsNoTracking().Where(t => t.BatchId == batch.Id).ToListAsync(ct);
                foreach (var t in totals)
                    journal.Event("payout.paid", "payoutBatch", batch.Id, [t.PartnerId], new
                    {
                        period = batch.Period,
                        amount = new Money(t.AmountMinor, t.Currency).ToValue(),
                        lines = t.LineCount,
                        reference = batch.PaymentReference,
                    });
                await db.SaveChangesAsync(ct);
                break;
            case PayoutBatchStatus.Discarded:
                await lines.ExecuteUpdateAsync(s => s.SetProperty(a => a.BatchId, (Guid?)null), ct);
                break;
        }
        if (beforeCommit is not null) await beforeCommit();
        await tx.CommitAsync(ct);
        return CommandResult.Done(batch.Version);
    }

    public static string Name(PayoutBatchStatus s) => s switch
    {
        PayoutBatchStatus.Draft => "draft",
        PayoutBatchStatus.Approved => "approved",
        PayoutBatchStatus.Paid => "paid",
        _ => "discarded",
    };

    private IQueryable<Accrual> Lines() => db.Accruals.IgnoreQueryFilters([ValuewebDb.TenantFilter]);
}
