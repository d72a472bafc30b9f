using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes);

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? SecretRotatedAt);

/// <summary>The secret appears in this answer only (on creation and on rotation).</summary>
public sealed record WebhookWithSecret(Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookAttemptView(int Number, DateTimeOffset At, int? StatusCode, string Response, string Error, int DurationMs, bool Redelivery);

public sealed record WebhookDeliveryView(Guid Id, Guid EventId, string EventType, string State, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string LastError,
    IReadOnlyList<WebhookAttemptView> AttemptLog);

/// <summary>
/// An organisation's webhooks: subscribe a URL to event types, list, disable, rotate the secret (the old one stops
/// signing at once), read the delivery log and redeliver. Another organisation's subscription answers 404.
/// </summary>
public static partial class WebhookEndpoints
{
    public const int MaxPatterns = 20;

    [GeneratedRegex(@"^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*(\.\*)?)$")]
    private static partial Regex PatternShape();

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequirePermission(Permission.ManageWebhooks);
        group.MapPost("/", Create).WithIdempotency().Accepts<CreateWebhookRequest>("application/json").Produces<WebhookWithSecret>(201).ProducesValidationProblem();
        group.MapGet("/", async (ValuewebDb db, CancellationToken ct) =>
        {
            var rows = await db.WebhookSubscriptions.OrderByDescending(s => s.CreatedAt).Take(Paging.MaxLimit).ToListAsync(ct);
            return TypedResults.Ok(new Page<WebhookView>(rows.Select(View).ToList(), null));
        });
        group.MapGet("/{id}", async (string id, ValuewebDb db, CancellationToken ct) =>
            await FindAsync(db, id, ct) is { } s ? (IResult)TypedResults.Ok(View(s)) : Problems.NotFound());
        group.MapDelete("/{id}", async (string id, ValuewebDb db, Journal journal, CancellationToken ct) =>
        {
            if (await FindAsync(db, id, ct) is not { } s) return (IResult)Problems.NotFound();
            if (s.Active)
            {
                s.Active = false;
                s.Version++;
                journal.Audit("webhook.disabled", "webhook", s.Id, s.Url);
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.NoContent();
        });
        group.MapPost("/{id}/rotate-secret", async (string id, ValuewebDb db, Journal journal, WebhookSecrets secrets, CancellationToken ct) =>
        {
            if (await FindAsync(db, id, ct) is not { } s) return (IResult)Problems.NotFound();
            var secret = WebhookSecrets.New();
            s.Secret = secrets.Protect(secret);
            s.SecretRotatedAt = journal.Now;
            s.Version++;
            journal.Audit("webhook.secretRotated", "webhook", s.Id, s.Url);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new WebhookWithSecret(s.Id, s.Url, Patterns(s), s.Active, s.CreatedAt, secret));
        });
        group.MapGet("/{id}/deliveries", Deliveries);
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", async (string id, string deliveryId, ValuewebDb db, Journal journal, CancellationToken ct) =>
        {
            if (await FindAsync(db, id, ct) is not { } s || !Guid.TryParse(deliveryId, out var did)) return (IResult)Problems.NotFound();
            var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == did && x.SubscriptionId == s.Id, ct);
            if (d is null) return Problems.NotFound();
            if (!s.Active) return Problems.Invalid("id", "The subscription is disabled.");
            var now = journal.Now;
            d.State = WebhookDeliveryState.Pending;
            d.NextAttemptAt = now;
            db.Jobs.Add(WebhookDeliveryJob.For(d.Id, d.Attempts + 1, now, redelivery: true));
            journal.Audit("webhook.redelivered", "webhook", s.Id, $"delivery {d.Id}, event {d.EventId}");
            await db.SaveChangesAsync(ct);
            return TypedResults.Accepted($"/api/v1/webhooks/{s.Id}/deliveries", DeliveryView(d, []));
        });
        return app;
    }

    private static async Task<WebhookSubscription?> FindAsync(ValuewebDb db, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var sid) ? await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == sid, ct) : null;

    private static IReadOnlyList<string> Patterns(WebhookSubscription s) => s.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static WebhookView View(WebhookSubscription s) => new(s.Id, s.Url, Patterns(s), s.Active, s.CreatedAt, s.SecretRotatedAt);

    private static WebhookDeliveryView DeliveryView(WebhookDelivery d, IReadOnlyList<WebhookAttemptView> attempts) =>
        new(d.Id, d.EventId, d.EventType, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt,
            d.DeliveredAt, d.LastStatusCode, d.LastError, attempts);

    private static async Task<IResult> Deliveries(string id, string? cursor, int? limit, ValuewebDb db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } s) return Problems.NotFound();
        var take = Paging.Limit(limit);
        var q = db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id);
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(d => d.Id.CompareTo(lastId) < 0);
        }
        var rows = await q.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookDeliveryAttempts.Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .OrderBy(a => a.Number).ToLookup(a => a.DeliveryId);
        var items = page.Select(d => DeliveryView(d, attempts[d.Id]
            .Select(a => new WebhookAttemptView(a.Number, a.At, a.StatusCode, a.Response, a.Error, a.DurationMs, a.Redelivery)).ToList())).ToList();
        return TypedResults.Ok(new Page<WebhookDeliveryView>(items, rows.Count > take ? Paging.Encode(page[^1].Id.ToString()) : null));
    }

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, IdempotencyContext idem,
        WebhookSecrets secrets, WebhookAddressGuard guard, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<CreateWebhookRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = new FieldErrors();
        if (guard.CheckForm(body!.Url, out var uri) is { } formRefusal) errors.Add("url", formRefusal);
        else if ((await guard.ResolveAsync(uri!.IdnHost, ct)).Refusal is { } refusal) errors.Add("url", refusal);
        var patterns = body.EventTypes ?? [];
        if (patterns.Count == 0) errors.Add("eventTypes", "At least one event type: \"lead.accepted\", a prefix such as \"lead.*\", or \"*\" for all.");
        else if (patterns.Count > MaxPatterns) errors.Add("eventTypes", $"At most {MaxPatterns} event types.");
        for (var i = 0; i < patterns.Count; i++)
            if (string.IsNullOrWhiteSpace(patterns[i]) || patterns[i].Length > 100 || !PatternShape().IsMatch(patterns[i]))
                errors.Add($"eventTypes[{i}]", "An event type (\"lead.accepted\"), a prefix (\"lead.*\") or \"*\".");
        if (errors.Any) return Problems.Invalid(errors);
        var secret = WebhookSecrets.New();
        var distinct = patterns.Distinct(StringComparer.Ordinal).ToList();
        var s = new WebhookSubscription
        {
            OrganisationId = current.Required.OrganisationId,
            Url = uri!.ToString(),
            EventTypes = string.Join(' ', distinct),
            Secret = secrets.Protect(secret),
            CreatedAt = journal.Now,
        };
        db.WebhookSubscriptions.Add(s);
        journal.Audit("webhook.created", "webhook", s.Id, $"{s.Url}: {s.EventTypes}");
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/webhooks/{s.Id}", new WebhookWithSecret(s.Id, s.Url, distinct, s.Active, s.CreatedAt, secret), ct);
    }
}
