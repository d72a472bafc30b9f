using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
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
        if (q.Latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90)) e.Add("lat", "A number between -90 and 90.");
        if (q.Longitude is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180)) e.Add("lon", "A number between -180 and 180.");
        if (q.Latitude is null && !string.IsNullOrWhiteSpace(q.Near) && Cities.Find(q.Near) is null) e.Add("near", "A city the locator knows, such as \"Berlin, DE\".");
        if (q.Latitude is null && string.IsNullOrWhiteSpace(q.Near)) e.Add("near", "Give a city (near) or a position (lat and lon).");
        if (q.Country is { Length: > 0 } c && !Iso3166.IsCountry(c)) e.Add("country", "An ISO 3166 country code.");
        if (q.Type is { Length: > 0 } t && PartnerTypeNames.Parse(t) is null) e.Add("type", "Unknown partner type.");
        if (q.Cursor is not null && !(Paging.Decode(q.Cursor, 1) is [var o] && int.TryParse(o, out var offset) && offset >= 0))
            e.Add("cursor", "Not a cursor this list gave out.");
        return e;
    }

    /// <summary>A coordinate from a query string ("48.137", invariant culture); null when absent, an error on its field when not a number.</summary>
    public static double? Coordinate(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, field == "lat" ? "A number between -90 and 90." : "A number between -180 and 180.");
        return null;
    }

    /// <summary>The query's problems: those of its coordinates' text first, then the query's own.</summary>
    public static FieldErrors Validate(LocatorQuery q, FieldErrors parsing) => parsing.Any ? parsing : Validate(q);

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
            // Enough partners inside the circle that the box contains means no farther partner can rank before them.
            if (candidates.Where(c => Distance(lat, lon, c.Latitude, c.Longitude) <= radius).Select(c => c.PartnerId).Distinct().Count() >= wanted) break;
        }
        var ranked = candidates
            .Select(c => (c, km: Distance(lat, lon, c.Latitude, c.Longitude)))
            .GroupBy(x => x.c.PartnerId).Select(g => g.OrderBy(x => x.km).First())
            .OrderBy(x => Math.Round(x.km, 1)).ThenByDescending(x => x.c.TierRank).ThenBy(x => x.c.PartnerId)
            .Skip(offset).Take(take + 1).ToList();
        var page = ranked.Take(take).ToList();
        var items = await DetailsAsync(db, page, ct);
        var next = ranked.Count > take ? Paging.Encode((offset + take).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return new LocatorPage(city?.Key, items, next);
    }

    private sealed record Candidate(Guid PartnerId, Guid LocationId, int TierRank, double Latitude, double Longitude);

    /// <summary>Narrow rows from the locator's own table: an index range on latitude, then the filters.</summary>
    private static Task<List<Candidate>> CandidatesAsync(ValuewebDb db, LocatorQuery q, double lat, double lon, double radiusKm, CancellationToken ct)
    {
        var dLat = radiusKm / 111.0;
        var cos = Math.Cos(lat * Math.PI / 180);
        var dLon = cos < 0.01 || radiusKm > 5000 ? 360 : Math.Min(360, radiusKm / (111.0 * cos));
        double minLat = lat - dLat, maxLat = lat + dLat, minLon = lon - dLon, maxLon = lon + dLon;
        var wrap = minLon < -180 || maxLon > 180;
        var entries = db.LocatorEntries.Where(e => e.Latitude >= minLat && e.Latitude <= maxLat);
        if (!wrap && dLon < 360) entries = entries.Where(e => e.Longitude >= minLon && e.Longitude <= maxLon);
        if (q.Country is { Length: > 0 } country)
        {
            var c = country.ToUpperInvariant();
            entries = entries.Where(e => e.CountryCode == c);
        }
        if (PartnerTypeNames.Parse(q.Type) is { } type) entries = entries.Where(e => (e.Types & type) != 0);
        if (q.TierId is { } tier) entries = entries.Where(e => e.TierId == tier);
        if (q.ProductLineId is { } line) entries = entries.Where(e => db.Set<PartnerProductLine>().Any(x => x.PartnerId == e.PartnerId && x.ProductLineId == line));
        if (q.Competency is { Length: > 0 } competency)
            entries = entries.Where(e => db.Set<PartnerAttribute>().Any(a => a.PartnerId == e.PartnerId && a.Kind == PartnerAttributeKind.Competency && a.Value == competency));
        return entries.Select(e => new Candidate(e.PartnerId, e.LocationId, e.TierRank, e.Latitude, e.Longitude)).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>The public fields of one page of hits. The tenant filter is switched off by name: these partners chose to be listed.</summary>
    private static async Task<List<LocatorHit>> DetailsAsync(ValuewebDb db, List<(Candidate c, double km)> page, CancellationToken ct)
    {
        if (page.Count == 0) return [];
        var partnerIds = page.Select(p => p.c.PartnerId).ToList();
        var locationIds = page.Select(p => p.c.LocationId).ToList();
        var partners = await (from p in db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                              join o in db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]) on p.Id equals o.Id
                              join t in db.Tiers on p.TierId equals t.Id into pt
                              from t in pt.DefaultIfEmpty()
                              where partnerIds.Contains(p.Id)
                              select new { p.Id, o.DisplayName, o.Slug, p.Types, Tier = t == null ? null : t.Name, p.PublicDescription, p.Website, p.Phone })
            .AsNoTracking().ToDictionaryAsync(x => x.Id, ct);
        var places = await db.PartnerLocations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(l => locationIds.Contains(l.Id))
            .Select(l => new { l.Id, l.City, l.CountryCode }).AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        var competencies = (await db.Set<PartnerAttribute>().Where(a => partnerIds.Contains(a.PartnerId) && a.Kind == PartnerAttributeKind.Competency)
                .Select(a => new { a.PartnerId, a.Value }).ToListAsync(ct))
            .ToLookup(x => x.PartnerId, x => x.Value);
        return page.Where(x => partners.ContainsKey(x.c.PartnerId)).Select(x =>
        {
            var p = partners[x.c.PartnerId];
            var place = places.GetValueOrDefault(x.c.LocationId);
            return new LocatorHit(p.Id, p.DisplayName, p.Slug, PartnerViews.TypeNames(p.Types), p.Tier, p.PublicDescription, p.Website, p.Phone,
                place?.City ?? "", place?.CountryCode ?? "", Math.Round(x.km, 1), competencies[p.Id].Order().ToList());
        }).ToList();
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
