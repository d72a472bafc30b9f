using System.Net;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Leads;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>The lead pages as each side sees them: the partner's inbox and lead, the vendor's list, routing explanation and funnel.</summary>
public sealed class LeadPagesTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task The_partner_sees_its_own_leads_with_deadlines_and_why_and_the_vendor_sees_the_routing_and_the_funnel()
    {
        var alpenglowId = await app.PartnerIdBySlug("alpenglow");
        var lead = await app.Db(db => db.Leads.Where(l => l.PartnerId == alpenglowId && l.Status == LeadStatus.Offered).FirstAsync());
        var elsewhere = await app.Db(db => db.Leads.Where(l => l.PartnerId != null && l.PartnerId != alpenglowId).FirstAsync());

        var partner = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var inbox = await partner.GetAsync("/leads");
        inbox.ShouldContain("Lead inbox");
        inbox.ShouldContain(WebUtility.HtmlEncode(lead.Company));
        inbox.ShouldContain("class=\"countdown");
        inbox.ShouldNotContain(WebUtility.HtmlEncode(elsewhere.Company));

        var page = await partner.GetAsync($"/leads/{lead.Id}");
        page.ShouldContain("Why it came to you");
        page.ShouldContain("Accept the lead");
        page.ShouldNotContain("How it was routed", Case.Sensitive, "the other candidates are the vendor's business");
        (await partner.Client.GetAsync($"/leads/{elsewhere.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var vendor = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var detail = await vendor.GetAsync($"/leads/{lead.Id}");
        detail.ShouldContain("How it was routed");
        detail.ShouldContain("Best candidates");
        detail.ShouldContain("Alpenglow IT (chosen)");
        var list = await vendor.GetAsync("/leads?status=directSales");
        list.ShouldContain("Sakura Precision", Case.Sensitive, "the demo's lead in Japan, where no partner works, handed to direct sales");
        list.ShouldContain("Direct sales");
        list.ShouldNotContain("Isarwerk", Case.Sensitive, "the filter lives in the address");

        var funnel = await vendor.GetAsync("/leads/funnel?groupBy=tier");
        funnel.ShouldContain("<svg");
        funnel.ShouldContain("Conversion by tier");
        var denied = await partner.Client.GetAsync("/leads/funnel");
        denied.StatusCode.ShouldBe(HttpStatusCode.Found);
        denied.Headers.Location!.ToString().ShouldContain("denied", Case.Insensitive, "a partner is not shown the vendor's funnel");
    }
}
