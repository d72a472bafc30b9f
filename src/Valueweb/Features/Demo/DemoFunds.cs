using System.Text;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Funds;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Files;

namespace Valueweb.Features.Demo;

/// <summary>The demo's market development funds, through the product's own commands: a pool, budgets, themes, and requests and claims in every state.</summary>
internal static class DemoFunds
{
    public static async Task SeedAsync(ValuewebDb db, DateTimeOffset now, CancellationToken ct)
    {
        var clock = new DemoDeals.DemoClock(now.AddDays(-120));
        var actor = new CurrentActor();
        var journal = new Journal(db, actor, new HttpContextAccessor(), clock);
        var orgs = await db.Organisations.IgnoreQueryFilters().ToListAsync(ct);
        var people = await db.People.IgnoreQueryFilters().Where(p => p.Role == Role.VendorMarketing || p.Role == Role.PartnerAdmin).ToListAsync(ct);
        var bySlug = orgs.Where(o => o.Kind == OrganisationKind.Partner).ToDictionary(o => o.Slug);
        void As(Person p)
        {
            var org = orgs.First(o => o.Id == p.OrganisationId);
            actor.Value = new Actor { PersonId = p.Id, OrganisationId = org.Id, OrganisationName = org.DisplayName, OrganisationKind = org.Kind, OrganisationStatus = org.Status, Role = p.Role, Name = p.Name };
        }
        var marketing = people.First(p => p.Role == Role.VendorMarketing);
        Person Admin(string slug) => people.First(p => p.OrganisationId == bySlug[slug].Id && p.Role == Role.PartnerAdmin);
        var planning = new FundPlanning(db, journal);
        var funds = new FundClaims(db, actor, journal, new DatabaseFileStore(db));
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        As(marketing);
        var (pool, _) = await planning.AddPoolAsync(new PoolInput("Market development funds, this half-year", today.AddDays(-150), today.AddDays(40), new MoneyValue(100_000m, "EUR")), ct);
        var budgets = new Dictionary<string, Guid>();
        foreach (var (slug, amount) in new[] { ("alpenglow", 20_000m), ("bergmann", 15_000m), ("cobalt", 10_000m) })
            budgets[slug] = (await planning.AllocateAsync(pool!.Id, new BudgetInput(bySlug[slug].Id, new MoneyValue(amount, "EUR")), ct)).Budget!.Id;
        var cloud = (await planning.SaveThemeAsync(null, new ThemeInput("Cloud migration", "Events and campaigns that move customers' workloads to Cloud Platform.", true), ct)).Theme!;
        var security = (await planning.SaveThemeAsync(null, new ThemeInput("Security awareness", "Webinars, assessments and workshops on Secure Edge.", true), ct)).Theme!;
        await planning.SaveThemeAsync(null, new ThemeInput("Partner summit 2025", "Last year's summit; kept for the record.", false), ct);

        async Task<Guid> Request(string slug, Guid theme, string title, int startDaysAgo, int days, decimal amount)
        {
            As(Admin(slug));
            var (r, result) = await funds.RequestAsync(new FundRequestInput(budgets[slug], theme, title,
                $"{title}: invitations to 200 prospects, a half-day programme with customer stories, follow-up calls within a week.",
                today.AddDays(-startDaysAgo), today.AddDays(-startDaysAgo + days), new MoneyValue(amount, "EUR")), ct);
            db.ChangeTracker.Clear();
            return r?.Id ?? throw new InvalidOperationException("Demo fund request refused: " + string.Join("; ", result.Errors!.All.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        async Task Decide(Guid id, string outcome, decimal? amount, string? reason)
        {
            As(marketing);
            var version = await db.FundRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Version).FirstAsync(ct);
            await funds.DecideRequestAsync(id, version, new FundDecisionInput(outcome, amount is { } a ? new MoneyValue(a, "EUR") : null, reason), ct);
            db.ChangeTracker.Clear();
        }
        async Task<Guid> Claim(string slug, Guid request, decimal amount)
        {
            As(Admin(slug));
            var (c, _) = await funds.ClaimAsync(request, "The event took place as planned: 46 attendees, 12 qualified leads. Invoice and attendee list attached.",
                new MoneyValue(amount, "EUR"), [new ProofFile("invoice.pdf", Pdf("Invoice: venue, catering and invitations")), new ProofFile("attendees.csv", Encoding.UTF8.GetBytes("name,company\nJana Vogt,Nordlicht Energie\nPiet de Vries,Zuiderzee Logistics\n"))], ct);
            db.ChangeTracker.Clear();
            return c!.Id;
        }

        var roadshow = await Request("alpenglow", cloud.Id, "Cloud roadshow Munich", 100, 2, 5_000m);
        clock.Now = now.AddDays(-95);
        await Decide(roadshow, "approved", null, null);
        clock.Now = now.AddDays(-90);
        var roadshowClaim = await Claim("alpenglow", roadshow, 4_800m);
        clock.Now = now.AddDays(-85);
        As(marketing);
        await funds.DecideClaimAsync(roadshowClaim, 1, new FundDecisionInput("approved", null, null), ct);
        db.ChangeTracker.Clear();

        clock.Now = now.AddDays(-60);
        var breakfast = await Request("bergmann", cloud.Id, "Berlin cloud breakfast", -10, 1, 4_000m);
        await Decide(breakfast, "approved", 3_000m, "Catering above 25 EUR per guest is not covered.");
        var lyon = await Request("cobalt", security.Id, "Lyon security day", -20, 1, 6_000m);
        await Decide(lyon, "rejected", null, "A security day in Lyon is already run by the vendor that week.");
        var tour = await Request("cobalt", cloud.Id, "Data centre tour Paris", 50, 1, 2_500m);
        await Decide(tour, "approved", null, null);
        clock.Now = now.AddDays(-40);
        await Claim("cobalt", tour, 2_500m);
        clock.Now = now.AddDays(-3);
        await Request("alpenglow", security.Id, "Security webinar series", -14, 20, 3_500m);

        // What the roadshow produced: Alpenglow's Kestrel deal and two of the vendor's leads.
        var kestrel = await db.DealRegistrations.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.PartnerId == bySlug["alpenglow"].Id && r.CustomerName == "Kestrel Aerospace Inc.", ct);
        if (kestrel is not null) kestrel.FundRequestId = roadshow;
        foreach (var lead in await db.Leads.IgnoreQueryFilters().Where(l => l.PartnerId == bySlug["alpenglow"].Id).OrderBy(l => l.Id).Take(2).ToListAsync(ct))
            lead.FundRequestId = roadshow;
        await db.SaveChangesAsync(ct);
        clock.Now = now;
    }

    /// <summary>A small, valid PDF with one line of text.</summary>
    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        + $"4 0 obj<</Length {text.Length + 30}>>stream\nBT /F1 10 Tf 10 50 Td ({text}) Tj ET\nendstream endobj\n"
        + "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
