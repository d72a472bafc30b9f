using System.Globalization;
using System.Text;

namespace Valueweb.Platform.Api;

/// <summary>
/// Recognises a country as people and exports write it — "DE", "DEU", "Germany", "Deutschland", "USA", "United States of America",
/// "UK", "Great Britain" — and answers its ISO 3166-1 alpha-2 code. Built from the runtime's region data (codes, English and
/// native names) plus the variants that data lacks; compared without case, accents, spaces and punctuation.
/// </summary>
public static class CountryNames
{
    private static readonly Dictionary<string, string> Exact = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> ByKey = new(StringComparer.Ordinal);

    /// <summary>Names the region data lacks: common short forms, former names, ISO's long names with their comma.</summary>
    private static readonly (string Code, string[] Names)[] Variants =
    [
        ("US", ["USA", "U.S.", "U.S.A.", "United States of America", "America", "United States (US)", "Vereinigte Staaten"]),
        ("GB", ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
            "United Kingdom of Great Britain and Northern Ireland", "Grossbritannien", "Vereinigtes Königreich"]),
        ("DE", ["Deutschland", "Federal Republic of Germany", "West Germany"]),
        ("NL", ["Holland", "The Netherlands", "Netherlands (the)", "Nederland"]),
        ("CZ", ["Czech Republic", "Czechia"]),
        ("KR", ["South Korea", "Korea, Republic of", "Republic of Korea", "Korea (South)", "Korea"]),
        ("KP", ["North Korea", "Korea, Democratic People's Republic of"]),
        ("RU", ["Russia", "Russian Federation"]),
        ("AE", ["UAE", "U.A.E.", "Emirates"]),
        ("CI", ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"]),
        ("TR", ["Turkey", "Türkiye", "Turkiye"]),
        ("VN", ["Vietnam", "Viet Nam"]),
        ("HK", ["Hong Kong", "Hong Kong SAR", "Hong Kong SAR China"]),
        ("MO", ["Macau", "Macao", "Macao SAR China"]),
        ("TW", ["Taiwan", "Taiwan, Province of China", "Republic of China"]),
        ("CN", ["China", "PRC", "People's Republic of China", "Mainland China"]),
        ("MK", ["Macedonia", "North Macedonia", "Republic of North Macedonia"]),
        ("SZ", ["Swaziland", "Eswatini"]),
        ("MM", ["Burma", "Myanmar"]),
        ("CV", ["Cape Verde", "Cabo Verde"]),
        ("CD", ["DR Congo", "DRC", "Congo, The Democratic Republic of the", "Democratic Republic of the Congo", "Congo-Kinshasa"]),
        ("CG", ["Republic of the Congo", "Congo-Brazzaville", "Congo"]),
        ("IR", ["Iran", "Iran, Islamic Republic of"]),
        ("SY", ["Syria", "Syrian Arab Republic"]),
        ("LA", ["Laos", "Lao People's Democratic Republic"]),
        ("BO", ["Bolivia", "Bolivia, Plurinational State of"]),
        ("VE", ["Venezuela", "Venezuela, Bolivarian Republic of"]),
        ("TZ", ["Tanzania", "Tanzania, United Republic of"]),
        ("MD", ["Moldova", "Moldova, Republic of"]),
        ("PS", ["Palestine", "Palestine, State of", "Palestinian Territories"]),
        ("VA", ["Vatican", "Vatican City", "Holy See"]),
        ("BN", ["Brunei", "Brunei Darussalam"]),
        ("FM", ["Micronesia", "Micronesia, Federated States of"]),
        ("GR", ["EL", "Hellas"]),
        ("IE", ["Eire", "Republic of Ireland"]),
        ("CH", ["Schweiz", "Suisse", "Svizzera", "Swiss Confederation"]),
        ("AT", ["Österreich", "Oesterreich"]),
        ("ES", ["España", "Espana"]),
        ("BE", ["Belgique", "België", "Belgien"]),
        ("FR", ["Frankreich"]),
        ("IT", ["Italien"]),
        ("TL", ["East Timor", "Timor-Leste"]),
        ("FK", ["Falkland Islands", "Falklands", "Falkland Islands (Malvinas)"]),
        ("PN", ["Pitcairn", "Pitcairn Islands"]),
        ("SH", ["Saint Helena", "St Helena"]),
        ("KN", ["Saint Kitts and Nevis", "St Kitts and Nevis"]),
        ("LC", ["Saint Lucia", "St Lucia"]),
        ("VC", ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines"]),
        ("VG", ["British Virgin Islands", "Virgin Islands, British"]),
        ("VI", ["US Virgin Islands", "U.S. Virgin Islands", "Virgin Islands, U.S."]),
        ("BA", ["Bosnia", "Bosnia-Herzegovina"]),
        ("TT", ["Trinidad", "Trinidad & Tobago"]),
        ("AG", ["Antigua", "Antigua & Barbuda"]),
    ];

    static CountryNames()
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            var code = region.TwoLetterISORegionName;
            if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1])) continue;
            code = code.ToUpperInvariant();
            Add(code, code);
            if (region.ThreeLetterISORegionName is { Length: 3 } alpha3 && char.IsAsciiLetter(alpha3[0])) Add(alpha3, code);
            Add(region.EnglishName, code);
            Add(region.NativeName, code);
        }
        foreach (var (code, names) in Variants)
            foreach (var name in names) Add(name, code, replace: true);
    }

    private static void Add(string name, string code, bool replace = false)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        if (replace) Exact[name] = code;
        else Exact.TryAdd(name, code);
        // Codes are matched exactly only: "IN" must not be found as a word of a name, nor a name's key as a code.
        if (name.Length <= 3 && name.All(char.IsAsciiLetterUpper)) return;
        var key = Key(name);
        if (key.Length <= 3) return;
        if (replace) ByKey[key] = code;
        else ByKey.TryAdd(key, code);
    }

    /// <summary>The alpha-2 code of a country written as a code, an alpha-3 code or a name; null when it is not recognised.</summary>
    public static string? Recognise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.AsSpan().Trim();
        var lookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(trimmed, out var code)) return code;
        var key = Key(trimmed);
        if (key.StartsWith("the", StringComparison.Ordinal) && ByKey.TryGetValue(key[3..], out code)) return code;
        return ByKey.GetValueOrDefault(key);
    }

    /// <summary>A name without case, accents, spaces and punctuation: "Côte d'Ivoire" → "cotedivoire".</summary>
    private static string Key(ReadOnlySpan<char> name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c == '&') key.Append("and");
            else if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }
}
