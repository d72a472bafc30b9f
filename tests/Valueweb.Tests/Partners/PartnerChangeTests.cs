using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Partners;

/// <summary>Profile edits need the ETag; a competitor's partner answers 404 whatever is sent; suspension refuses the very next request.</summary>
public sealed class PartnerChangeTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private static HttpRequestMessage Patch(string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task A_partner_edits_its_own_profile_with_the_etag_it_read()
    {
        var client = await app.ApiAs(ValuewebFactory.PartnerC);
        var id = await app.OrganisationOf(ValuewebFactory.PartnerC);
        var url = $"/api/v1/partners/{id}";
        var etag = await app.ETagOf(client, url);

        (await client.SendAsync(Patch(url, new { publicDescription = "Edited" }, null))).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await client.SendAsync(Patch(url, new { website = "not a url" }, etag))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var ok = await client.SendAsync(Patch(url, new { publicDescription = "We distribute networking across France.", competencies = new[] { "Network design" } }, etag));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Headers.ETag!.Tag.ShouldNotBe(etag);
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicDescription").GetString().ShouldBe("We distribute networking across France.");
        (await client.SendAsync(Patch(url, new { publicDescription = "Stale" }, etag))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await client.SendAsync(Patch(url, new { tierId = Guid.NewGuid() }, ok.Headers.ETag.Tag))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_vendor_sets_territories_locations_product_lines_and_tier()
    {
        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var id = await app.PartnerIdBySlug("cobalt");
        var url = $"/api/v1/partners/{id}";
        var lines = (await vendor.GetFromJsonAsync<JsonElement>("/api/v1/product-lines")).GetProperty("items");
        var line = lines.EnumerateArray().First().GetProperty("id").GetGuid();
        var program = await vendor.GetFromJsonAsync<JsonElement>("/api/v1/program");
        var gold = program.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Gold").GetProperty("id").GetGuid();
        var change = new
        {
            countries = new[] { "FR", "BE" },
            regions = new[] { "Benelux" },
            productLineIds = new[] { line },
            tierId = gold,
            types = new[] { "distributor", "valueAddedReseller" },
            locations = new object[] { new { city = "Lyon", country = "FR" }, new { city = "Liège", country = "BE", latitude = 50.6326, longitude = 5.5797 } },
        };
        var response = await vendor.SendAsync(Patch(url, change, await app.ETagOf(vendor, url)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>();
        detail.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["BE", "FR"]);
        detail.GetProperty("tier").GetString().ShouldBe("Gold");
        detail.GetProperty("locations").GetArrayLength().ShouldBe(2);
        detail.GetProperty("productLineIds").EnumerateArray().Select(x => x.GetGuid()).ShouldBe([line]);
        var bad = await vendor.SendAsync(Patch(url, new { countries = new[] { "ZZ" }, locations = new object[] { new { city = "Nowhere" } } }, response.Headers.ETag!.Tag));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("countries[0]", out _).ShouldBeTrue();
        errors.TryGetProperty("locations[0].city", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_competitors_partner_answers_404_whatever_the_body_and_headers()
    {
        var client = await app.ApiAs(ValuewebFactory.PartnerA);
        var competitor = await app.PartnerIdBySlug("bergmann");
        var missing = Guid.CreateVersion7();
        foreach (var target in new[] { competitor, missing })
        {
            (await client.SendAsync(Patch($"/api/v1/partners/{target}", new { website = "bad" }, null))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var junk = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/partners/{target}") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
            (await client.SendAsync(junk)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/v1/partners/{target}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Suspending_a_partner_refuses_its_very_next_request_and_reactivating_lets_it_back()
    {
        var partner = await app.ApiAs(ValuewebFactory.PartnerB);
        var id = await app.OrganisationOf(ValuewebFactory.PartnerB);
        (await partner.GetAsync($"/api/v1/partners/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var etag = await app.ETagOf(vendor, $"/api/v1/partners/{id}");
        var noReason = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{id}/suspend") { Content = JsonContent.Create(new { reason = "" }) };
        noReason.Headers.TryAddWithoutValidation("If-Match", etag);
        var invalid = await vendor.SendAsync(noReason);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var suspend = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{id}/suspend") { Content = JsonContent.Create(new { reason = "Unpaid invoices" }) };
        suspend.Headers.TryAddWithoutValidation("If-Match", etag);
        var suspended = await vendor.SendAsync(suspend);
        suspended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await partner.GetAsync($"/api/v1/partners/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var reactivate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{id}/reactivate") { Content = JsonContent.Create(new { reason = "Paid" }) };
        reactivate.Headers.TryAddWithoutValidation("If-Match", suspended.Headers.ETag!.Tag);
        (await vendor.SendAsync(reactivate)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await partner.GetAsync($"/api/v1/partners/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_partner_cannot_suspend_anyone()
    {
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var own = await app.OrganisationOf(ValuewebFactory.PartnerA);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{own}/suspend") { Content = JsonContent.Create(new { reason = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        (await partner.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
