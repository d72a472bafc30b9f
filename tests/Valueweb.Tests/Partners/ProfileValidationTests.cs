using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Partners;

/// <summary>Whatever a profile update holds, a bad part answers a problem naming it (never a 500), on both engines.</summary>
public sealed class ProfileValidationTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private async Task<JsonElement> RefusedAsync(HttpClient client, string url, object body, params string[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(client, url));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        foreach (var field in fields) errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} in {text}");
        return errors;
    }

    [Fact]
    public async Task Bad_list_elements_are_named_field_by_field()
    {
        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var url = $"/api/v1/partners/{await app.PartnerIdBySlug("cobalt")}";
        await RefusedAsync(vendor, url, new { locations = new object[] { new { city = "Lyon", country = "FR", latitude = 45.76 } } }, "locations[0].longitude");
        await RefusedAsync(vendor, url, new { locations = new object[] { new { city = "Lyon", country = "FR", longitude = 4.83 } } }, "locations[0].latitude");
        await RefusedAsync(vendor, url, new { locations = new object?[] { null } }, "locations[0]");
        await RefusedAsync(vendor, url, new { domains = new string?[] { "cobalt.example", null } }, "domains[1]");
        await RefusedAsync(vendor, url, new { competencies = new string?[] { null }, countries = new string?[] { null }, types = new string?[] { null } },
            "competencies[0]", "countries[0]", "types[0]");

        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        await RefusedAsync(admin, "/api/v1/program", new { tiers = new object?[] { null, new { name = "Only", rank = 1 } } }, "tiers[0]");
    }

    [Fact]
    public async Task Every_text_field_is_held_to_its_column_length()
    {
        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var url = $"/api/v1/partners/{await app.PartnerIdBySlug("cobalt")}";
        var longWebsite = "https://www.example.com/" + new string('a', 400);
        await RefusedAsync(vendor, url, new
        {
            website = longWebsite,
            privateNotes = new string('n', 4001),
            locations = new object[] { new { city = new string('c', 101), country = "FR", latitude = 45.76, longitude = 4.83 } },
        }, "website", "privateNotes", "locations[0].city");

        // the same limit for a company's application
        var applied = await app.Anonymous().PostAsJsonAsync("/api/v1/applications", new
        {
            companyName = "Long Address Ltd",
            website = longWebsite,
            country = "GB",
            types = new[] { "reseller" },
            contact = new { name = "Lena Long", email = "lena@long-address.example" },
        });
        applied.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("website", out _).ShouldBeTrue();

        // and at the limit it is stored
        var atLimit = "https://www.example.com/" + new string('a', 400 - 24);
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { website = atLimit }) };
        request.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(vendor, url));
        var saved = await vendor.SendAsync(request);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("website").GetString().ShouldBe(atLimit);
    }
}
