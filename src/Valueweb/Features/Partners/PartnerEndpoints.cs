using Microsoft.AspNetCore.Http.HttpResults;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Partners;

public static class PartnerEndpoints
{
    public static IEndpointRouteBuilder MapPartnerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/partners").WithTags("Partners");
        group.MapGet("/", List).RequirePermission(Permission.ReadPartners);
        group.MapGet("/{id}", Get).RequirePermission(Permission.ReadPartners);
        return app;
    }

    private static async Task<Results<Ok<Page<PartnerSummary>>, ValidationProblem>> List(
        ValuewebDb db, string? q, string? status, string? country, Guid? tierId, string? type, Guid? productLineId,
        int? limit, string? cursor, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = PartnerViews.Filtered(db, new PartnerFilter(q, status, country, tierId, type, productLineId));
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 2) is not [var name, var slug]) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            query = query.Where(o => string.Compare(o.DisplayName, name) > 0 || (o.DisplayName == name && string.Compare(o.Slug, slug) > 0));
        }
        var rows = await PartnerViews.SummariesAsync(db, query.OrderBy(o => o.DisplayName).ThenBy(o => o.Slug).Take(take + 1), ct);
        var next = rows.Count > take ? Paging.Encode(rows[take - 1].DisplayName, rows[take - 1].Slug) : null;
        return TypedResults.Ok(new Page<PartnerSummary>(rows.Take(take).ToList(), next));
    }

    private static async Task<Results<Ok<PartnerDetail>, ProblemHttpResult>> Get(string id, ValuewebDb db, CurrentActor actor, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var partnerId)) return Problems.NotFound();
        var found = await PartnerViews.DetailAsync(db, partnerId, actor.Required.IsVendor, ct);
        if (found is not { } f) return Problems.NotFound();
        http.Response.Headers.ETag = ETags.For(f.Version);
        return TypedResults.Ok(f.Detail);
    }
}
