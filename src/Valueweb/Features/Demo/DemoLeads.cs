using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Deals;
using Valueweb.Features.Leads;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Demo;

/// <summary>
/// Demo leads in every state, taken in and worked through the product's own code at dates spread over the past weeks:
/// nurtured, in the vendor's queue, offered (some red-flagged), declined and moved on, lapsed and moved on, accepted,
/// contacted, qualified, converted into a registration, lost, and handed to direct sales.
/// </summary>
internal static class DemoLeads
{
    private sealed record Plan(string First, string Last, string Company, string Country, string City, string Industry, int Employees,
        string[] Codes, string Source, long? Value, int DaysAgo, string Then);

    private static readonly Plan[] Leads =
    [
        new("Jonas", "Keller", "Isarwerk Maschinenbau GmbH", "DE", "Munich", "Manufacturing", 1200, ["SEC"], "trade-show", 45_000, 30, "convert"),
        new("Lea", "Schubert", "Spreeblick Medien GmbH", "DE", "Berlin", "Media", 320, ["CLOUD"], "web", 40_000, 26, "lose"),
        new("Claire", "Moreau", "Rhône Vins Négoce", "FR", "Lyon", "Retail", 140, ["NET"], "webinar", 25_000, 22, "qualify"),
        new("Oliver", "Hughes", "Thameside Architects LLP", "GB", "London", "Professional services", 260, ["SEC"], "referral", 30_000, 20, "contact"),
        new("Emma", "de Vries", "Grachten Fietsen B.V.", "NL", "Amsterdam", "Retail", 75, ["EDGE"], "web", 12_000, 16, "accept"),
        new("Marco", "Bianchi", "Lago Alimentari S.p.A.", "IT", "Milan", "Food", 900, ["CLOUD"], "trade-show", 38_000, 14, "decline"),
        new("Ana", "García", "Sierra Turismo S.L.", "ES", "Madrid", "Hospitality", 410, ["NET"], "event", 35_000, 12, "lapse"),
        new("Felix", "Wagner", "Alpenmilch Genossenschaft", "DE", "Munich", "Food", 650, ["SEC", "CLOUD"], "partner-referral", 120_000, 1, "offer"),
        new("Hannah", "Schmidt", "Elbufer Logistik GmbH", "DE", "Hamburg", "Logistics", 1500, ["CLOUD"], "web", 42_000, 1, "offer"),
        new("Lucas", "Bernard", "Atelier Lumière SARL", "FR", "Paris", "Retail", 55, ["SEC"], "webinar", 9_000, 0, "offer"),
        new("Sophie", "Taylor", "Maple Leaf Dental Group", "CA", "Toronto", "Healthcare", 300, ["SEC"], "phone-inquiry", 20_000, 0, "offer"),
        new("Ethan", "Miller", "Lakeshore Credit Union", "US", "Chicago", "Financial services", 2200, ["DATA", "SEC"], "referral", 95_000, 4, "accept"),
        new("Kenji", "Sato", "Sakura Precision K.K.", "JP", "Tokyo", "Manufacturing", 5000, ["EDGE"], "trade-show", 150_000, 6, "offer"),
        new("Paul", "Novak", "Little Shop of Gifts", "US", "Denver", "Retail", 4, [], "purchased-list", null, 8, "offer"),
        new("Mia", "Hoffmann", "Hoffmann Bäckerei", "DE", "Cologne", "Food", 6, ["COLLAB"], "purchased-list", null, 9, "offer"),
        new("Erik", "Lindqvist", "Norrsken Energi AB", "SE", "Stockholm", "Energy", 780, ["DATA"], "web", 45_000, 10, "accept"),
        new("Zofia", "Kowalska", "Wawel Software Sp. z o.o.", "PL", "Warsaw", "Software", 180, ["CLOUD", "DATA"], "webinar", 28_000, 5, "decline"),
        new("Tom", "Baker", "Harbourside Hotels Ltd", "GB", "Manchester", "Hospitality", 560, ["EDGE"], "event", 33_000, 18, "convert"),
    ];

    public static async Task SeedAsync(ValuewebDb db, List<ProductLine> lines, Person channelManager, DateTimeOffset now, CancellationToken ct)
    {
        var clock = new DemoDeals.DemoClock(now);
        var actor = new CurrentActor();
        var jobs = new JobQueue(db, clock, new JobSignal());
        var notifier = new Notifier(db, jobs, clock);
        var journal = new Journal(db, actor, new HttpContextAccessor(), clock);
        var router = new LeadRouter(db, journal, jobs, notifier, new ConflictDetector(db, clock), clock);
        var intake = new LeadIntake(db, journal, router, notifier, clock);
        var work = new LeadWork(db, actor, journal, jobs, router, clock);
        var code = lines.ToDictionary(l => l.Code, l => l.Id);
        var admins = await db.People.IgnoreQueryFilters().Where(p => p.Role == Role.PartnerAdmin).ToDictionaryAsync(p => p.OrganisationId, ct);
        var organisations = await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Partner).ToDictionaryAsync(o => o.Id, ct);
        var vendor = new Actor { PersonId = channelManager.Id, OrganisationId = channelManager.OrganisationId, OrganisationKind = OrganisationKind.Vendor, Role = Role.ChannelManager, Name = channelManager.Name };

