using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Webhooks;

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? SecretRotatedAt);

/// <summary>The secret appears in this answer only (on creation and on rotation).</summary>
public sealed record WebhookWithSecret(Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookAttemptView(int Number, DateTimeOffset At, int? StatusCode, string Response, string Error, int DurationMs, bool Redelivery);

public sealed record WebhookDeliveryView(Guid Id, Guid EventId, string EventType, string State, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string LastError,
    IReadOnlyList<WebhookAttemptView> AttemptLog);

/// <summary>
/// The organisation's subscriptions and their delivery log as the API and the pages show them (the tenant filter keeps
/// every other organisation's rows out).
/// </summary>
public sealed class WebhookViews(ValuewebDb db)
{
    public const string BadCursor = "Not a cursor this list gave out.";

    public static string PagePath(Guid id) => $"/webhooks/{id}";

    public static IReadOnlyList<string> Patterns(WebhookSubscription s) => s.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookView View(WebhookSubscription s) => new(s.Id, s.Url, Patterns(s), s.Active, s.CreatedAt, s.SecretRotatedAt);

    public static WebhookDeliveryView DeliveryView(WebhookDelivery d, IReadOnlyList<WebhookAttemptView> attempts) =>
        new(d.Id, d.EventId, d.EventType, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt,
            d.DeliveredAt, d.LastStatusCode, d.LastError, attempts);

    /// <summary>The newest subscriptions first (at most a page's maximum: an organisation has a handful).</summary>
    public async Task<List<WebhookView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.WebhookSubscriptions.OrderByDescending(s => s.CreatedAt).Take(Paging.MaxLimit).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    /// <summary>One page of the subscription's deliveries, newest first, each with its attempts in order; null for a cursor this list did not give out.</summary>
    public async Task<Page<WebhookDeliveryView>?> DeliveriesAsync(WebhookSubscription s, string? cursor, int? limit, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var q = db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id);
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return null;
            q = q.Where(d => d.Id.CompareTo(lastId) < 0);
        }
        var rows = await q.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookDeliveryAttempts.Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .OrderBy(a => a.Number).ToLookup(a => a.DeliveryId);
        var items = page.Select(d => DeliveryView(d, attempts[d.Id]
            .Select(a => new WebhookAttemptView(a.Number, a.At, a.StatusCode, a.Response, a.Error, a.DurationMs, a.Redelivery)).ToList())).ToList();
        return new Page<WebhookDeliveryView>(items, rows.Count > take ? Paging.Encode(page[^1].Id.ToString()) : null);
    }
}
