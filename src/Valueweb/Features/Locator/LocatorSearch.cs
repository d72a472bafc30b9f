using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Locator;

public sealed record LocatorQuery(string? Near, double? Latitude, double? Longitude, string? Country, Guid? ProductLineId, string? Competency,
    string? Type, Guid? TierId, int? Limit, string? Cursor);

/// <summary>Public fields only: what a listed partner chose to show the world.</summary>
public sealed record LocatorHit(Guid Id, string DisplayName, string Slug, IReadOnlyList<string> Types, string? Tier, string Description, string Website,
    string Phone, string City, string Country, double DistanceKm, IReadOnlyList<string> Competencies);

public sealed record LocatorPage(string? Near, IReadOnlyList<LocatorHit> Items, string? NextCursor);

/// <summary>
/// Finds active partners that chose to be listed, near a city or a position, with filters; ranked by distance,
/// then tier (higher first), then name. Candidates come from widening boxes around the point, read with an index.
/// </summary>
public static class LocatorSearch
{
    private static readonly double[] RadiiKm = [100, 300, 1000, 3000, 25000];

    public static FieldErrors Validate(LocatorQuery q)
    {
        var e = new FieldErrors();
        if (q.Latitude is null != q.Longitude is null) e.Add(q.Latitude is null ? "lat" : "lon", "Give both lat and lon.");
        if (q.Latitude is < -90 or > 90) e.Add("lat", "Between -90 and 90.");
        if (q.Longitude is < -180 or > 180) e.Add("lon", "Between -180 and 180.");
        if (q.Latitude is null && !string.IsNullOrWhiteSpace(q.Near) && Cities.Find(q.Near) is null) e.Add("near", "A city the locator knows, such as \"Berlin, DE\".");
        if (q.Latitude is null && string.IsNullOrWhiteSpace(q.Near)) e.Add("near", "Give a city (near) or a position (lat and lon).");
        if (q.Country is { Length: > 0 } c && !Iso3166.IsCountry(c)) e.Add("country", "An ISO 3166 country code.");
        if (q.Type is { Length: > 0 } t && PartnerTypeNames.Parse(t) is null) e.Add("type", "Unknown partner type.");
        if (q.Cursor is not null && !(Paging.Decode(q.Cursor, 1) is [var o] && int.TryParse(o, out var offset) && offset >= 0))
            e.Add("cursor", "Not a cursor this list gave out.");
        return e;
    }

    public static async Task<LocatorPage> SearchAsync(ValuewebDb db, LocatorQuery q, CancellationToken ct)
    {
        var city = q.Latitude is null ? Cities.Find(q.Near) : null;
        var lat = q.Latitude ?? city!.Latitude;
        var lon = q.Longitude ?? city!.Longitude;
        var take = Paging.Limit(q.Limit);
        var offset = q.Cursor is null ? 0 : int.Parse(Paging.Decode(q.Cursor, 1)![0], System.Globalization.CultureInfo.InvariantCulture);
        var wanted = offset + take + 1;

        List<Candidate> candidates = [];
        foreach (var radius in RadiiKm)
        {
            candidates = await CandidatesAsync(db, q, lat, lon, radius, ct);
            // Enough hits inside the circle that the box inscribes means no farther partner can rank before them.
            if (candidates.Where(c => Distance(lat, lon, c.Latitude, c.Longitude) <= radius).Select(c => c.PartnerId).Distinct().Count() >= wanted) break;
        }
        var ranked = candidates
            .Select(c => (c, km: Distance(lat, lon, c.Latitude, c.Longitude)))
            .GroupBy(x => x.c.PartnerId).Select(g => g.OrderBy(x => x.km).First())
            .OrderBy(x => Math.Round(x.km, 1)).ThenByDescending(x => x.c.TierRank).ThenBy(x => x.c.DisplayName).ThenBy(x => x.c.PartnerId)
            .Skip(offset).Take(take + 1).ToList();
        var page = ranked.Take(take).ToList();
        var ids = page.Select(p => p.c.PartnerId).ToList();
        var competencies = (await db.Set<PartnerAttribute>().Where(a => ids.Contains(a.PartnerId) && a.Kind == PartnerAttributeKind.Competency)
                .Select(a => new { a.PartnerId, a.Value }).ToListAsync(ct))
            .ToLookup(x => x.PartnerId, x => x.Value);
        var items = page.Select(x => new LocatorHit(x.c.PartnerId, x.c.DisplayName, x.c.Slug, PartnerViews.TypeNames(x.c.Types), x.c.Tier, x.c.Description,
            x.c.Website, x.c.Phone, x.c.City, x.c.Country, Math.Round(x.km, 1), competencies[x.c.PartnerId].Order().ToList())).ToList();
        var next = ranked.Count > take ? Paging.Encode((offset + take).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return new LocatorPage(city?.Key, items, next);
    }

    private sealed record Candidate(Guid PartnerId, string DisplayName, string Slug, PartnerTypes Types, string? Tier, int TierRank, string Description,
        string Website, string Phone, string City, string Country, double Latitude, double Longitude);

    private static Task<List<Candidate>> CandidatesAsync(ValuewebDb db, LocatorQuery q, double lat, double lon, double radiusKm, CancellationToken ct)
    {
        var dLat = radiusKm / 111.0;
        var cos = Math.Cos(lat * Math.PI / 180);
        var dLon = cos < 0.01 || radiusKm > 5000 ? 360 : Math.Min(360, radiusKm / (111.0 * cos));
        double minLat = lat - dLat, maxLat = lat + dLat, minLon = lon - dLon, maxLon = lon + dLon;
        var wrap = minLon < -180 || maxLon > 180;
        // public search: the tenant filter is switched off by name, and only listed, active partners' public fields are read
        var locations = db.PartnerLocations.IgnoreQueryFilters([ValuewebDb.TenantFilter])
            .Where(l => l.Latitude >= minLat && l.Latitude <= maxLat && (wrap || (l.Longitude >= minLon && l.Longitude <= maxLon)));
        var partners = db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => p.Listed);
        if (q.Country is { Length: > 0 } country)
        {
            var c = country.ToUpperInvariant();
            locations = locations.Where(l => l.CountryCode == c);
        }
        if (q.ProductLineId is { } line) partners = partners.Where(p => p.ProductLines.Any(x => x.ProductLineId == line));
        if (q.Competency is { Length: > 0 } competency)
            partners = partners.Where(p => p.Attributes.Any(a => a.Kind == PartnerAttributeKind.Competency && a.Value == competency));
        if (PartnerTypeNames.Parse(q.Type) is { } type) partners = partners.Where(p => (p.Types & type) != 0);
        if (q.TierId is { } tier) partners = partners.Where(p => p.TierId == tier);
        var orgs = db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => o.Status == OrganisationStatus.Active && o.Kind == OrganisationKind.Partner);
        var tiers = db.Tiers;
        return (from l in locations
                join p in partners on l.PartnerId equals p.Id
                join o in orgs on p.Id equals o.Id
                join t in tiers on p.TierId equals t.Id into pt
                from t in pt.DefaultIfEmpty()
                select new Candidate(p.Id, o.DisplayName, o.Slug, p.Types, t == null ? null : t.Name, t == null ? 0 : t.Rank, p.PublicDescription,
                    p.Website, p.Phone, l.City, l.CountryCode, l.Latitude, l.Longitude))
            .AsNoTracking().ToListAsync(ct);
    }

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
