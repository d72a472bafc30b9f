using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Webhooks;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Webhooks;

/// <summary>A suspended partner hears nothing: no new deliveries, and those still waiting fail; reactivated, it hears again.</summary>
public sealed class WebhookSuspensionTests(WebhookFactory app) : IClassFixture<WebhookFactory>
{
    private async Task<Guid> RegisterAsync(HttpClient client, string customer, string domain)
    {
        var line = await DealApi.LineAsync(client, "Collaboration");
        return (await DealApi.RegisterAsync(client, DealApi.Body(customer, domain, [line]))).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> TransitionAsync(Guid partner, string action)
    {
        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{partner}/{action}") { Content = JsonContent.Create(new { reason = "Webhook test" }) };
        request.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(vendor, $"/api/v1/partners/{partner}"));
        return await vendor.SendAsync(request);
    }

    [Fact]
    public async Task A_suspended_partner_hears_no_events_until_it_is_reactivated()
    {
        var (partnerHook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "suspended", "dealRegistration.*");
        await app.SubscribeAsync(ValuewebFactory.VendorAdmin, "vendor-all", "dealRegistration.*");
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var first = await RegisterAsync(alpenglow, "Silberquell Brunnen GmbH", "silberquell-brunnen.de");
        var second = await RegisterAsync(alpenglow, "Tannenhof Sägewerk KG", "tannenhof-saegewerk.de");
        await app.RunJobsAsync();
        app.Receiver.To("suspended").Count(c => c.Type == "dealRegistration.submitted").ShouldBe(2);
        var waiting = await RegisterAsync(alpenglow, "Wolkenstein Seilbahn AG", "wolkenstein-seilbahn.de");

        var partner = await app.OrganisationOf(ValuewebFactory.PartnerA);
        (await TransitionAsync(partner, "suspend")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.RunJobsAsync();
        await DealApi.ActOkAsync(app, cm, first, "approve");
        await app.RunJobsAsync();

        var heard = app.Receiver.To("suspended");
        heard.ShouldNotContain(c => c.SubjectId == waiting, "a delivery still waiting when the partner was suspended is not sent");
        heard.ShouldNotContain(c => c.SubjectId == first && c.Type == "dealRegistration.approved", "nothing new reaches a suspended partner");
        app.Receiver.To("vendor-all").ShouldContain(c => c.SubjectId == first && c.Type == "dealRegistration.approved", "the vendor still hears everything");
        var failed = await app.Db(db => db.WebhookDeliveries.IgnoreQueryFilters().Where(d => d.SubscriptionId == partnerHook && d.State != WebhookDeliveryState.Delivered).ToListAsync());
        failed.Count.ShouldBe(1, "only the waiting delivery exists; the approval made none");
        failed[0].State.ShouldBe(WebhookDeliveryState.Failed);
        failed[0].LastError!.ShouldContain("suspended");

        (await TransitionAsync(partner, "reactivate")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DealApi.ActOkAsync(app, cm, second, "approve");
        await app.RunJobsAsync();
        app.Receiver.To("suspended").ShouldContain(c => c.SubjectId == second && c.Type == "dealRegistration.approved");
        app.Receiver.Calls.Where(c => c.Refusal is not null).ShouldBeEmpty();
    }
}
