using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Platform.Jobs;

public sealed record JobView(Guid Id, string Kind, string State, DateTimeOffset DueAt, int Attempts, string? LeaseOwner, DateTimeOffset? LeaseUntil,
    string LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string CompletedBy);

public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/jobs", async (ValuewebDb db, string? state, string? kind, int? limit, string? cursor, CancellationToken ct) =>
        {
            var take = Paging.Limit(limit);
            var q = db.Jobs.AsQueryable();
            if (Enum.TryParse<JobState>(state, true, out var s)) q = q.Where(j => j.State == s);
            if (!string.IsNullOrWhiteSpace(kind)) q = q.Where(j => j.Kind == kind);
            if (cursor is not null)
            {
                if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return (IResult)Problems.Invalid("cursor", "Not a cursor this list gave out.");
                q = q.Where(j => j.Id.CompareTo(lastId) < 0);
            }
            var rows = await q.OrderByDescending(j => j.Id).Take(take + 1).ToListAsync(ct);
            var items = rows.Take(take).Select(j => new JobView(j.Id, j.Kind, j.State.ToString(), j.DueAt, j.Attempts, j.LeaseOwner, j.LeaseUntil, j.LastError, j.CreatedAt, j.CompletedAt, j.CompletedBy)).ToList();
            return TypedResults.Ok(new Page<JobView>(items, rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null));
        }).WithTags("Jobs").RequirePermission(Permission.ReadJobs);
        return app;
    }
}
