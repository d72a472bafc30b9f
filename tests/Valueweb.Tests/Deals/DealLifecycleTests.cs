using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>Approval protects for the program's period, reminds before expiry, expires by itself; extensions, reassignment, won and lost; the forecast.</summary>
public sealed class DealLifecycleTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task An_approved_registration_is_reminded_then_expires_when_the_clock_moves_unless_extended_within_the_rules()
    {
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var line = await DealApi.LineAsync(alpenglow, "Collaboration");
        var first = (await DealApi.RegisterAsync(alpenglow, DealApi.Body("Silbersee Bäder GmbH", "silbersee-baeder.de", [line]))).GetProperty("id").GetGuid();
        var second = (await DealApi.RegisterAsync(alpenglow, DealApi.Body("Mondstein Verlag KG", "mondstein-verlag.de", [line]))).GetProperty("id").GetGuid();

        (await DealApi.ActAsync(app, alpenglow, first, "approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a partner does not approve its own registration");
        var approved = await DealApi.ActOkAsync(app, cm, first, "approve");
        approved.GetProperty("status").GetString().ShouldBe("approved");
        var until = approved.GetProperty("protectedUntil").GetDateTimeOffset();
        until.ShouldBe(app.Clock.GetUtcNow().AddDays(90));
        await DealApi.ActOkAsync(app, cm, second, "approve");
        (await DealApi.ActAsync(app, cm, first, "approve")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "only a pending registration can be approved");

        // Stale and missing If-Match.
        var stale = new HttpRequestMessage(HttpMethod.Post, $"{DealApi.Url}/{first}/stage") { Content = JsonContent.Create(new { stage = "propose" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        (await alpenglow.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await alpenglow.PostAsJsonAsync($"{DealApi.Url}/{first}/stage", new { stage = "propose" })).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await DealApi.ActOkAsync(app, alpenglow, first, "stage", new { stage = "propose" })).GetProperty("stage").GetProperty("probability").GetInt32().ShouldBe(50);

        // 14 days before expiry the partner is reminded.
        app.Clock.Advance(TimeSpan.FromDays(77));
        await app.RunJobsAsync();
        alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        (await app.EmailsTo(ValuewebFactory.PartnerA)).ShouldContain(m => m.Contains("Silbersee", StringComparison.Ordinal) && m.Contains("expires", StringComparison.Ordinal));

        // The program allows one extension (the default): the second registration takes it, and cannot take another.
        var extended = await DealApi.ActOkAsync(app, alpenglow, second, "extend");
        extended.GetProperty("protectedUntil").GetDateTimeOffset().ShouldBe(until.AddDays(30));
        extended.GetProperty("mayRequestExtension").GetBoolean().ShouldBeFalse();
        (await DealApi.ActAsync(app, alpenglow, second, "extend")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        app.Clock.Advance(TimeSpan.FromDays(14));
        await app.RunJobsAsync();
        alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        (await alpenglow.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{first}")).GetProperty("status").GetString().ShouldBe("expired");
        (await alpenglow.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{second}")).GetProperty("status").GetString().ShouldBe("approved");
        var history = await alpenglow.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{first}/history");
        history.GetProperty("items")[0].GetProperty("type").GetString().ShouldBe("dealRegistration.expired");

        // Once expired, the customer is free again for others.
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var check = await (await bergmann.PostAsJsonAsync(DealApi.Url + "/check", DealApi.Body("Silbersee Bäder", "silbersee-baeder.de", [line]))).Content.ReadFromJsonAsync<JsonElement>();
        check.GetProperty("conflicts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reassigning_gives_the_business_to_another_partner_and_keeps_referral_credit_visible_to_the_registrant()
    {
        var cobalt = await app.ApiAs(ValuewebFactory.PartnerC);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var line = await DealApi.LineAsync(cobalt, "Security Suite");
        var id = (await DealApi.RegisterAsync(cobalt, DealApi.Body("Lavande Assurances SA", "lavande-assurances.fr", [line], country: "FR"))).GetProperty("id").GetGuid();
        var bergmannId = await app.OrganisationOf(ValuewebFactory.PartnerB);

        (await DealApi.ActAsync(app, cm, id, "reassign", new { partnerId = bergmannId })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a reason is required");
        var moved = await DealApi.ActOkAsync(app, cm, id, "reassign", new { partnerId = bergmannId, reason = "Bergmann holds the customer's security contract." });
        moved.GetProperty("status").GetString().ShouldBe("approved");
        moved.GetProperty("partner").GetProperty("id").GetGuid().ShouldBe(bergmannId);
        moved.GetProperty("registeredBy").GetProperty("name").GetString()!.ShouldStartWith("Cobalt");

        // The new owner works it; the registrant still sees it (a grant) but may not work it; a third partner sees nothing.
        (await bergmann.GetAsync($"{DealApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cobalt.GetAsync($"{DealApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DealApi.ActAsync(app, cobalt, id, "lost", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await alpenglow.GetAsync($"{DealApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var won = await DealApi.ActOkAsync(app, bergmann, id, "won", new { actualValue = new { amount = 61_000m, currency = "EUR" }, closeDate = "2026-11-20" });
        won.GetProperty("status").GetString().ShouldBe("won");
        won.GetProperty("actualValue").GetProperty("amount").GetDecimal().ShouldBe(61_000m);
        var events = await app.Db(db => db.Events.Where(e => e.SubjectId == id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        events.ShouldBe(["dealRegistration.submitted", "dealRegistration.reassigned", "dealRegistration.won"]);
        var wonEvent = await app.Db(db => db.Events.Include(e => e.Audience).SingleAsync(e => e.SubjectId == id && e.Type == "dealRegistration.won"));
        wonEvent.Audience.Select(a => a.OrganisationId).ShouldBe([bergmannId, await app.OrganisationOf(ValuewebFactory.PartnerC)], ignoreOrder: true);
        wonEvent.Data.ShouldContain("referralCredit");
    }

    [Fact]
    public async Task The_partner_that_referred_the_customer_follows_the_registration_and_no_one_else_does()
    {
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var cobaltId = await app.OrganisationOf(ValuewebFactory.PartnerC);
        var line = await DealApi.LineAsync(alpenglow, "Networking");
        var body = new
        {
            customer = new { name = "Murmeltier Bergbahnen AG", domain = "murmeltier-bergbahnen.ch", country = "CH" },
            contact = new { name = "Ursula Keller", email = "u.keller@murmeltier-bergbahnen.ch" },
            productLineIds = new[] { line },
            estimatedValue = new { amount = 42_000m, currency = "CHF" },
            expectedCloseDate = "2027-06-30",
            referredByPartnerId = cobaltId,
        };
        var id = (await DealApi.RegisterAsync(alpenglow, body)).GetProperty("id").GetGuid();
        var cobalt = await app.ApiAs(ValuewebFactory.PartnerC);
        var seen = await cobalt.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{id}");
        seen.GetProperty("referredBy").GetProperty("id").GetGuid().ShouldBe(cobaltId);
        (await DealApi.ActAsync(app, cobalt, id, "lost", new { reason = "not theirs" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ApiAs(ValuewebFactory.PartnerB)).GetAsync($"{DealApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var selfReferral = await alpenglow.PostAsJsonAsync(DealApi.Url, new
        {
            customer = new { name = "Steinbock Skischule", domain = (string?)null, country = "CH" },
            contact = new { name = "A", email = "a@steinbock-skischule.ch" },
            productLineIds = new[] { line },
            estimatedValue = new { amount = 1m, currency = "CHF" },
            expectedCloseDate = "2027-06-30",
            referredByPartnerId = await app.OrganisationOf(ValuewebFactory.PartnerA),
        });
        (await selfReferral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("referredByPartnerId", out _).ShouldBeTrue();
    }
}
