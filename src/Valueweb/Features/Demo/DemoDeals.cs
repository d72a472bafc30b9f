using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Deals;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Demo;

/// <summary>
/// Demo registrations in every state, made through the same code partners and channel managers use, at dates spread over
/// the past months: approvals, rejections, a reassignment with referral credit, wins, losses, an expiry, and conflicts with
/// earlier registrations, a direct deal and a named account.
/// </summary>
internal static class DemoDeals
{
    internal sealed class DemoClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Customer(string Name, string Domain, string Country);

    private static readonly Customer[] Customers =
    [
        new("Nordlicht Energie GmbH", "nordlicht-energie.de", "DE"), new("Helvetia Logistik AG", "helvetia-logistik.ch", "CH"),
        new("Rivière Santé SA", "riviere-sante.fr", "FR"), new("Brightwater Foods Ltd", "brightwaterfoods.co.uk", "GB"),
        new("Kestrel Aerospace Inc.", "kestrel-aero.com", "US"), new("Tessaro Moda S.p.A.", "tessaromoda.it", "IT"),
        new("Vandenberg Bouw B.V.", "vandenbergbouw.nl", "NL"), new("Skåne Shipping AB", "skaneshipping.se", "SE"),
        new("Polaris Insurance plc", "polaris-insurance.co.uk", "GB"), new("Castellana Hoteles S.A.", "castellanahoteles.es", "ES"),
        new("Wisła Port Services", "wislaport.pl", "PL"), new("Trident Pharma Inc.", "tridentpharma.com", "US"),
        new("Blue Harbor Bank", "blueharborbank.com", "US"), new("Alpine Dairy Cooperative", "alpinedairy.at", "AT"),
        new("Maple Ridge Health Network", "mapleridgehealth.ca", "CA"), new("Oakhurst University", "oakhurst.edu", "US"),
        new("Fjordline Ferries AS", "fjordline-ferries.no", "NO"), new("Hanseatic Trading GmbH", "hanseatic-trading.de", "DE"),
        new("Lumière Cosmétiques SAS", "lumiere-cosmetiques.fr", "FR"), new("Ironbridge Manufacturing Ltd", "ironbridge-mfg.co.uk", "GB"),
        new("Sunvale Retail Group", "sunvaleretail.com", "US"), new("Danube Water Utilities", "danubewater.at", "AT"),
        new("Castello Automotive S.r.l.", "castelloauto.it", "IT"), new("Zuiderzee Logistics", "zuiderzee-logistics.nl", "NL"),
    ];

    public static async Task SeedAsync(ValuewebDb db, PartnerProgram program, List<ProductLine> lines, Person channelManager, Person directSales, DateTimeOffset now,
        CancellationToken ct)
    {
        foreach (var s in EngagementRules.DefaultStages)
            db.DealStages.Add(new DealStage { ProgramId = program.Id, Key = s.Key, Name = s.Name, Position = s.Position, Probability = s.Probability });
        foreach (var (currency, micros) in new[] { ("USD", 920_000L), ("GBP", 1_170_000L), ("CHF", 1_050_000L), ("SEK", 87_000L), ("PLN", 230_000L), ("CAD", 670_000L), ("NOK", 85_000L) })
            db.CurrencyRates.Add(new CurrencyRate { Currency = currency, RateMicros = micros });
        await db.SaveChangesAsync(ct);

        var clock = new DemoClock(now.AddDays(-150));
        var line = lines.ToDictionary(l => l.Code, l => l.Id);
        var partners = await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.CreatedAt).ToListAsync(ct);
        var bySlug = partners.ToDictionary(p => p.Slug);
        var people = await db.People.IgnoreQueryFilters().Where(p => p.Role == Role.PartnerAdmin).ToDictionaryAsync(p => p.OrganisationId, ct);

        // The direct sales force works Polaris for Cloud; Blue Harbor Bank is a named account for every line.
        var engine = new Engine(db, clock);
        await engine.AsVendor(directSales, async () =>
        {
            var polaris = await Customers_(db, Customers[8], clock.Now, ct);
            var deal = new DirectDeal { CustomerAccountId = polaris.Id, Title = "Polaris cloud consolidation", OwnerPersonId = directSales.Id, CreatedAt = clock.Now };
            deal.ProductLines.Add(new DirectDealProductLine { DirectDealId = deal.Id, ProductLineId = line["CLOUD"] });
            db.DirectDeals.Add(deal);
            var bank = await Customers_(db, Customers[12], clock.Now, ct);
            db.NamedAccounts.Add(new NamedAccount { CustomerAccountId = bank.Id, OwnerPersonId = directSales.Id, CreatedAt = clock.Now });
            await db.SaveChangesAsync(ct);
        });

