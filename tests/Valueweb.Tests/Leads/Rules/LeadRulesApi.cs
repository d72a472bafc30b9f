using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>Helpers for the lead-rules tests: the settings and their ETag, changes with If-Match, and a fingerprint of every lead-related row.</summary>
internal static class LeadRulesApi
{
    public const string Url = "/api/v1/lead-settings";
    public const string SimulateUrl = "/api/v1/lead-settings/simulate";

    public static async Task<(JsonObject Settings, string ETag)> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync(Url);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return (JsonNode.Parse(text)!.AsObject(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
    }

    public static async Task<JsonElement> SimulateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(SimulateUrl, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The routing policy of the settings with one change applied to a copy.</summary>
    public static JsonObject Routing(JsonObject settings, Action<JsonObject> change)
    {
        var routing = settings["routing"]!.DeepClone().AsObject();
        change(routing);
        return routing;
    }

    /// <summary>Every lead, offer, routing decision, load, event, job and notification, as text: equal fingerprints mean nothing changed.</summary>
    public static Task<string> FingerprintAsync(ValuewebFactory app) => app.Db(async db =>
    {
        var leads = await db.Leads.OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.Status}:{l.PartnerId}:{l.Round}:{l.Version}").ToListAsync();
        var loads = await db.PartnerLeadLoads.OrderBy(l => l.PartnerId).Select(l => $"{l.PartnerId}:{l.OpenLeads}:{l.Day}:{l.DayCount}:{l.Assigned}").ToListAsync();
        var counts = new[]
        {
            await db.LeadOffers.CountAsync(), await db.LeadRoutings.CountAsync(), await db.LeadProductLines.CountAsync(),
            await db.Events.CountAsync(), await db.Jobs.CountAsync(), await db.Notifications.CountAsync(), await db.LeadSettings.CountAsync(),
        };
        leads.Count.ShouldBeGreaterThan(0, "the demo has leads");
        return $"{string.Join(",", counts)}\n{string.Join("\n", leads)}\n{string.Join("\n", loads)}";
    });
}
