using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Audit;

public sealed record AuditView(Guid Id, DateTimeOffset At, Guid? ActorPersonId, string? Actor, Guid? ActorOrganisationId, string Action,
    string ObjectType, Guid? ObjectId, string RemoteAddress, string Details);

public sealed record AuditFilter(string? Action, string? ObjectType, Guid? ObjectId, Guid? ActorPersonId, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>The audit log of every write: vendor admins read and filter it.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (ValuewebDb db, string? action, string? objectType, Guid? objectId, Guid? actorPersonId,
            DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, CancellationToken ct) =>
        {
            if (cursor is not null && !(Paging.Decode(cursor, 1) is [var c] && Guid.TryParse(c, out _)))
                return (IResult)Problems.Invalid("cursor", "Not a cursor this list gave out.");
            var page = await ReadAsync(db, new AuditFilter(action, objectType, objectId, actorPersonId, from, to), Paging.Limit(limit), cursor, ct);
            return TypedResults.Ok(page);
        }).WithTags("Audit").RequirePermission(Permission.ReadAudit);
        return app;
    }

    public static async Task<Page<AuditView>> ReadAsync(ValuewebDb db, AuditFilter f, int take, string? cursor, CancellationToken ct)
    {
        var q = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(a => a.Action.StartsWith(f.Action));
        if (!string.IsNullOrWhiteSpace(f.ObjectType)) q = q.Where(a => a.ObjectType == f.ObjectType);
        if (f.ObjectId is { } oid) q = q.Where(a => a.ObjectId == oid);
        if (f.ActorPersonId is { } pid) q = q.Where(a => a.ActorPersonId == pid);
        if (f.From is { } from) q = q.Where(a => a.At >= from);
        if (f.To is { } to) q = q.Where(a => a.At < to);
        if (Paging.Decode(cursor, 1) is [var last] && Guid.TryParse(last, out var lastId)) q = q.Where(a => a.Id.CompareTo(lastId) < 0);
        var rows = await q.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        var ids = rows.Where(r => r.ActorPersonId != null).Select(r => r.ActorPersonId!.Value).Distinct().ToList();
        var names = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var items = rows.Take(take).Select(a => new AuditView(a.Id, a.At, a.ActorPersonId, a.ActorPersonId is { } p && names.TryGetValue(p, out var n) ? n : null,
            a.ActorOrganisationId, a.Action, a.ObjectType, a.ObjectId, a.RemoteAddress, a.Details)).ToList();
        return new Page<AuditView>(items, rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null);
    }
}
