using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Catalog;

public sealed record ProductLineView(Guid Id, string Code, string Name, bool Active);

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/product-lines").WithTags("Catalog");
        group.MapGet("/", async (ValuewebDb db, int? limit, string? cursor, CancellationToken ct) =>
            {
                var take = Paging.Limit(limit);
                var q = db.ProductLines.AsQueryable();
                if (cursor is not null)
                {
                    if (Paging.Decode(cursor, 1) is not [var code]) return (IResult)Problems.Invalid("cursor", "Not a cursor this list gave out.");
                    q = q.Where(p => string.Compare(p.Code, code) > 0);
                }
                var rows = await q.OrderBy(p => p.Code).Take(take + 1).Select(p => new ProductLineView(p.Id, p.Code, p.Name, p.Active)).ToListAsync(ct);
                return TypedResults.Ok(new Page<ProductLineView>(rows.Take(take).ToList(), rows.Count > take ? Paging.Encode(rows[take - 1].Code) : null));
            })
            .RequirePermission(Permission.SignedIn).Produces<Page<ProductLineView>>();
        return app;
    }
}
