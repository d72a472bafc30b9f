using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Notifications;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads;

/// <summary>
/// Routes a lead inside the caller's transaction: decides with the <see cref="RoutingEngine"/> over this process's
/// <see cref="RoutingWorld"/> and the partners' loads as the database has them; the winner's capacity is taken by a
/// conditional update (a partner the database finds full is left out and the engine decides again); the decision is
/// recorded with its explanation; the offer gets its deadline timer and the partner is told. Without a partner the
/// lead goes to the policy's fallback.
/// </summary>
public sealed class LeadRouter(ValuewebDb db, Journal journal, JobQueue jobs, Notifier notifier, Deals.ConflictDetector detector, TimeProvider clock)
{
    public async Task<RoutingDecision> RouteAsync(Lead lead, CancellationToken ct)
    {
        var rules = await LeadSettingsStore.LoadAsync(db, ct);
        var world = await RoutingWorld.GetAsync(db, rules, ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var ledger = await KeptLedgerAsync(today, ct);
        var excluded = await db.LeadOffers.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(o => o.LeadId == lead.Id && (o.Outcome == OfferOutcome.Declined || o.Outcome == OfferOutcome.Lapsed)).Select(o => o.PartnerId).ToListAsync(ct);
        // The offer this very transaction just declined or let lapse is not saved yet: it counts too.
        excluded.AddRange(db.LeadOffers.Local.Where(o => o.LeadId == lead.Id && o.Outcome is OfferOutcome.Declined or OfferOutcome.Lapsed).Select(o => o.PartnerId));
        var facts = Facts(lead, excluded) with { AssociatedPartners = rules.Walls.Count == 0 ? [] : await AssociatedAsync(lead, ct) };
        var capacity = rules.Routing.Capacity;
        var decision = await RoutingEngine.RouteAsync(facts, world.Snapshot, ledger, rules.Routing, async (partner, token) =>
        {
            var tier = world.Tiers.GetValueOrDefault(partner);
            var taken = await LeadLoads.TryTakeAsync(db, partner, capacity.OpenLeadLimit(tier), capacity.DailyQuotaFor(tier), today, token);
            // The database found the partner full: the kept ledger must not offer it to the next lead of this batch either.
            if (!taken) ledger.Set(partner, Full, Full, ledger[partner].AssignedInWindow);
            return taken;
        }, ct: ct);
        Apply(lead, decision, rules, world, now);
        if (decision.WinnerId is { } winner) await TellPartnerAsync(lead, winner, ct);
        return decision;
    }

    /// <summary>
    /// Partners already working the lead's company — an open deal registration of the customer account its name or
    /// domain matches — so that walls keep their competitors away from it.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> AssociatedAsync(Lead lead, CancellationToken ct)
    {
        var site = lead.Website ?? lead.Email;
        var domain = site is null ? null : Matching.CompanyMatcher.NormaliseDomain(site);
        if (lead.Company.Length == 0 && domain is null) return [];
        var reference = await Deals.DealReferenceData.GetAsync(db, ct);
        var found = await detector.DetectAsync(domain is null ? Matching.CompanyDescription.Of(lead.Company) : Matching.CompanyDescription.Of(lead.Company, domain), [], Guid.Empty, reference.Rules.Program.ConflictThreshold, null, ct);
        if (found.Account is not { } account) return [];
        return await db.DealRegistrations.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(r => r.CustomerAccountId == account.Id && (r.Status == Deals.DealStatus.Pending || r.Status == Deals.DealStatus.Approved))
            .Select(r => r.PartnerId).Distinct().ToListAsync(ct);
    }

    private const int Full = 1_000_000;
    private static readonly TimeSpan KeepLedger = TimeSpan.FromSeconds(2);
    private (CapacityLedger Ledger, DateOnly Day, long LoadedAt)? kept;

    /// <summary>
    /// The loads, read once for a batch of leads routed by this router (an import's routing queue, a batch of the API)
    /// and kept for <see cref="KeepLedger"/>: reading every partner's row for each lead would cost more than the
    /// decision. Only a hint: the database's conditional update takes the capacity, and a partner it finds full is
    /// marked full here.
    /// </summary>
    private async Task<CapacityLedger> KeptLedgerAsync(DateOnly today, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (kept is { } k && k.Day == today && now - k.LoadedAt < (long)KeepLedger.TotalMilliseconds) return k.Ledger;
        var ledger = await LedgerAsync(db, today, ct);
        kept = (ledger, today, now);
        return ledger;
    }

    /// <summary>Forgets the kept loads: the caller just gave capacity back.</summary>
    public void LoadsChanged() => kept = null;

    /// <summary>The partners' loads as the database has them: open leads, leads today, leads ever received (the rotation's count).</summary>
    public static async Task<CapacityLedger> LedgerAsync(ValuewebDb db, DateOnly today, CancellationToken ct)
    {
        var ledger = new CapacityLedger();
        var loads = await db.PartnerLeadLoads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().ToListAsync(ct);
        foreach (var l in loads) ledger.Set(l.PartnerId, l.OpenLeads, l.Day == today ? l.DayCount : 0, (int)Math.Min(int.MaxValue, l.Assigned));
        return ledger;
    }

    public static LeadFacts Facts(Lead lead, IReadOnlyList<Guid> declinedOrLapsed) => new()
    {
        LeadId = lead.Id,
        Country = lead.CountryCode,
        Location = lead.Latitude is { } lat && lead.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
        ProductLines = lead.ProductLines.Select(p => p.ProductLineId).ToList(),
        Segment = lead.Segment.Length == 0 ? null : lead.Segment,
        Industry = lead.Industry.Length == 0 ? null : lead.Industry,
        ValueMinor = lead.ValueMinor,
        Currency = lead.Currency,
        DeclinedOrLapsed = declinedOrLapsed,
    };

    private void Apply(Lead lead, RoutingDecision decision, LeadRules rules, RoutingWorld world, DateTimeOffset now)
    {
        lead.Round++;
        var winnerWhy = decision.ExplainToWinner();
        db.LeadRoutings.Add(new LeadRouting
        {
            LeadId = lead.Id,
            Round = lead.Round,
            DecidedAt = now,
            PartnerId = decision.WinnerId,
            Fallback = decision.WinnerId is null ? FallbackName(decision.Outcome) : null,
            Explanation = Explanation(decision),
            WinnerReason = winnerWhy?.Text ?? "",
        });
        if (decision.WinnerId is { } winner)
        {
            var hours = rules.HoursFor(world.Tiers.GetValueOrDefault(winner));
            lead.Status = LeadStatus.Offered;
            lead.PartnerId = winner;
            lead.OfferedAt = now;
            lead.DeadlineAt = now.AddHours(hours);
            lead.AcceptedAt = null;
            db.LeadOffers.Add(new LeadOffer { LeadId = lead.Id, PartnerId = winner, Round = lead.Round, OfferedAt = now, DeadlineAt = lead.DeadlineAt.Value });
            LeadTimers.Deadline(jobs, lead);
            journal.Event("lead.offered", "lead", lead.Id, [winner], new { round = lead.Round, deadline = lead.DeadlineAt, redFlag = lead.RedFlag });
        }
        else
        {
            lead.Status = decision.Outcome == RoutingOutcome.DirectSales ? LeadStatus.DirectSales : LeadStatus.VendorQueue;
            lead.PartnerId = null;
            lead.OfferedAt = lead.DeadlineAt = null;
            journal.Event("lead.queued", "lead", lead.Id, [], new { round = lead.Round, to = FallbackName(decision.Outcome) });
        }
    }

    private static string FallbackName(RoutingOutcome outcome) => outcome == RoutingOutcome.DirectSales ? "directSales" : "vendorQueue";

    /// <summary>The decision as the vendor reads it later: structured steps and candidates, and the engine's own words.</summary>
    public static string Explanation(RoutingDecision d) => JsonSerializer.Serialize(new
    {
        outcome = JsonNamingPolicy.CamelCase.ConvertName(d.Outcome.ToString()),
        steps = d.Steps.Select(s => new { step = s.Step, parameter = s.Parameter, before = s.Before, removed = s.Removed, after = s.After }),
        eligible = d.Eligible,
        equalAtTop = d.EqualAtTop,
        top = d.Top.Select(c => new
        {
            partnerId = c.PartnerId,
            name = c.Name,
            total = c.Total,
            performance = c.PerformancePoints,
            performanceScore = c.PerformanceScore,
            distance = c.DistancePoints,
            distanceKm = c.DistanceKm is { } km ? Math.Round(km, 1) : (double?)null,
            tier = c.TierPoints,
            tierRank = c.TierRank,
            assignedInWindow = c.AssignedInWindow,
            weight = c.FairnessWeight,
            openLeads = c.OpenLeads,
            openLeadLimit = c.OpenLeadLimit,
            leadsToday = c.LeadsToday,
            dailyQuota = c.DailyQuota,
            equalOfBest = c.EqualOfBest,
        }),
        winnerId = d.WinnerId,
        refused = d.Refused,
        text = d.Explain(),
    }, JsonSerializerOptions.Web);

    private async Task TellPartnerAsync(Lead lead, Guid partner, CancellationToken ct)
    {
        var people = await LeadTimers.PartnerPeopleAsync(db, partner, ct);
        var flag = lead.RedFlag ? " It is red-flagged as high value: your channel manager will help." : "";
        await notifier.NotifyAsync(people, $"New lead: {(lead.Company.Length > 0 ? lead.Company : lead.PersonName)}",
            $"A lead was offered to your company. Accept or decline it by {lead.DeadlineAt:yyyy-MM-dd HH:mm} UTC, or it goes to another partner.{flag}",
            LeadViews.PagePath(lead.Id), email: true, ct);
    }
}
