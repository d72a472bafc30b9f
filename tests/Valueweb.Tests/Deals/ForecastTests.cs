using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>The vendor sets stage probabilities and exchange rates; the forecast applies them. Its own database: it changes the stages.</summary>
public sealed class ForecastTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task The_forecast_weights_open_registrations_by_stage_in_the_reporting_currency_and_a_partner_sees_only_its_own()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var rulesEtag = await app.ETagOf(admin, "/api/v1/deal-rules");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/deal-rules")
        {
            Content = JsonContent.Create(new
            {
                stages = new[] { new { key = "early", name = "Early", probability = 20 }, new { key = "late", name = "Late", probability = 80 } },
                currencyRates = new[] { new { currency = "USD", rate = 0.5m } },
            }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", rulesEtag);
        var putResponse = await admin.SendAsync(put);
        putResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await putResponse.Content.ReadAsStringAsync());
        var badPut = new HttpRequestMessage(HttpMethod.Put, "/api/v1/deal-rules") { Content = JsonContent.Create(new { conflictThreshold = 0.1, extensionRule = "sometimes" }) };
        badPut.Headers.TryAddWithoutValidation("If-Match", putResponse.Headers.ETag!.Tag);
        var badErrors = (await (await admin.SendAsync(badPut)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        badErrors.TryGetProperty("conflictThreshold", out _).ShouldBeTrue();
        badErrors.TryGetProperty("extensionRule", out _).ShouldBeTrue();

        // A fresh partner world: only registrations made here are open under the new stage keys.
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var line = await DealApi.LineAsync(alpenglow, "Edge Devices");
        await DealApi.RegisterAsync(alpenglow, DealApi.Body("Eisvogel Robotik GmbH", "eisvogel-robotik.de", [line], amount: 10_000m, stage: "early"));
        await DealApi.RegisterAsync(alpenglow, DealApi.Body("Windrose Marine Inc.", "windrose-marine.com", [line], amount: 30_000m, currency: "USD", country: "US", stage: "late"));
        await DealApi.RegisterAsync(bergmann, DealApi.Body("Zugspitz Seilbahn AG", "zugspitz-seilbahn.de", [line], amount: 99_000m, stage: "late"));

        var mine = await alpenglow.GetFromJsonAsync<JsonElement>("/api/v1/pipeline?groupBy=stage");
        var rows = mine.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("key").GetString() is "early" or "late").ToList();
        rows.Select(r => r.GetProperty("key").GetString()).ShouldBe(["early", "late"]);
        rows[0].GetProperty("amount").GetProperty("amount").GetDecimal().ShouldBe(10_000m);
        rows[0].GetProperty("weighted").GetProperty("amount").GetDecimal().ShouldBe(2_000m);
        rows[1].GetProperty("amount").GetProperty("amount").GetDecimal().ShouldBe(15_000m, "30,000 USD at 0.5");
        rows[1].GetProperty("weighted").GetProperty("amount").GetDecimal().ShouldBe(12_000m);
        mine.GetRawText().ShouldNotContain("Zugspitz");
        var vendorView = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipeline?groupBy=partner");
        vendorView.GetProperty("rows").EnumerateArray().ShouldContain(r => r.GetProperty("label").GetString()!.StartsWith("Bergmann", StringComparison.Ordinal));
        foreach (var g in new[] { "tier", "region", "productLine", "month" })
            (await admin.GetAsync($"/api/v1/pipeline?groupBy={g}")).StatusCode.ShouldBe(HttpStatusCode.OK, g);
        (await admin.GetAsync("/api/v1/pipeline?groupBy=weather")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
