using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;

namespace Valueweb.Features.Catalog;

public sealed record ProductLineView(Guid Id, string Code, string Name, bool Active);

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/product-lines").WithTags("Catalog");
        group.MapGet("/", async (ValuewebDb db, CancellationToken ct) =>
                TypedResults.Ok(await db.ProductLines.OrderBy(p => p.Name)
                    .Select(p => new ProductLineView(p.Id, p.Code, p.Name, p.Active)).ToListAsync(ct)))
            .RequirePermission(Permission.SignedIn);
        return app;
    }
}
