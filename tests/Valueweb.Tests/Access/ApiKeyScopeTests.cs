using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Access;

/// <summary>A key does what its scopes say and nothing more: reading partners is not reading people or deals.</summary>
public sealed class ApiKeyScopeTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private async Task<HttpClient> KeyClientAsync(params string[] scopes)
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "scoped " + string.Join('+', scopes), scopes });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_partners_read_key_cannot_list_people_or_deals()
    {
        var key = await KeyClientAsync("partners:read");
        (await key.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await key.GetAsync("/api/v1/people")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await key.GetAsync("/api/v1/deal-registrations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var people = await KeyClientAsync("people:read", "deals:read");
        (await people.GetAsync("/api/v1/people")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await people.GetAsync("/api/v1/deal-registrations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await people.PostAsJsonAsync("/api/v1/deal-registrations", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "deals:write is another scope");
    }
}
