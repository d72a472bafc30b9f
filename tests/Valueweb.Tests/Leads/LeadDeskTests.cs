using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Leads;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>The vendor's hand on a lead: withdraw it from its partner, route it again, hand it to direct sales — on the API and the page.</summary>
public sealed class LeadDeskTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task The_vendor_withdraws_a_lead_from_its_partner_routes_it_again_and_hands_a_queued_one_to_direct_sales()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var security = await DealApi.LineAsync(cm, "Security Suite");
        var lead = await LeadApi.CreateAsync(cm, LeadApi.Body("Ammersee Optik GmbH", "einkauf@ammersee-optik.de", lines: [security]));
        var id = lead.GetProperty("id").GetGuid();
        var holder = lead.GetProperty("partner").GetProperty("id").GetGuid();
        var openBefore = await app.Db(db => db.PartnerLeadLoads.Where(l => l.PartnerId == holder).Select(l => l.OpenLeads).SingleAsync());

        // Partners may not, and a reason is required.
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        (await LeadApi.ActAsync(app, alpenglow, id, "withdraw", new { reason = "mine" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var noReason = await LeadApi.ActAsync(app, cm, id, "withdraw", new { reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("\"reason\"");
        (await LeadApi.ActAsync(app, cm, id, "direct-sales")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a partner holds it");

        var withdrawn = await LeadApi.ActOkAsync(app, cm, id, "withdraw", new { reason = "The customer asked to be served by us directly." });
        withdrawn.GetProperty("status").GetString().ShouldBe("vendorQueue");
        withdrawn.GetProperty("partner").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.Db(db => db.PartnerLeadLoads.Where(l => l.PartnerId == holder).Select(l => l.OpenLeads).SingleAsync())).ShouldBe(openBefore - 1, "capacity given back");
        var holderAdmin = await LeadApi.AdminOfAsync(app, holder);
        var partner = await app.ApiAs(holderAdmin);
        (await partner.GetAsync($"{LeadApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "no longer the partner's business");
        await app.RunJobsAsync();
        (await app.EmailsTo(holderAdmin)).ShouldContain(m => m.Contains("Lead withdrawn: Ammersee Optik GmbH", StringComparison.Ordinal)
            && m.Contains("served by us directly", StringComparison.Ordinal));
        var offers = (await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}/routing")).GetProperty("offers").EnumerateArray().ToList();
        offers.Single().GetProperty("outcome").GetString().ShouldBe("withdrawn");

        // Routed again: a new round, offered by the saved rules.
        var again = await LeadApi.ActOkAsync(app, cm, id, "route");
        again.GetProperty("round").GetInt32().ShouldBe(2);
        again.GetProperty("status").GetString().ShouldBe("offered");
        (await LeadApi.ActAsync(app, cm, id, "route")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a partner holds it again");

        // A lead nobody can take goes to direct sales by hand.
        var far = await LeadApi.CreateAsync(cm, LeadApi.Body("Osaka Textiles K.K.", "info@osaka-textiles.jp", country: "JP", city: "Tokyo", lines: [security]));
        var farId = far.GetProperty("id").GetGuid();
        (await LeadApi.ActOkAsync(app, cm, farId, "direct-sales")).GetProperty("status").GetString().ShouldBe("directSales");
        (await LeadApi.ActAsync(app, cm, farId, "direct-sales")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var history = (await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{farId}/history")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString());
        history.ShouldContain("lead.directSales");

        // A lead waiting in the import's routing queue can be handed over by hand too.
        var waiting = await LeadApi.CreateAsync(cm, LeadApi.Body("Warteschlange Logistik GmbH", "disposition@warteschlange.de", country: "JP", city: "Tokyo", lines: [security]));
        var waitingId = waiting.GetProperty("id").GetGuid();
        await app.Db(db => db.Leads.Where(l => l.Id == waitingId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.Queued)));
        (await LeadApi.ActOkAsync(app, cm, waitingId, "direct-sales")).GetProperty("status").GetString().ShouldBe("directSales");

        // The same on the page: the channel manager withdraws the re-offered lead.
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var html = await page.GetAsync($"/leads/{id}");
        html.ShouldContain("Vendor actions");
        var version = PageSession.HiddenValue(html, "Withdrawing.Version");
        var refused = await page.SubmitForPageAsync($"/leads/{id}", "withdraw", new() { ["Withdrawing.Version"] = version, ["Withdrawing.Reason"] = "" });
        refused.ShouldContain("id=\"reason-error\"", Case.Sensitive, "the error stands next to the reason");
        (await app.Db(db => db.Leads.Where(l => l.Id == id).Select(l => l.Status).SingleAsync())).ShouldBe(LeadStatus.Offered, "a refused post changes nothing");
        var done = await page.SubmitForPageAsync($"/leads/{id}", "withdraw", new() { ["Withdrawing.Version"] = version, ["Withdrawing.Reason"] = "Duplicate of an existing opportunity." });
        done.ShouldContain("Withdrawn: the lead is back in your queue.");
        (await app.Db(db => db.Leads.Where(l => l.Id == id).Select(l => l.Status).SingleAsync())).ShouldBe(LeadStatus.VendorQueue);
    }
}
