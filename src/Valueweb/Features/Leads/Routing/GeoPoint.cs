namespace Valueweb.Features.Leads.Routing;

/// <summary>A position in decimal degrees (WGS 84).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Mean earth radius used for every distance in routing.</summary>
    public const double EarthRadiusKm = 6371.0;

    public bool IsValid => double.IsFinite(Latitude) && double.IsFinite(Longitude)
        && Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double DistanceKm(GeoPoint other)
    {
        var dLat = (other.Latitude - Latitude) * Math.PI / 180;
        var dLon = (other.Longitude - Longitude) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Latitude * Math.PI / 180) * Math.Cos(other.Latitude * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
