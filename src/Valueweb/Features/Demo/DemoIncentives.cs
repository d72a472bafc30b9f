using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Deals;
using Valueweb.Features.Incentives;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Demo;

/// <summary>
/// The demo's incentives, made with the product's own commands: a program with every kind of rule and tier multipliers,
/// finance's exchange rates, then (after the demo deals are won) a referral fee, a split deal, a clawback, a paid batch,
/// an open and an upheld dispute.
/// </summary>
internal static class DemoIncentives
{
    public static async Task SeedProgramAsync(ValuewebDb db, PartnerProgram program, List<ProductLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        var line = lines.ToDictionary(l => l.Code, l => l.Id);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rewards = new IncentiveProgram
        {
            Name = "Channel Rewards",
            Description = "What partners earn on the deals they register and win, the year round.",
            Currency = "EUR",
            ValidFrom = today.AddDays(-365),
            ClawbackDays = 90,
            CreatedAt = now.AddDays(-365),
        };
        ProgramEditing.Apply(rewards, new ProgramInput(rewards.Name, rewards.Description, "EUR", rewards.ValidFrom, null, 90, true,
        [
            new RuleInput(null, "percentage", "Resale margin", null, 5m, null, null, null, null),
            new RuleInput(null, "percentage", "Security specialist margin", line["SEC"], 8m, null, null, null, null),
            new RuleInput(null, "referralFee", "Referral fee", null, null, new MoneyValue(500m, "EUR"), null, null, null),
            new RuleInput(null, "registrationBonus", "Registered deal bonus", null, null, new MoneyValue(250m, "EUR"), null, null, null),
            new RuleInput(null, "spiff", "Cloud migration SPIFF", line["CLOUD"], null, new MoneyValue(1_000m, "EUR"), today.AddDays(-160), today.AddDays(30), new MoneyValue(2_000m, "EUR")),
        ],
        [.. program.Tiers.OrderBy(t => t.Rank).Select(t => (MultiplierInput?)new MultiplierInput(t.Id, 1m + ((t.Rank - 1) * 0.1m)))]));
        db.IncentivePrograms.Add(rewards);
        foreach (var (from, rate) in new[] { ("USD", 0.92m), ("GBP", 1.17m), ("CHF", 1.05m), ("SEK", 0.087m), ("PLN", 0.23m), ("CAD", 0.67m), ("NOK", 0.085m) })
        {
            db.ExchangeRates.Add(new ExchangeRate { From = from, To = "EUR", ValidFrom = today.AddDays(-400), RateMicros = (long)(rate * 1_000_000) });
            db.ExchangeRates.Add(new ExchangeRate { From = from, To = "EUR", ValidFrom = today.AddDays(-45), RateMicros = (long)(rate * 1.01m * 1_000_000) });
        }
        await db.SaveChangesAsync(ct);
    }

    public static async Task SeedEarningsAsync(ValuewebDb db, Person channelManager, DateTimeOffset now, CancellationToken ct)
    {
        var clock = new DemoDeals.DemoClock(now.AddDays(-40));
        var actor = new CurrentActor();
        var journal = new Journal(db, actor, new HttpContextAccessor(), clock);
        var orgs = await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind != OrganisationKind.Vendor || o.Id == channelManager.OrganisationId).ToListAsync(ct);
        var bySlug = orgs.Where(o => o.Kind == OrganisationKind.Partner).ToDictionary(o => o.Slug);
        var admins = await db.People.IgnoreQueryFilters().Where(p => p.Role == Role.PartnerAdmin || p.Role == Role.VendorFinance).ToListAsync(ct);
        var finance = admins.First(p => p.Role == Role.VendorFinance);
        void As(Person p)
        {
            var org = orgs.First(o => o.Id == p.OrganisationId);
            actor.Value = new Actor { PersonId = p.Id, OrganisationId = org.Id, OrganisationName = org.DisplayName, OrganisationKind = org.Kind, OrganisationStatus = org.Status, Role = p.Role, Name = p.Name };
        }
        Person Admin(string slug) => admins.First(p => p.OrganisationId == bySlug[slug].Id && p.Role == Role.PartnerAdmin);
        DealDecisions Decisions() => new(db, actor, journal, new JobQueue(db, clock, new JobSignal()), clock, new AccrualBook(db, journal));
        DealRegistration Deal(string partner, string customer) => db.DealRegistrations.IgnoreQueryFilters().AsNoTracking()
            .First(r => r.PartnerId == bySlug[partner].Id && r.CustomerName == customer);
        async Task Win(string partner, string customer)
        {
            var r = Deal(partner, customer);
            As(Admin(partner));
            await Decisions().WinAsync(r.Id, r.Version, new WonRequest(new MoneyValue(r.EstimatedMinor / 100m, r.Currency), DateOnly.FromDateTime(clock.Now.UtcDateTime)), ct);
            db.ChangeTracker.Clear();
        }