        Lead Current(Guid id) => db.Leads.IgnoreQueryFilters().AsNoTracking().Include(l => l.ProductLines).First(l => l.Id == id);
        bool AsHolder(Guid id)
        {
            var lead = Current(id);
            if (lead.PartnerId is not { } partner || !admins.TryGetValue(partner, out var person)) return false;
            var org = organisations[partner];
            actor.Value = new Actor
            {
                PersonId = person.Id,
                OrganisationId = partner,
                OrganisationName = org.DisplayName,
                OrganisationKind = OrganisationKind.Partner,
                OrganisationStatus = org.Status,
                Role = Role.PartnerAdmin,
                Name = person.Name,
            };
            return true;
        }
        async Task Step(Func<Lead, Task<Partners.CommandResult>> act, Guid id)
        {
            await act(Current(id));
            db.ChangeTracker.Clear();
        }

        var reference = await DealReferenceData.GetAsync(db, ct);
        foreach (var p in Leads.OrderByDescending(l => l.DaysAgo))
        {
            clock.Now = now.AddDays(-p.DaysAgo);
            actor.Value = vendor;
            var input = new LeadInput(p.First, p.Last, p.Company, "Head of IT", $"{p.First.ToLowerInvariant()}.{p.Last.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)}@example.com",
                "+49 89 1234 5678", null, p.Country, p.City, null, null, p.Industry, p.Employees >= 1000 ? "Enterprise" : p.Employees >= 100 ? "Mid-market" : "SMB", p.Employees,
                $"{p.Company} asked about {(p.Codes.Length == 0 ? "the product range" : string.Join(" and ", p.Codes.Select(c => lines.First(l => l.Code == c).Name)))}.",
                p.Value is { } v ? new MoneyValue(v, "EUR") : null, p.Codes.Select(c => code[c]).ToList(), p.Source, null, null);
            var errors = new FieldErrors();
            var lead = LeadInputValidation.Validate(input, "api", reference, errors) ?? throw new InvalidOperationException($"Demo lead {p.Company}: {errors.All.First().Key}");
            var rules = await LeadSettingsStore.LoadAsync(db, ct);
            await intake.TakeAsync(lead, rules, reference, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var id = lead.Id;
            if (Current(id).Status != LeadStatus.Offered) continue;

            clock.Now = clock.Now.AddHours(5);
            switch (p.Then)
            {
                case "decline":
                    if (AsHolder(id)) await Step(l => work.DeclineAsync(id, l.Version, "We have no capacity in this industry this quarter.", ct), id);
                    break;
                case "lapse":
                    var deadline = Current(id).DeadlineAt!.Value;
                    clock.Now = deadline.AddMinutes(1);
                    actor.Value = vendor;
                    await new LeadDeadlineJob(db, router, journal, clock).HandleAsync(new Job { Kind = LeadTimers.DeadlineKind, Payload = $"{{\"leadId\":\"{id}\",\"round\":1}}" }, ct);
                    db.ChangeTracker.Clear();
                    break;
                case "accept" or "contact" or "qualify" or "convert" or "lose":
                    if (!AsHolder(id)) break;
                    await Step(l => work.AcceptAsync(id, l.Version, ct), id);
                    if (p.Then == "accept") break;
                    clock.Now = clock.Now.AddDays(1);
                    await Step(l => work.ProgressAsync(id, l.Version, new ProgressRequest("contacted", null, null), ct), id);
                    if (p.Then == "contact") break;
                    clock.Now = clock.Now.AddDays(2);
                    if (p.Then == "lose")
                    {
                        await Step(l => work.ProgressAsync(id, l.Version, new ProgressRequest("lost", "The customer chose to stay with its current provider.", null), ct), id);
                        break;
                    }
                    await Step(l => work.ProgressAsync(id, l.Version, new ProgressRequest("qualified", null, null), ct), id);
                    if (p.Then == "qualify") break;
                    clock.Now = clock.Now.AddDays(3);
                    var holder = Current(id).PartnerId!.Value;
                    var deal = await db.DealRegistrations.IgnoreQueryFilters().Where(r => r.PartnerId == holder).OrderBy(r => r.SubmittedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
                    if (deal is { } d) await Step(l => work.ProgressAsync(id, l.Version, new ProgressRequest("converted", null, d), ct), id);
                    break;
            }
        }
        // The vendor hands the lead no partner can take (Japan) to its direct sales force.
        clock.Now = now.AddHours(-2);
        actor.Value = vendor;
        var desk = new LeadDesk(db, actor, journal, router, notifier, clock);
        if (await db.Leads.IgnoreQueryFilters().Where(l => l.Status == LeadStatus.VendorQueue && l.CountryCode == "JP").Select(l => new { l.Id, l.Version }).FirstOrDefaultAsync(ct) is { } queued)
            await desk.ToDirectSalesAsync(queued.Id, queued.Version, ct);
        db.ChangeTracker.Clear();
        clock.Now = now;
    }
}
