namespace Valueweb.Features.Locator;

public sealed record City(string Name, string CountryCode, double Latitude, double Longitude)
{
    public string Key => $"{Name}, {CountryCode}";
}

/// <summary>The cities the product ships with their coordinates: the locator searches near them.</summary>
public static class Cities
{
    public static IReadOnlyList<City> All { get; } =
    [
        new("Berlin", "DE", 52.5200, 13.4050),
        new("Munich", "DE", 48.1351, 11.5820),
        new("Hamburg", "DE", 53.5511, 9.9937),
        new("Frankfurt", "DE", 50.1109, 8.6821),
        new("Cologne", "DE", 50.9375, 6.9603),
        new("Stuttgart", "DE", 48.7758, 9.1829),
        new("Paris", "FR", 48.8566, 2.3522),
        new("Lyon", "FR", 45.7640, 4.8357),
        new("Marseille", "FR", 43.2965, 5.3698),
        new("Toulouse", "FR", 43.6047, 1.4442),
        new("London", "GB", 51.5074, -0.1278),
        new("Manchester", "GB", 53.4808, -2.2426),
        new("Birmingham", "GB", 52.4862, -1.8904),
        new("Edinburgh", "GB", 55.9533, -3.1883),
        new("Amsterdam", "NL", 52.3676, 4.9041),
        new("Rotterdam", "NL", 51.9244, 4.4777),
        new("Utrecht", "NL", 52.0907, 5.1214),
        new("Brussels", "BE", 50.8503, 4.3517),
        new("Antwerp", "BE", 51.2194, 4.4025),
        new("Madrid", "ES", 40.4168, -3.7038),
        new("Barcelona", "ES", 41.3874, 2.1686),
        new("Valencia", "ES", 39.4699, -0.3763),
        new("Seville", "ES", 37.3891, -5.9845),
        new("Milan", "IT", 45.4642, 9.1900),
        new("Rome", "IT", 41.9028, 12.4964),
        new("Turin", "IT", 45.0703, 7.6869),
        new("Naples", "IT", 40.8518, 14.2681),
        new("Zurich", "CH", 47.3769, 8.5417),
        new("Geneva", "CH", 46.2044, 6.1432),
        new("Vienna", "AT", 48.2082, 16.3738),
        new("Graz", "AT", 47.0707, 15.4395),
        new("Stockholm", "SE", 59.3293, 18.0686),
        new("Gothenburg", "SE", 57.7089, 11.9746),
        new("Copenhagen", "DK", 55.6761, 12.5683),
        new("Oslo", "NO", 59.9139, 10.7522),
        new("Helsinki", "FI", 60.1699, 24.9384),
        new("Warsaw", "PL", 52.2297, 21.0122),
        new("Krakow", "PL", 50.0647, 19.9450),
        new("Prague", "CZ", 50.0755, 14.4378),
        new("Dublin", "IE", 53.3498, -6.2603),
        new("Lisbon", "PT", 38.7223, -9.1393),
        new("Porto", "PT", 41.1579, -8.6291),
        new("New York", "US", 40.7128, -74.0060),
        new("Chicago", "US", 41.8781, -87.6298),
        new("San Francisco", "US", 37.7749, -122.4194),
        new("Austin", "US", 30.2672, -97.7431),
        new("Boston", "US", 42.3601, -71.0589),
        new("Seattle", "US", 47.6062, -122.3321),
        new("Atlanta", "US", 33.7490, -84.3880),
        new("Toronto", "CA", 43.6532, -79.3832),
        new("Montreal", "CA", 45.5019, -73.5674),
        new("Vancouver", "CA", 49.2827, -123.1207),
        new("Mexico City", "MX", 19.4326, -99.1332),
        new("Sao Paulo", "BR", -23.5505, -46.6333),
        new("Buenos Aires", "AR", -34.6037, -58.3816),
        new("Tokyo", "JP", 35.6762, 139.6503),
        new("Osaka", "JP", 34.6937, 135.5023),
        new("Singapore", "SG", 1.3521, 103.8198),
        new("Sydney", "AU", -33.8688, 151.2093),
        new("Melbourne", "AU", -37.8136, 144.9631),
        new("Mumbai", "IN", 19.0760, 72.8777),
        new("Bangalore", "IN", 12.9716, 77.5946),
        new("Dubai", "AE", 25.2048, 55.2708),
        new("Johannesburg", "ZA", -26.2041, 28.0473),
    ];

    public static City? Find(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var k = key.Trim();
        return All.FirstOrDefault(c => string.Equals(c.Key, k, StringComparison.OrdinalIgnoreCase))
            ?? All.FirstOrDefault(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase));
    }
}
