using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Webhooks;

/// <summary>
/// Secrets shown once stay out of the database in the clear, even where a retry must see them again; and changes to a
/// subscription made at the same moment end in a clear answer, never a 500 or a secret that is not in force.
/// </summary>
public sealed class WebhookSecretKeepingTests(WebhookFactory app) : IClassFixture<WebhookFactory>
{
    private const string Url = "/api/v1/webhooks";

    private static HttpRequestMessage WithKey(HttpMethod method, string url, object body, string key)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_retried_subscription_or_api_key_answers_its_secret_again_but_the_kept_answer_is_encrypted()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        var hook = new { url = app.Receiver.Url("sealed"), eventTypes = new[] { "lead.*" } };
        var first = await admin.SendAsync(WithKey(HttpMethod.Post, Url, hook, "sealed-hook"));
        var again = await admin.SendAsync(WithKey(HttpMethod.Post, Url, hook, "sealed-hook"));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secret = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var replayed = await again.Content.ReadFromJsonAsync<JsonElement>();
        replayed.GetProperty("secret").GetString().ShouldBe(secret, "a retry that lost the first answer still learns the secret");
        again.Headers.Location.ShouldBe(first.Headers.Location);

        var vendor = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var keyBody = new { name = "Finance export", scopes = new[] { "partners:read" } };
        var created = await vendor.SendAsync(WithKey(HttpMethod.Post, "/api/v1/api-keys", keyBody, "sealed-key"));
        var repeated = await vendor.SendAsync(WithKey(HttpMethod.Post, "/api/v1/api-keys", keyBody, "sealed-key"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString().ShouldBe(apiKey);

        var kept = await app.Db(db => db.IdempotencyRecords.Where(r => r.Key == "sealed-hook" || r.Key == "sealed-key").ToListAsync());
        kept.Count.ShouldBe(2);
        kept.ShouldAllBe(r => r.Sealed);
        kept.ShouldNotContain(r => r.ResponseBody.Contains(secret) || r.ResponseBody.Contains(apiKey), "no secret is kept in the clear");
        var url = replayed.GetProperty("url").GetString();
        (await app.Db(db => db.WebhookSubscriptions.IgnoreQueryFilters().CountAsync(s => s.Url == url))).ShouldBe(1, "the retry created nothing");
    }

    [Fact]
    public async Task Disabling_or_rotating_with_a_stale_version_or_at_the_same_moment_is_refused_cleanly()
    {
        var (hook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerB, "race", "dealRegistration.*");
        var client = await app.ApiAs(ValuewebFactory.PartnerB);
        var read = await client.GetAsync($"{Url}/{hook}");
        var etag = read.Headers.ETag!.Tag;

        // Rotations at the same moment: each answer is a 200 whose secret was in force when given, or a 412; never a 500.
        var other = await app.ApiAs(ValuewebFactory.PartnerB);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? client : other).PostAsync($"{Url}/{hook}/rotate-secret", null)));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.PreconditionFailed);
        answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
        var rotations = await app.Db(db => db.AuditEntries.CountAsync(e => e.Action == "webhook.secretRotated" && e.ObjectId == hook));
        rotations.ShouldBe(answers.Count(a => a.StatusCode == HttpStatusCode.OK), "every 200 is a rotation that took effect; every 412 changed nothing");

        // The version read before the rotations is gone: both changes are refused and change nothing.
        var staleRotate = new HttpRequestMessage(HttpMethod.Post, $"{Url}/{hook}/rotate-secret");
        staleRotate.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await client.SendAsync(staleRotate);
        refused.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("secret\"");
        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{hook}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", etag);
        (await client.SendAsync(staleDelete)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await client.GetFromJsonAsync<JsonElement>($"{Url}/{hook}")).GetProperty("active").GetBoolean().ShouldBeTrue();

        // With the current version it goes through; disabling twice (or twice at once) is no change, not an error.
        var current = (await client.GetAsync($"{Url}/{hook}")).Headers.ETag!.Tag;
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{hook}");
        delete.Headers.TryAddWithoutValidation("If-Match", current);
        (await client.SendAsync(delete)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var twice = await Task.WhenAll(client.DeleteAsync($"{Url}/{hook}"), other.DeleteAsync($"{Url}/{hook}"));
        twice.ShouldAllBe(a => a.StatusCode == HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<JsonElement>($"{Url}/{hook}")).GetProperty("active").GetBoolean().ShouldBeFalse();
    }
}
