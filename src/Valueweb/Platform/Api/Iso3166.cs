using System.Globalization;

namespace Valueweb.Platform.Api;

/// <summary>ISO 3166-1 alpha-2 country codes, as the runtime's region data knows them.</summary>
public static class Iso3166
{
    private static readonly HashSet<string> Codes = BuildCodes();

    private static HashSet<string> BuildCodes()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (region.TwoLetterISORegionName.Length == 2 && char.IsLetter(region.TwoLetterISORegionName[0])) set.Add(region.TwoLetterISORegionName);
            }
            catch (ArgumentException)
            {
            }
        }
        return set;
    }

    public static bool IsCountry(string? code) => code is { Length: 2 } && Codes.Contains(code);

    public static string? Name(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
