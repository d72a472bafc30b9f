using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

/// <summary>
/// Finance's payout batches. Each step is one transaction guarded in the database, so a line is paid exactly once
/// whatever happens around it: building records the lines it takes in <see cref="PayoutBatchLine"/>, whose key is the
/// line, and builders take turns, so two builders or two processes never take the same line; approving and paying move the batch from the state they expect at the version
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
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // Builders take turns: the second one sees the lines the first took. (SQLite's single writer does this by itself.)
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "PayoutBatchLines" IN SHARE ROW EXCLUSIVE MODE""", ct);
        var batch = new PayoutBatch { Period = period!, CreatedAt = journal.Now, CreatedByPersonId = current.Value?.PersonId };
        db.PayoutBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        // One statement takes every payable line — accrued up to the period, in no batch, not disputed — of each partner
        // and currency whose payable total is positive; the others are carried forward to a later batch.
        var taken = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PayoutBatchLines" ("AccrualId", "BatchId")
            SELECT a."Id", {batch.Id} FROM "Accruals" AS a
            JOIN (SELECT p."PartnerId", p."Currency" FROM "Accruals" AS p
                  WHERE NOT p."Disputed" AND p."Period" <= {period}
                    AND NOT EXISTS (SELECT 1 FROM "PayoutBatchLines" AS t WHERE t."AccrualId" = p."Id")
                  GROUP BY p."PartnerId", p."Currency" HAVING sum(p."AmountMinor") > 0) AS k
              ON k."PartnerId" = a."PartnerId" AND k."Currency" = a."Currency"
            WHERE NOT a."Disputed" AND a."Period" <= {period}
              AND NOT EXISTS (SELECT 1 FROM "PayoutBatchLines" AS l WHERE l."AccrualId" = a."Id")
            """, ct);
        if (taken == 0)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            else
            {
                db.PayoutBatches.Remove(batch);
                await db.SaveChangesAsync(ct);
            }
            db.ChangeTracker.Clear();
            return (NothingToPay(period!), null);
        }
        var totals = await (from l in db.PayoutBatchLines.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                            join a in db.Accruals.IgnoreQueryFilters([ValuewebDb.TenantFilter]) on l.AccrualId equals a.Id
                            where l.BatchId == batch.Id
                            group a by new { a.PartnerId, a.Currency } into g
                            select new PayoutBatchTotal { BatchId = batch.Id, PartnerId = g.Key.PartnerId, Currency = g.Key.Currency, LineCount = g.Count(), AmountMinor = g.Sum(a => a.AmountMinor) })
            .ToListAsync(ct);
        db.PayoutBatchTotals.AddRange(totals);
        batch.LineCount = taken;
        batch.PartnerCount = totals.Select(t => t.PartnerId).Distinct().Count();
        journal.Audit("payoutBatch.built", "payoutBatch", batch.Id, $"{period}: {batch.LineCount} lines, {batch.PartnerCount} partners");
        await db.SaveChangesAsync(ct);
        if (beforeCommit is not null) await beforeCommit(batch.Id);
        if (tx is not null) await tx.CommitAsync(ct);
        return (CommandResult.Done(batch.Version), batch.Id);
    }

    private static CommandResult NothingToPay(string period) =>
        CommandResult.Invalid(new FieldErrors().Add("period", $"Nothing to pay up to {period}: every accrued line is in a batch, disputed, or of a partner whose total is not positive."));

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
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
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
        // The lines follow their batch: approving or paying changes no line. Payment tells each partner once per currency.
        switch (to)
        {
            case PayoutBatchStatus.Paid:
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
                // Its lines are payable again.
                await db.PayoutBatchLines.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(l => l.BatchId == batch.Id).ExecuteDeleteAsync(ct);
                break;
        }
        if (beforeCommit is not null) await beforeCommit();
        if (tx is not null) await tx.CommitAsync(ct);
        return CommandResult.Done(batch.Version);
    }

    public static string Name(PayoutBatchStatus s) => s switch
    {
        PayoutBatchStatus.Draft => "draft",
        PayoutBatchStatus.Approved => "approved",
        PayoutBatchStatus.Paid => "paid",
        _ => "discarded",
    };
}
