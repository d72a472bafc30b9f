using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;

namespace Valueweb.Features.Incentives;

/// <summary>
/// Records what won deals earn and what reversed deals give back, in the unit of work of the deal's own change: a deal is
/// won and its lines accrued together, or neither. Each line appends an "accrual.created" event its partner sees.
/// </summary>
public sealed class AccrualBook(ValuewebDb db, Journal journal)
{
    /// <summary>Accrues the deal's lines under every active program covering its close date that has not accrued it yet.</summary>
    public async Task<int> OnWonAsync(DealRegistration r, CancellationToken ct)
    {
        if (r.Status != DealStatus.Won || r.ActualMinor is not { } value || r.ClosedOn is not { } closedOn) return 0;
        var programs = await db.IncentivePrograms.AsNoTracking().AsSplitQuery().Include(p => p.Rules).Include(p => p.Multipliers)
            .Where(p => p.Active && p.ValidFrom <= closedOn && (p.ValidTo == null || p.ValidTo >= closedOn)).ToListAsync(ct);
        if (programs.Count == 0) return 0;
        var done = await Lines().Where(a => a.RegistrationId == r.Id && a.Kind == AccrualKind.Earning).Select(a => a.ProgramId).Distinct().ToListAsync(ct);
        programs.RemoveAll(p => done.Contains(p.Id));
        foreach (var p in programs) p.Rules.Sort((a, b) => a.Position.CompareTo(b.Position));
        var splits = await db.DealSplits.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(s => s.RegistrationId == r.Id)
            .OrderByDescending(s => s.PartnerId == r.PartnerId).ThenByDescending(s => s.ShareBasisPoints).ThenBy(s => s.PartnerId).ToListAsync(ct);
        var lines = await db.DealProductLines.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(p => p.RegistrationId == r.Id)
            .Select(p => p.ProductLineId).ToListAsync(ct);
        var referrer = r.RegisteredByPartnerId != r.PartnerId ? r.RegisteredByPartnerId : r.ReferredByPartnerId;
        var deal = new WonDeal(r.Id, r.PartnerId, referrer, value, r.Currency, closedOn,
            r.DecidedAt is { } decided ? DateOnly.FromDateTime(decided.UtcDateTime) : null, lines,
            splits.Select(s => new SplitShare(s.PartnerId, s.ShareBasisPoints)).ToList());
        var partners = deal.Splits.Select(s => s.PartnerId).Append(r.PartnerId).Concat(referrer is { } x ? [x] : []).Distinct().ToList();
        var facts = await IncentiveFacts.LoadAsync(db, programs, partners, r.Currency, closedOn, ct);
        var count = 0;
        foreach (var program in programs)
            foreach (var line in IncentiveCalculator.Accrue(deal, program, facts, reason => Skipped(r, program, reason)))
            {
                Record(line);
                facts.Earned(line);
                count++;
            }
        return count;
    }

    /// <summary>Gives back, line for line, what the deal earned under each program whose clawback window is still open.</summary>
    public async Task<int> OnReversedAsync(DealRegistration r, DateOnly reversedOn, CancellationToken ct)
    {
        if (r.ClosedOn is not { } closedOn) return 0;
        var earned = await Lines().AsNoTracking().Where(a => a.RegistrationId == r.Id).ToListAsync(ct);
        var clawedBack = earned.Where(a => a.Kind == AccrualKind.Clawback).Select(a => a.ReversesId).ToHashSet();
        var open = earned.Where(a => a.Kind == AccrualKind.Earning && !clawedBack.Contains(a.Id)).ToList();
        var programIds = open.Select(a => a.ProgramId).Distinct().ToList();
        var programs = await db.IncentivePrograms.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToListAsync(ct);
        var count = 0;
        foreach (var program in programs)
        {
            var lines = IncentiveCalculator.ClawBack(open, program, closedOn, reversedOn).ToList();
            if (lines.Count == 0)
                journal.Event("accrual.notClawedBack", "dealRegistration", r.Id, [],
                    new { program = program.Name, reason = $"Reversed {reversedOn:yyyy-MM-dd}, after the program's {program.ClawbackDays}-day window from {closedOn:yyyy-MM-dd}." });
            foreach (var line in lines)
            {
                Record(line);
                count++;
            }
        }
        return count;
    }

    private IQueryable<Accrual> Lines() => db.Accruals.IgnoreQueryFilters([ValuewebDb.TenantFilter]);

    private void Record(Accrual line)
    {
        line.CreatedAt = journal.Now;
        db.Accruals.Add(line);
        Announce(journal, line);
    }

    /// <summary>The event a new line appends, seen by its partner (and the vendor); webhooks deliver it as "accrual.created".</summary>
    public static void Announce(Journal journal, Accrual line) =>
        journal.Event("accrual.created", "accrual", line.Id, [line.PartnerId], new
        {
            kind = line.Kind.ToString(),
            registrationId = line.RegistrationId,
            rule = line.RuleName,
            amount = new Platform.Api.Money(line.AmountMinor, line.Currency).ToValue(),
            period = line.Period,
            explanation = line.Explanation,
        });

    private void Skipped(DealRegistration r, IncentiveProgram program, string reason) =>
        journal.Event("accrual.skipped", "dealRegistration", r.Id, [], new { program = program.Name, programId = program.Id, reason });
}
