using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Leads;

/// <summary>What happened to one lead taken in: created (and routed or kept), or already known (nothing changed).</summary>
public sealed record IntakeOutcome(Lead Lead, bool Created);

/// <summary>
/// Takes a checked lead in, inside the caller's transaction: a lead already known by its identity (the source's
/// record id, else e-mail and company) changes nothing; a new one is scored by the program's qualification rules,
/// red-flagged when its value reaches the high-value threshold, and routed when qualified (else the vendor keeps it).
/// </summary>
public sealed class LeadIntake(ValuewebDb db, Journal journal, LeadRouter router, Notifier notifier, TimeProvider clock)
{
    public async Task<IntakeOutcome> TakeAsync(Lead lead, LeadRules rules, DealReferenceData reference, CancellationToken ct)
    {
        var known = await db.Leads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Include(l => l.ProductLines).FirstOrDefaultAsync(l => l.Identity == lead.Identity, ct);
        if (known is not null) return new IntakeOutcome(known, false);
        var now = clock.GetUtcNow();
        lead.CreatedAt = lead.UpdatedAt = now;
        var interests = lead.ProductLines.Select(p => reference.ProductLines.TryGetValue(p.ProductLineId, out var l) ? l.Name : "").Where(n => n.Length > 0).ToList();
        var q = Qualifier.Score(LeadDrafts.Of(lead, interests), rules.Qualification);
        lead.Score = q.Score;
        lead.Qualified = q.Qualified;
        lead.ScoreReasons = System.Text.Json.JsonSerializer.Serialize(q.Reasons.Select(r => new ScoreReason(r.Label, r.Points)), System.Text.Json.JsonSerializerOptions.Web);
        lead.RedFlag = await IsHighValueAsync(lead, rules, ct);
        lead.Status = LeadStatus.Nurture;
        db.Leads.Add(lead);
        journal.Event("lead.received", "lead", lead.Id, [], new { channel = lead.Channel, source = lead.Source, score = lead.Score, qualified = lead.Qualified, redFlag = lead.RedFlag });
        if (lead.Qualified) await router.RouteAsync(lead, ct);
        if (lead.RedFlag) await TellChannelManagersAsync(lead, ct);
        return new IntakeOutcome(lead, true);
    }

    /// <summary>
    /// One lead in its own transaction, for callers without one (the public web form). <paramref name="beforeSave"/>
    /// adds what must be saved with it (the form's idempotency record). A concurrent submission of the same lead
    /// makes this one retry and find it known.
    /// </summary>
    public async Task<IntakeOutcome> TakeOneAsync(Lead lead, DealReferenceData reference, Action? beforeSave, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var outcome = await TakeAsync(lead, await LeadSettingsStore.LoadAsync(db, ct), reference, ct);
                beforeSave?.Invoke();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return outcome;
            }
            catch (Exception e) when (attempt < 3 && (e is DbUpdateException || LeadLoads.IsLockConflict(e)))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                router.LoadsChanged();
                lead.Round = 0;
            }
        }
    }

    /// <summary>The caller rolled its transaction back: capacity taken in it was not taken after all.</summary>
    public void RolledBack() => router.LoadsChanged();

    /// <summary>Value at or above the program's threshold, converted at the vendor's rates when in another currency.</summary>
    private async Task<bool> IsHighValueAsync(Lead lead, LeadRules rules, CancellationToken ct)
    {
        if (lead.ValueMinor is not { } minor) return false;
        if (lead.Currency == rules.Row.Currency) return minor >= rules.Row.HighValueMinor;
        var rates = await db.CurrencyRates.AsNoTracking().Where(r => r.Currency == lead.Currency || r.Currency == rules.Row.Currency)
            .ToDictionaryAsync(r => r.Currency, r => r.RateMicros, ct);
        var reporting = (await DealReferenceData.GetAsync(db, ct)).Rules.Program.ReportingCurrency;
        rates[reporting] = 1_000_000;
        if (!rates.TryGetValue(lead.Currency, out var from) || !rates.TryGetValue(rules.Row.Currency, out var to) || to == 0) return false;
        var inThreshold = (decimal)minor / Factor(lead.Currency) * from / to * Factor(rules.Row.Currency);
        return inThreshold >= rules.Row.HighValueMinor;
    }

    private static decimal Factor(string currency) => Platform.Api.Money.Decimals(currency) switch { 0 => 1m, 3 => 1000m, _ => 100m };

    private async Task TellChannelManagersAsync(Lead lead, CancellationToken ct)
    {
        var managers = lead.PartnerId is { } partner ? await DealRegistering.ChannelManagersAsync(db, partner, ct)
            : await db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => p.Role == Role.ChannelManager && p.Status == PersonStatus.Active).Select(p => p.Id).ToListAsync(ct);
        var where = lead.PartnerId is null ? "It is in the vendor's queue." : "It was offered to a partner: help them win it.";
        await notifier.NotifyAsync(managers, $"High-value lead: {(lead.Company.Length > 0 ? lead.Company : lead.PersonName)}",
            $"A lead worth at least the program's high-value threshold arrived. {where}", LeadViews.PagePath(lead.Id), email: true, ct);
    }
}
