using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>The vendor's lead settings at work: a daily quota enforced in the database, reminders after days without news, refused changes.</summary>
public sealed class LeadSettingsTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private Task<string> AdminOfAsync(Guid partner) => LeadApi.AdminOfAsync(app, partner);

    [Fact]
    public async Task An_accepted_lead_without_news_reminds_its_partner_and_capacity_limits_hold()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var settings = await LeadApi.GetAsync(admin, "/api/v1/lead-settings");
        var routing = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetProperty("routing").GetRawText())!;
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/lead-settings")
        {
            Content = JsonContent.Create(new { reminderDays = 3, routing = new { steps = routing["steps"], capacity = new { maxOpenLeads = 100, dailyQuota = 1 }, ranking = routing["ranking"], fallback = "vendorQueue" } }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(admin, "/api/v1/lead-settings"));
        var saved = await admin.SendAsync(put);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        // A daily quota of one: two leads in a row for the same area go to two different partners (or the queue).
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var data = await DealApi.LineAsync(cm, "Data & Analytics");
        var a = await LeadApi.CreateAsync(cm, LeadApi.Body("Quota Eins GmbH", "a@quota-eins.de", city: "Berlin", lines: [data]));
        var b = await LeadApi.CreateAsync(cm, LeadApi.Body("Quota Zwei GmbH", "b@quota-zwei.de", city: "Berlin", lines: [data]));
        var holderA = a.GetProperty("partner").GetProperty("id").GetGuid();
        if (b.GetProperty("partner") is { ValueKind: JsonValueKind.Object } pb) pb.GetProperty("id").GetGuid().ShouldNotBe(holderA);
        var loads = await app.Db(db => db.PartnerLeadLoads.Where(l => l.PartnerId == holderA).Select(l => l.DayCount).SingleAsync());
        loads.ShouldBe(1);

        var partner = await app.ApiAs(await AdminOfAsync(holderA));
        var id = a.GetProperty("id").GetGuid();
        await LeadApi.ActOkAsync(app, partner, id, "accept");
        app.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        await app.RunJobsAsync();
        admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        (await app.EmailsTo(await AdminOfAsync(holderA))).ShouldContain(m => m.Contains("Quota Eins", StringComparison.Ordinal) && m.Contains("update", StringComparison.OrdinalIgnoreCase));

        var badPut = new HttpRequestMessage(HttpMethod.Put, "/api/v1/lead-settings")
        {
            Content = JsonContent.Create(new { acceptanceHours = 0, routing = new { steps = new[] { new { kind = "astrology" } } } }),
        };
        badPut.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(admin, "/api/v1/lead-settings"));
        var refused = await admin.SendAsync(badPut);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("acceptanceHours", out _).ShouldBeTrue();
        errors.EnumerateObject().ShouldContain(e => e.Name.StartsWith("routing.steps[0]", StringComparison.Ordinal));
        (await LeadApi.GetAsync(admin, "/api/v1/lead-settings")).GetProperty("reminderDays").GetInt32().ShouldBe(3, "a refused change changes nothing");
        (await (await app.ApiAs(ValuewebFactory.PartnerA)).GetAsync("/api/v1/lead-settings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
