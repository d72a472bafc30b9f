using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Notifications;

public sealed record NotificationView(Guid Id, string Title, string Body, string Link, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? NextCursor, int Unread);

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequirePermission(Permission.SignedIn);
        group.MapGet("/", async (ValuewebDb db, CurrentActor current, int? limit, string? cursor, CancellationToken ct) =>
        {
            var me = current.Required.PersonId;
            var take = Paging.Limit(limit);
            var q = db.Notifications.Where(n => n.PersonId == me);
            var unread = await q.CountAsync(n => n.ReadAt == null, ct);
            if (Paging.Decode(cursor, 1) is [var last] && Guid.TryParse(last, out var lastId)) q = q.Where(n => n.Id.CompareTo(lastId) < 0);
            else if (cursor is not null) return (IResult)Problems.Invalid("cursor", "Not a cursor this list gave out.");
            var rows = await q.OrderByDescending(n => n.Id).Take(take + 1)
                .Select(n => new NotificationView(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
            var next = rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null;
            return TypedResults.Ok(new NotificationPage(rows.Take(take).ToList(), next, unread));
        });
        group.MapPost("/{id}/read", async (string id, ValuewebDb db, CurrentActor current, TimeProvider clock, CancellationToken ct) =>
        {
            var me = current.Required.PersonId;
            if (!Guid.TryParse(id, out var nid)) return (IResult)Problems.NotFound();
            var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == nid && x.PersonId == me, ct);
            if (n is null) return Problems.NotFound();
            n.ReadAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
