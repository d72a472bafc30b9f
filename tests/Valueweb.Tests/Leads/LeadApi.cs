using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>Small helpers for lead tests: bodies, taking a lead in, answering it with the ETag.</summary>
internal static class LeadApi
{
    public const string Url = "/api/v1/leads";

    public static object Body(string company, string email, string country = "DE", string city = "Munich", Guid[]? lines = null, int employees = 1200,
        string source = "web", decimal? value = null, string? recordId = null) => new
        {
            firstName = "Pat",
            lastName = "Prospect",
            company,
            title = "Head of IT",
            email,
            phone = "+49 89 555 0100",
            country,
            city,
            industry = "Manufacturing",
            segment = "Enterprise",
            employees,
            description = "Asked for a call about renewing their platform.",
            value = value is { } v ? new { amount = v, currency = "EUR" } : null,
            productLineIds = lines ?? [],
            source,
            sourceSystem = recordId is null ? null : "salesforce",
            sourceRecordId = recordId,
        };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body, int expected = 201)
    {
        var response = await client.PostAsJsonAsync(Url, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> ActAsync(ValuewebFactory app, HttpClient client, Guid id, string action, object? body = null)
    {
        var etag = await app.ETagOf(client, $"{Url}/{id}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/{id}/{action}") { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ActOkAsync(ValuewebFactory app, HttpClient client, Guid id, string action, object? body = null)
    {
        var response = await ActAsync(app, client, id, action, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The sign-in of a partner's admin (every demo partner has one).</summary>
    public static Task<string> AdminOfAsync(ValuewebFactory app, Guid partner) =>
        app.Db(db => db.Organisations.Where(o => o.Id == partner).Select(o => "admin@" + o.Slug + ".demo").FirstAsync());

    /// <summary>The partner a lead is offered to now, as the vendor sees it.</summary>
    public static async Task<Guid?> HolderAsync(HttpClient vendor, Guid id) =>
        (await GetAsync(vendor, $"{Url}/{id}")).GetProperty("partner") is { ValueKind: JsonValueKind.Object } p ? p.GetProperty("id").GetGuid() : null;
}
