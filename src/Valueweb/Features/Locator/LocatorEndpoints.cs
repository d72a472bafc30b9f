using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Locator;

public sealed record CityView(string Key, string Name, string Country, double Latitude, double Longitude);

public static class LocatorEndpoints
{
    public static IEndpointRouteBuilder MapLocatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Partner locator").AllowAnonymous().RequireRateLimiting(RateLimits.Locator);
        group.MapGet("/locator", async (ValuewebDb db, string? near, string? lat, string? lon, string? country, Guid? productLineId, string? competency,
            string? type, Guid? tierId, int? limit, string? cursor, CancellationToken ct) =>
        {
            var parsing = new FieldErrors();
            var q = new LocatorQuery(near, LocatorSearch.Coordinate(lat, "lat", parsing), LocatorSearch.Coordinate(lon, "lon", parsing),
                country, productLineId, competency, type, tierId, limit, cursor);
            var errors = LocatorSearch.Validate(q, parsing);
            if (errors.Any) return (IResult)Problems.Invalid(errors);
            return TypedResults.Ok(await LocatorSearch.SearchAsync(db, q, ct));
        }).Produces<LocatorPage>().ProducesValidationProblem();
        group.MapGet("/cities", () => TypedResults.Ok(Cities.All.Select(c => new CityView(c.Key, c.Name, c.CountryCode, c.Latitude, c.Longitude)).ToList()));
        return app;
    }
}