        var others = partners.Where(p => !DemoProgram.NamedPartners.Any(n => n.Slug == p.Slug)).ToList();
        string[] codes = ["CLOUD", "DATA", "SEC", "NET", "EDGE", "COLLAB"];
        var plan = new List<(Organisation Partner, Customer Customer, string Name, string[] Codes, long Amount, string Currency, int DaysAgo, string Then)>
        {
            (bySlug["alpenglow"], Customers[0], "Nordlicht Energie GmbH", ["CLOUD"], 180_000, "EUR", 60, "approve"),
            (bySlug["bergmann"], Customers[0], "Nordlicht Energie", ["CLOUD", "DATA"], 240_000, "EUR", 40, "pending"),
            (bySlug["cobalt"], Customers[0], "NORDLICHT ENERGIE", ["SEC"], 60_000, "EUR", 35, "approve"),
            (bySlug["alpenglow"], Customers[1], "Helvetia Logistik AG", ["SEC"], 95_000, "CHF", 140, "won"),
            (bySlug["bergmann"], Customers[3], "Brightwater Foods Ltd", ["DATA"], 70_000, "GBP", 130, "lost"),
            (bySlug["cobalt"], Customers[2], "Rivière Santé SA", ["NET", "SEC"], 130_000, "EUR", 125, "reject"),
            (bySlug["alpenglow"], Customers[4], "Kestrel Aerospace Inc.", ["CLOUD"], 310_000, "USD", 70, "approve"),
            (bySlug["alpenglow"], Customers[4], "Kestrel Aerospace", ["CLOUD"], 310_000, "USD", 30, "pending"),
            (bySlug["cobalt"], Customers[8], "Polaris Insurance", ["CLOUD"], 150_000, "GBP", 20, "pending"),
            (bySlug["bergmann"], Customers[12], "Blue Harbour Bank", ["DATA"], 220_000, "USD", 15, "pending"),
            (bySlug["bergmann"], Customers[17], "Hanseatic Trading GmbH", ["CLOUD"], 85_000, "EUR", 149, "expire"),
            (bySlug["alpenglow"], Customers[5], "Tessaro Moda S.p.A.", ["CLOUD", "SEC"], 125_000, "EUR", 50, "reassign"),
            (bySlug["bergmann"], Customers[6], "Vandenberg Bouw B.V.", ["DATA"], 66_000, "EUR", 84, "approve"),
            (bySlug["cobalt"], Customers[9], "Castellana Hoteles S.A.", ["NET"], 54_000, "EUR", 10, "pending"),
        };
        for (var i = 0; i < others.Count && i < 20; i++)
        {
            var c = Customers[(i * 5 + 7) % Customers.Length];
            if (c == Customers[8] || c == Customers[12]) continue;
            plan.Add((others[i], c, c.Name, [codes[(i + 1) % codes.Length]], 20_000 + (i * 7_500), i % 4 == 0 ? "USD" : "EUR", 5 + (i * 6 % 80),
                (i % 5) switch { 0 => "pending", 1 => "approve", 2 => "won", 3 => "lost", _ => "approve" }));
        }

