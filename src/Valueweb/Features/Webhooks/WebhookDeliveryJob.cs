using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Webhooks;

/// <summary>
/// One attempt to deliver one event to one subscription. 2xx is delivered; anything else (or no answer) is logged and
/// tried again after 1 min, 5 min, 30 min, 2 h, 6 h and then every 12 h, until 72 hours after the first attempt
/// have passed: then the delivery has failed. Every attempt is a job of its own; the attempt number in its payload
/// makes a job that runs twice (a lost lease) or a retry overtaken by a redelivery do nothing.
/// </summary>
public sealed class WebhookDeliveryJob(ValuewebDb db, IHttpClientFactory http, WebhookSecrets secrets, WebhookAddressGuard guard,
    TimeProvider clock, ILogger<WebhookDeliveryJob> log) : IJobHandler
{
    public const string KindName = "webhooks.deliver";
    public const string HttpClientName = "webhooks";
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(72);
    private static readonly TimeSpan[] Schedule =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    public string Kind => KindName;

    public sealed record Payload(Guid DeliveryId, int Attempt, bool Redelivery = false);

    /// <summary>The job of the given attempt, added to the caller's unit of work.</summary>
    public static Job For(Guid deliveryId, int attempt, DateTimeOffset dueAt, bool redelivery = false) => new()
    {
        Kind = KindName,
        Payload = JsonSerializer.Serialize(new Payload(deliveryId, attempt, redelivery), JsonSerializerOptions.Web),
        DueAt = dueAt,
        CreatedAt = dueAt,
        MaxAttempts = 3,
    };

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Backoff(int attempt) => attempt <= Schedule.Length ? Schedule[attempt - 1] : TimeSpan.FromHours(12);

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)!;
        var delivery = await db.WebhookDeliveries.IgnoreQueryFilters([ValuewebDb.TenantFilter]).FirstOrDefaultAsync(d => d.Id == payload.DeliveryId, ct);
        if (delivery is null || delivery.Attempts != payload.Attempt - 1) return;
        if (delivery.State != WebhookDeliveryState.Pending && !payload.Redelivery) return;
        var subscription = await db.WebhookSubscriptions.IgnoreQueryFilters([ValuewebDb.TenantFilter]).FirstAsync(s => s.Id == delivery.SubscriptionId, ct);
        var e = await db.Events.AsNoTracking().FirstAsync(x => x.Id == delivery.EventId, ct);

        var now = clock.GetUtcNow();
        var attempt = new WebhookDeliveryAttempt
        {
            DeliveryId = delivery.Id,
            OrganisationId = delivery.OrganisationId,
            Number = payload.Attempt,
            At = now,
            Redelivery = payload.Redelivery,
        };
        // A partner suspended or offboarded since the event hears nothing more; its pending deliveries fail (an admin can
        // redeliver them after a reactivation).
        var hears = await WebhookFanOut.HearsAsync(db, subscription.OrganisationId, ct);
        if (!subscription.Active) attempt.Error = "The subscription is disabled.";
        else if (!hears) attempt.Error = "The organisation is suspended or offboarded: nothing is sent.";
        else await SendAsync(subscription, e, attempt, now, ct);

        delivery.Attempts = payload.Attempt;
        delivery.FirstAttemptAt ??= now;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = attempt.StatusCode;
        delivery.LastResponse = attempt.Response;
        delivery.LastError = attempt.Error;
        if (attempt.StatusCode is >= 200 and < 300)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
        }
        else
        {
            var next = now + Backoff(payload.Attempt);
            var retry = subscription.Active && hears && now - delivery.FirstAttemptAt.Value < GiveUpAfter;
            delivery.State = retry ? WebhookDeliveryState.Pending : WebhookDeliveryState.Failed;
            delivery.NextAttemptAt = retry ? next : null;
            if (retry) db.Jobs.Add(For(delivery.Id, payload.Attempt + 1, next));
        }
        db.WebhookDeliveryAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
    }

    private async Task SendAsync(WebhookSubscription subscription, DomainEvent e, WebhookDeliveryAttempt attempt, DateTimeOffset now, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (guard.CheckForm(subscription.Url, out var uri) is { } formRefusal)
            {
                attempt.Error = "Refused: " + formRefusal;
                return;
            }
            if ((await guard.ResolveAsync(uri!.IdnHost, ct)).Refusal is { } refusal)
            {
                attempt.Error = "Refused: " + refusal;
                return;
            }
            var body = Body(e);
            var secret = secrets.Unprotect(subscription.Secret);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Valueweb-Signature", WebhookSecrets.Signature(secret, now.ToUnixTimeSeconds(), body));
            request.Headers.TryAddWithoutValidation("Valueweb-Event-Id", e.Id.ToString());
            request.Headers.UserAgent.ParseAdd("Valueweb-Webhooks/1");
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.Response = await SnippetAsync(response, ct);
        }
        catch (Exception x) when (x is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            attempt.Error = Cap(x is TaskCanceledException ? "No answer within 10 seconds." : x.Message, 1000);
            log.LogInformation("Webhook delivery to subscription {Subscription} failed: {Error}", subscription.Id, attempt.Error);
        }
        finally
        {
            attempt.DurationMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    /// <summary>The JSON body: the event's id (the same on every attempt), type, time, subject and data.</summary>
    public static byte[] Body(DomainEvent e)
    {
        var body = new JsonObject
        {
            ["id"] = e.Id,
            ["type"] = e.Type,
            ["occurredAt"] = e.OccurredAt,
            ["subjectType"] = e.SubjectType,
            ["subjectId"] = e.SubjectId,
            ["data"] = JsonNode.Parse(string.IsNullOrWhiteSpace(e.Data) ? "{}" : e.Data),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookModel.MaxSnippet];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return Cap(text, WebhookModel.MaxSnippet);
    }

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;
}
