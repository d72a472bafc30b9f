using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Webhooks;

/// <summary>
/// Turns each new event into deliveries, in the very save that stores the event: the deliveries and their first
/// delivery jobs commit with the event or not at all, so no event is lost and none is fanned out twice (a retried
/// save finds the deliveries it already added; a unique index on subscription and event guards the rest).
/// A subscription hears an event when its organisation may see it (the vendor: every event; a partner: events whose
/// audience names it) and one of its patterns matches the event's type. Events stored before a subscription existed
/// are not sent to it.
/// </summary>
public static class WebhookFanOut
{
    private sealed record Listener(Guid Id, Guid OrganisationId, string EventTypes, OrganisationKind Kind);

    public static async Task AddDeliveriesAsync(ValuewebDb db, CancellationToken ct)
    {
        var events = NewEvents(db);
        if (events.Count == 0) return;
        Add(db, events, await Listeners(db).ToListAsync(ct));
    }

    public static void AddDeliveries(ValuewebDb db)
    {
        var events = NewEvents(db);
        if (events.Count == 0) return;
        Add(db, events, [.. Listeners(db)]);
    }

    public static bool Matches(string patterns, string type) =>
        patterns.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(p => p == "*" || p == type
            || (p.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(p[..^1], StringComparison.Ordinal)));

    private static List<DomainEvent> NewEvents(ValuewebDb db) =>
        db.ChangeTracker.Entries<DomainEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    private static IQueryable<Listener> Listeners(ValuewebDb db) =>
        from s in db.WebhookSubscriptions.IgnoreQueryFilters([ValuewebDb.TenantFilter])
        join o in db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]) on s.OrganisationId equals o.Id
        where s.Active && (o.Kind == OrganisationKind.Vendor || o.Status == OrganisationStatus.Approved || o.Status == OrganisationStatus.Active)
        select new Listener(s.Id, s.OrganisationId, s.EventTypes, o.Kind);

    /// <summary>Whether an organisation hears its webhooks: the vendor always, a partner while approved or active (not suspended or offboarded).</summary>
    public static Task<bool> HearsAsync(ValuewebDb db, Guid organisationId, CancellationToken ct) =>
        db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AnyAsync(o => o.Id == organisationId
            && (o.Kind == OrganisationKind.Vendor || o.Status == OrganisationStatus.Approved || o.Status == OrganisationStatus.Active), ct);

    private static void Add(ValuewebDb db, List<DomainEvent> events, List<Listener> listeners)
    {
        if (listeners.Count == 0) return;
        var already = db.ChangeTracker.Entries<WebhookDelivery>().Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.SubscriptionId, e.Entity.EventId)).ToHashSet();
        foreach (var e in events)
        {
            foreach (var l in listeners)
            {
                if (l.Kind != OrganisationKind.Vendor && !e.Audience.Any(a => a.OrganisationId == l.OrganisationId)) continue;
                if (!Matches(l.EventTypes, e.Type) || already.Contains((l.Id, e.Id))) continue;
                var delivery = new WebhookDelivery
                {
                    OrganisationId = l.OrganisationId,
                    SubscriptionId = l.Id,
                    EventId = e.Id,
                    EventType = e.Type,
                    CreatedAt = e.OccurredAt,
                    NextAttemptAt = e.OccurredAt,
                };
                db.WebhookDeliveries.Add(delivery);
                db.Jobs.Add(WebhookDeliveryJob.For(delivery.Id, 1, e.OccurredAt));
            }
        }
    }
}
