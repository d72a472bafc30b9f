using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>Small helpers for deal-registration tests: bodies, product lines, decisions with the ETag.</summary>
internal static class DealApi
{
    public const string Url = "/api/v1/deal-registrations";

    public static async Task<Guid> LineAsync(HttpClient client, string name)
    {
        var lines = (await client.GetFromJsonAsync<JsonElement>("/api/v1/product-lines?limit=100")).GetProperty("items");
        return lines.EnumerateArray().Single(l => l.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static object Body(string customer, string? domain, Guid[] lines, decimal amount = 50_000m, string currency = "EUR", string country = "DE",
        string contactEmail = "buyer@example.org", string? closeDate = "2027-03-31", string? stage = null) => new
        {
            customer = new { name = customer, domain, country },
            contact = new { name = "Pat Buyer", email = contactEmail, phone = "+49 30 1234" },
            productLineIds = lines,
            estimatedValue = new { amount, currency },
            expectedCloseDate = closeDate,
            stage,
            description = "Replacing the customer's ageing platform.",
        };

    public static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Url, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> ActAsync(ValuewebFactory app, HttpClient client, Guid id, string action, object? body = null)
    {
        var etag = await app.ETagOf(client, $"{Url}/{id}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/{id}/{action}") { Content = body is null ? null : JsonContent.Create(body) };
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
}
