using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Locator;

/// <summary>The public locator: listed, active partners only; public fields only; nearest first; filters; paging.</summary>
public sealed class LocatorTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Partners_near_a_city_come_nearest_first_with_public_fields_only()
    {
        var page = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/locator?near=Munich,%20DE&limit=10");
        var items = Items(page);
        items.Count.ShouldBe(10);
        items[0].GetProperty("slug").GetString().ShouldBe("alpenglow");
        items[0].GetProperty("distanceKm").GetDouble().ShouldBe(0);
        var distances = items.Select(i => i.GetProperty("distanceKm").GetDouble()).ToList();
        distances.ShouldBe(distances.Order().ToList());
        var raw = page.GetRawText();
        raw.ShouldNotContain("privateNotes", Case.Insensitive);
        raw.ShouldNotContain("contactEmail", Case.Insensitive);
    }

    [Fact]
    public async Task Unlisted_and_suspended_partners_are_not_found()
    {
        var (unlisted, suspended) = await app.Db(async db =>
        {
            var u = db.Partners.First(p => !p.Listed);
            var s = db.Organisations.First(o => o.Status == Valueweb.Features.Organisations.OrganisationStatus.Suspended);
            return (u.Id, s.Id);
        });
        var all = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/locator?near=Berlin,%20DE&limit=100{(cursor is null ? "" : "&cursor=" + cursor)}");
            all.AddRange(Items(page).Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        all.Count.ShouldBeGreaterThan(20);
        all.Distinct().Count().ShouldBe(all.Count);
        all.ShouldNotContain(unlisted);
        all.ShouldNotContain(suspended);
    }

    [Fact]
    public async Task Filters_narrow_the_search()
    {
        var page = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/locator?near=Paris,%20FR&type=distributor&limit=100");
        var items = Items(page);
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.GetProperty("types").EnumerateArray().Any(t => t.GetString() == "distributor"));
        var byCountry = Items(await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/locator?near=Paris,%20FR&country=DE&limit=100"));
        byCountry.ShouldNotBeEmpty();
        byCountry.ShouldAllBe(i => i.GetProperty("country").GetString() == "DE");
        var byPosition = Items(await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/locator?lat=45.76&lon=4.84&limit=5"));
        byPosition[0].GetProperty("city").GetString().ShouldBe("Lyon");
        byPosition.ShouldContain(i => i.GetProperty("slug").GetString() == "cobalt");
        var lyon = byPosition.Where(i => i.GetProperty("city").GetString() == "Lyon").Select(i => i.GetProperty("tier").GetString()).ToList();
        var ranks = new Dictionary<string, int> { ["Registered"] = 1, ["Silver"] = 2, ["Gold"] = 3, ["Platinum"] = 4 };
        lyon.Select(t => ranks[t!]).ShouldBeInOrder(SortDirection.Descending); // at the same distance, higher tiers first
    }

    [Fact]
    public async Task A_bad_query_names_its_field()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/locator?near=Atlantis&lat=100");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("lat", out _).ShouldBeTrue();
        errors.TryGetProperty("lon", out _).ShouldBeTrue();
        (await app.Anonymous().GetAsync("/api/v1/locator?near=Atlantis")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("NaN", "10", "lat")]
    [InlineData("48.1", "NaN", "lon")]
    [InlineData("Infinity", "10", "lat")]
    [InlineData("48.1", "-Infinity", "lon")]
    [InlineData("1e400", "10", "lat")]
    [InlineData("48.1", "east", "lon")]
    public async Task A_position_that_is_not_a_finite_number_names_its_field(string lat, string lon, string field)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/locator?lat={lat}&lon={lon}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await app.Anonymous().GetAsync($"/locator?lat={lat}&lon={lon}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the page shows the problem instead of failing");
    }
}