        // Alpenglow and Cobalt win Kestrel together, 60/40 (in USD, converted at finance's rate).
        var kestrel = Deal("alpenglow", "Kestrel Aerospace Inc.");
        As(channelManager);
        await DealSplitEndpoints.SetAsync(db, journal, await db.DealRegistrations.IgnoreQueryFilters().FirstAsync(r => r.Id == kestrel.Id, ct), kestrel.Version,
            [new SplitInput(bySlug["alpenglow"].Id, 60m), new SplitInput(bySlug["cobalt"].Id, 40m)], ct);
        db.ChangeTracker.Clear();
        await Win("alpenglow", "Kestrel Aerospace Inc.");
        // Bergmann wins the deal Alpenglow registered and the vendor reassigned: Alpenglow earns the referral fee.
        clock.Now = now.AddDays(-30);
        await Win("bergmann", "Tessaro Moda S.p.A.");
        // The latest deal another partner won is cancelled within the window: its earnings are clawed back.
        clock.Now = now.AddDays(-3);
        var named = bySlug.Where(p => DemoProgram.NamedPartners.Any(n => n.Slug == p.Key)).Select(p => p.Value.Id).ToList();
        var cancelled = await db.DealRegistrations.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == DealStatus.Won && !named.Contains(r.PartnerId)).OrderByDescending(r => r.ClosedOn).FirstOrDefaultAsync(ct);
        if (cancelled is not null)
        {
            As(channelManager);
            await Decisions().ReverseAsync(cancelled.Id, cancelled.Version, "The customer cancelled the order before delivery.", ct);
            db.ChangeTracker.Clear();
        }

        // Finance pays everything up to two months ago.
        clock.Now = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero).AddDays(-25);
        As(finance);
        var payouts = new Payouts(db, actor, journal);
        var (built, batchId) = await payouts.BuildAsync(Accrual.PeriodOf(DateOnly.FromDateTime(clock.Now.UtcDateTime).AddMonths(-1)), null, ct);
        if (built.Outcome == Partners.CommandOutcome.Done)
        {
            clock.Now = clock.Now.AddDays(1);
            await payouts.ApproveAsync(batchId!.Value, built.Version, null, ct);
            clock.Now = clock.Now.AddDays(2);
            await payouts.PayAsync(batchId.Value, built.Version + 1, "SEPA-DEMO-0001", null, ct);
        }
        db.ChangeTracker.Clear();

        // Alpenglow questions its split share; Cobalt's dispute was upheld with an adjustment.
        clock.Now = now.AddDays(-5);
        var disputes = new Disputes(db, actor, journal);
        As(Admin("alpenglow"));
        var alpenglowLine = await db.Accruals.IgnoreQueryFilters().Where(a => a.PartnerId == bySlug["alpenglow"].Id && a.RegistrationId == kestrel.Id)
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (alpenglowLine is not null)
            await disputes.OpenAsync(alpenglowLine.Id, new DisputeInput("We did 80% of the work on Kestrel; the split should be 80/20."), ct);
        As(Admin("cobalt"));
        var cobaltLine = await db.Accruals.IgnoreQueryFilters().Where(a => a.PartnerId == bySlug["cobalt"].Id && a.RegistrationId == kestrel.Id)
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (cobaltLine is not null)
        {
            var (_, disputeId) = await disputes.OpenAsync(cobaltLine.Id, new DisputeInput("Our share should include the integration services we delivered."), ct);
            db.ChangeTracker.Clear();
            clock.Now = now.AddDays(-2);
            As(finance);
            if (disputeId is { } d)
                await disputes.ResolveAsync(d, 1, new ResolutionInput("upheld", "Agreed: the integration services count; we add the difference.", new MoneyValue(120m, "EUR"), false), ct);
        }
        db.ChangeTracker.Clear();
    }
}