        foreach (var item in plan.OrderByDescending(p => p.DaysAgo))
        {
            clock.Now = now.AddDays(-item.DaysAgo);
            if (!people.TryGetValue(item.Partner.Id, out var person)) continue;
            var id = await engine.RegisterAsync(item.Partner, person, new ValidRegistration(item.Name, Matching.CompanyMatcher.NormaliseDomain(item.Customer.Domain),
                item.Customer.Country, "Procurement Office", $"buying@{item.Customer.Domain}", null, item.Codes.Select(c => line[c]).ToList(),
                new Money(item.Amount * 100, item.Currency), DateOnly.FromDateTime(now.AddDays(30 + (item.DaysAgo % 120)).UtcDateTime), null,
                $"{item.Partner.DisplayName} is working an opportunity with {item.Name}.", null), ct);
            clock.Now = clock.Now.AddDays(2);
            var reassignTo = bySlug["bergmann"];
            await engine.DecideAsync(channelManager, item.Partner, person, id, item.Then, reassignTo.Id, ct);
        }
        clock.Now = now;
    }

    private static async Task<Customers.CustomerAccount> Customers_(ValuewebDb db, Customer c, DateTimeOffset now, CancellationToken ct) =>
        await Features.Customers.CustomerDirectory.FindOrCreateAsync(db, null, c.Name, c.Domain, c.Country, now, ct);

    /// <summary>Runs the product's own commands as a given person.</summary>
    private sealed class Engine(ValuewebDb db, DemoClock clock)
    {
        private readonly CurrentActor actor = new();

        private Journal Journal => new(db, actor, new HttpContextAccessor(), clock);

        public async Task AsVendor(Person person, Func<Task> work)
        {
            actor.Value = new Actor { PersonId = person.Id, OrganisationId = person.OrganisationId, OrganisationKind = OrganisationKind.Vendor, Role = person.Role, Name = person.Name };
            await work();
        }

        private void AsPartner(Organisation partner, Person person) =>
            actor.Value = new Actor
            {
                PersonId = person.Id,
                OrganisationId = partner.Id,
                OrganisationName = partner.DisplayName,
                OrganisationKind = OrganisationKind.Partner,
                OrganisationStatus = partner.Status,
                Role = Role.PartnerAdmin,
                Name = person.Name,
            };

        public async Task<Guid> RegisterAsync(Organisation partner, Person person, ValidRegistration r, CancellationToken ct)
        {
            AsPartner(partner, person);
            var jobs = new JobQueue(db, clock, new JobSignal());
            var views = new DealViews(db, actor, Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()));
            var registering = new DealRegistering(db, actor, Journal, new ConflictDetector(db, clock), new Notifier(db, jobs, clock), new IdempotencyContext(), views, clock);
            var outcome = await registering.RegisterAsync(r, await DealReferenceData.GetAsync(db, ct), ct);
            db.ChangeTracker.Clear();
            return outcome.Id!.Value;
        }

        public async Task DecideAsync(Person cm, Organisation partner, Person person, Guid id, string then, Guid reassignTo, CancellationToken ct)
        {
            var jobs = new JobQueue(db, clock, new JobSignal());
            long Version() => db.DealRegistrations.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id).Select(x => x.Version).First();
            DealDecisions Decisions() => new(db, actor, Journal, jobs, clock, new Incentives.AccrualBook(db, Journal));
            async Task Vendor(Func<DealDecisions, Task<Partners.CommandResult>> f)
            {
                actor.Value = new Actor { PersonId = cm.Id, OrganisationId = cm.OrganisationId, OrganisationKind = OrganisationKind.Vendor, Role = Role.ChannelManager, Name = cm.Name };
                await f(Decisions());
                db.ChangeTracker.Clear();
            }
            async Task Partner(Func<DealDecisions, Task<Partners.CommandResult>> f)
            {
                AsPartner(partner, person);
                await f(Decisions());
                db.ChangeTracker.Clear();
            }
            switch (then)
            {
                case "approve":
                    await Vendor(d => d.ApproveAsync(id, Version(), "Fits the program's rules.", ct));
                    await Partner(d => d.ChangeStageAsync(id, Version(), "propose", ct));
                    break;
                case "reject":
                    await Vendor(d => d.RejectAsync(id, Version(), "The customer is served under an existing framework agreement.", ct));
                    break;
                case "won":
                    await Vendor(d => d.ApproveAsync(id, Version(), null, ct));
                    clock.Now = clock.Now.AddDays(3);
                    await Partner(d => d.WinAsync(id, Version(), new WonRequest(new MoneyValue(
                        db.DealRegistrations.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id).Select(x => x.EstimatedMinor).First() / 100m,
                        db.DealRegistrations.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id).Select(x => x.Currency).First()), DateOnly.FromDateTime(clock.Now.UtcDateTime)), ct));
                    break;
                case "lost":
                    await Vendor(d => d.ApproveAsync(id, Version(), null, ct));
                    clock.Now = clock.Now.AddDays(3);
                    await Partner(d => d.LoseAsync(id, Version(), "The customer postponed the project.", ct));
                    break;
                case "reassign":
                    await Vendor(d => d.ReassignAsync(id, Version(), new ReassignRequest(reassignTo, "Bergmann holds the customer's framework contract; Alpenglow keeps referral credit."), ct));
                    break;
                case "expire":
                    await Vendor(d => d.ApproveAsync(id, Version(), null, ct));
                    var r = await db.DealRegistrations.IgnoreQueryFilters().FirstAsync(x => x.Id == id, ct);
                    clock.Now = r.ProtectedUntil!.Value.AddMinutes(1);
                    await new DealExpiryJob(db, Journal, new Notifier(db, jobs, clock), clock)
                        .HandleAsync(new Job { Kind = DealTimers.ExpireKind, Payload = $"{{\"registrationId\":\"{id}\"}}" }, ct);
                    db.ChangeTracker.Clear();
                    break;
            }
        }
    }
}
