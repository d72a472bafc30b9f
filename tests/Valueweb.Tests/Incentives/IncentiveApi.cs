using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Incentives;

/// <summary>Helpers for incentive tests: a program of the test's own, a won deal, a partner's lines.</summary>
internal static class IncentiveApi
{
    public const string FinanceEmail = "finance@valueweb.demo";

    public static async Task<JsonElement> SendOkAsync(HttpClient client, HttpMethod method, string url, object? body, string? etag = null, string? key = null, int status = 200)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A program of the test's own, so that its lines can be told from the demo program's by rule name.</summary>
    public static async Task<JsonElement> CreateProgramAsync(HttpClient admin, string name, object[] rules, object[]? multipliers = null, int clawbackDays = 60, string currency = "EUR")
    {
        var body = new { name, description = "Test program", currency, validFrom = "2026-01-01", validTo = (string?)null, clawbackDays, active = true, rules, tierMultipliers = multipliers ?? [] };
        return await SendOkAsync(admin, HttpMethod.Post, "/api/v1/incentive-programs", body, status: 201);
    }

    /// <summary>Registers for the partner, has the channel manager approve (and split), and wins it at the value given.</summary>
    public static async Task<Guid> WonDealAsync(ValuewebFactory app, HttpClient partner, HttpClient cm, string customer, decimal value, string currency = "EUR",
        Guid? referredBy = null, object[]? splits = null, string? line = null, DateOnly? closedOn = null)
    {
        var lineId = await DealApi.LineAsync(partner, line ?? "Collaboration");
        var body = new
        {
            customer = new { name = customer, domain = (string?)null, country = "DE" },
            contact = new { name = "Pat Buyer", email = "buyer@example.org", phone = "+49 30 1234" },
            productLineIds = new[] { lineId },
            estimatedValue = new { amount = value, currency },
            expectedCloseDate = "2027-03-31",
            description = "Replacing the customer's ageing platform.",
            referredByPartnerId = referredBy,
        };
        var id = (await DealApi.RegisterAsync(partner, body)).GetProperty("id").GetGuid();
        await DealApi.ActOkAsync(app, cm, id, "approve");
        if (splits is not null)
            await SendOkAsync(cm, HttpMethod.Put, $"{DealApi.Url}/{id}/splits", new { splits }, await app.ETagOf(cm, $"{DealApi.Url}/{id}"));
        await DealApi.ActOkAsync(app, partner, id, "won", new { actualValue = new { amount = value, currency }, closeDate = closedOn ?? DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime) });
        return id;
    }

    public static async Task<List<JsonElement>> LinesAsync(HttpClient client, Guid registrationId, string? partnerId = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/accruals?registrationId={registrationId}&limit=100" + (partnerId is null ? "" : $"&partnerId={partnerId}"));
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static decimal Amount(JsonElement line) => line.GetProperty("amount").GetProperty("amount").GetDecimal();

    public static async Task<Guid> PartnerIdAsync(ValuewebFactory app, string slug) => await app.PartnerIdBySlug(slug);
}
