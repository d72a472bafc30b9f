namespace Valueweb.Features.Deals;

/// <summary>The sales region of a customer's country, for pipeline reports: Americas, APAC, or EMEA.</summary>
public static class Regions
{
    private static readonly HashSet<string> Americas = new(StringComparer.Ordinal)
    {
        "US", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "VE", "EC", "UY", "PY", "BO", "CR", "PA", "GT", "HN", "SV", "NI", "DO", "CU", "JM",
        "TT", "BS", "BB", "PR", "HT", "BZ", "GY", "SR",
    };

    private static readonly HashSet<string> Apac = new(StringComparer.Ordinal)
    {
        "CN", "JP", "KR", "IN", "AU", "NZ", "SG", "MY", "TH", "VN", "PH", "ID", "HK", "TW", "PK", "BD", "LK", "NP", "MM", "KH", "LA", "MN",
        "BN", "FJ", "PG", "MO",
    };

    public static string Of(string countryCode) => Americas.Contains(countryCode) ? "Americas" : Apac.Contains(countryCode) ? "APAC" : "EMEA";
}
