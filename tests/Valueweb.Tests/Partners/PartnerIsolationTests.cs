using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Partners;

/// <summary>A partner sees its own company and nothing of its competitors; the vendor sees every partner.</summary>
public sealed class PartnerIsolationTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_partner_lists_only_its_own_company()
    {
        var client = await app.ApiAs(ValuewebFactory.PartnerA);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/partners?limit=100");
        var slugs = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        slugs.ShouldBe(["alpenglow"]);
    }

    [Fact]
    public async Task A_competitor_and_a_missing_id_get_the_same_404()
    {
        var client = await app.ApiAs(ValuewebFactory.PartnerA);
        var competitor = await app.PartnerIdBySlug("bergmann");
        var foreign = await client.GetAsync($"/api/v1/partners/{competitor}");
        var missing = await client.GetAsync($"/api/v1/partners/{Guid.CreateVersion7()}");
        var malformed = await client.GetAsync("/api/v1/partners/not-an-id");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreign.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Strip(foreign)).ShouldBe(await Strip(missing));
        (await Strip(malformed)).ShouldBe(await Strip(missing));
    }

    [Fact]
    public async Task The_vendor_pages_through_every_partner()
    {
        var client = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/partners?limit=10{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(10);
            seen.AddRange(items.Select(i => i.GetProperty("slug").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        seen.Count.ShouldBeGreaterThanOrEqualTo(40);
        seen.Distinct().Count().ShouldBe(seen.Count);
        seen.ShouldContain("alpenglow");
        seen.ShouldContain("bergmann");
    }

    [Fact]
    public async Task A_limit_above_100_is_clamped()
    {
        var client = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/partners?limit=1000");
        page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(100);
        var defaultPage = await client.GetFromJsonAsync<JsonElement>("/api/v1/partners");
        defaultPage.GetProperty("items").GetArrayLength().ShouldBe(25);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problem()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/partners");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> Strip(HttpResponseMessage response)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
        json.Remove("traceId");
        return JsonSerializer.Serialize(json);
    }
}
