using System.Globalization;
using System.Text;

namespace Valueweb.Bench;

/// <summary>An invented end customer: its name as written, the same name without the legal form, its web domain (or none) and country.</summary>
public sealed record InventedCompany(string Name, string Core, string? Suffix, string? Domain, string Country);

/// <summary>
/// Invents end-customer companies from word lists: a coined brand, a family name or a place word, usually an industry,
/// and in most countries a legal form ("GmbH", "S.A.", "Ltd"), with a registrable domain for about 70 % of them.
/// Every core name (the name without its legal form, lower-case letters and digits only) and every domain is used at
/// most once per generator, so two companies never look like one unless the generator says so.
/// </summary>
public sealed class CompanyNames(Random random)
{
    private static readonly string[] Syllables =
    [
        "al", "an", "ar", "ba", "bel", "bor", "ca", "cor", "da", "del", "dor", "ek", "el", "en", "fa", "fel", "gar", "gen", "ha", "hel",
        "il", "in", "jo", "ka", "kel", "kor", "la", "len", "lin", "lu", "ma", "mar", "mer", "mo", "na", "nel", "nor", "o", "or", "pa",
        "per", "qui", "ra", "ren", "ri", "ro", "sa", "sel", "sol", "ta", "ter", "tor", "tra", "u", "va", "vel", "ven", "vi", "xa", "zen",
    ];

    private static readonly string[] Endings = ["a", "o", "ia", "ex", "on", "is", "um", "ar", "en", "ix", "io", "us", ""];

    private static readonly string[] PlaceWords =
    [
        "North", "South", "East", "West", "Blue", "Green", "Red", "Silver", "Golden", "Iron", "Stone", "River", "Lake", "Harbor", "Summit",
        "Alpine", "Cedar", "Oak", "Maple", "Pine", "Birch", "Falcon", "Eagle", "Crown", "Bridge", "Valley", "Coast", "Meadow", "Forest",
        "Granite", "Copper", "Crystal", "Sun", "Star", "Polar", "Atlantic", "Baltic", "Nordic", "Rhine", "Danube", "Elbe", "Thames",
        "Highland", "Lowland", "Bay", "Cape", "Fjord", "Delta", "Prairie", "Canyon", "Orchard", "Mill", "Castle", "Tower", "Anchor",
    ];

    private static readonly string[] FamilyNames =
    [
        "Becker", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Hoffmann", "Krüger", "Dubois", "Moreau", "Lefèvre",
        "Bernard", "Rossi", "Ricci", "Bianchi", "Romano", "García", "Fernández", "López", "Martín", "Jansen", "de Vries", "Bakker",
        "Visser", "Nowak", "Kowalski", "Wiśniewski", "Andersson", "Johansson", "Lindqvist", "Nilsen", "Hansen", "Smith", "Johnson",
        "Brown", "Taylor", "Walker", "Wright", "Carter", "Hughes", "O'Neill", "Murphy", "Keller", "Brunner", "Huber", "Gruber",
        "Novak", "Horvat", "Costa", "Silva", "Ferreira", "Ortiz", "Navarro", "Laurent", "Girard", "Marchetti", "Lombardi",
    ];

    private static readonly string[] Industries =
    [
        "Logistics", "Energy", "Foods", "Pharma", "Systems", "Engineering", "Bank", "Insurance", "Retail", "Textiles", "Construction",
        "Automotive", "Health", "Media", "Chemicals", "Hotels", "Shipping", "Telecom", "Software", "Holdings", "Group", "Industries",
        "Manufacturing", "Capital", "Consulting", "Labs", "Biotech", "Aerospace", "Furniture", "Packaging", "Water", "Solar", "Steel",
        "Farms", "Dairy", "Brewing", "Fashion", "Electronics", "Analytics", "Robotics", "Medical", "Mining", "Paper", "Plastics",
        "Transport", "Travel", "Realty", "Security", "Utilities", "Hospitality", "Education", "Clinics", "Motors", "Optics", "Marine",
    ];

    /// <summary>Countries weighted roughly like a European vendor's customer base, with their legal forms and domain endings.</summary>
    private static readonly (string Code, int Weight, string[] Forms, string Tld)[] Countries =
    [
        ("DE", 20, ["GmbH", "AG", "GmbH & Co. KG", "SE"], "de"),
        ("US", 16, ["Inc.", "LLC", "Corp.", "Inc"], "com"),
        ("GB", 12, ["Ltd", "Limited", "plc", "Ltd."], "co.uk"),
        ("FR", 10, ["SA", "SAS", "SARL"], "fr"),
        ("NL", 6, ["B.V.", "N.V.", "BV"], "nl"),
        ("IT", 6, ["S.p.A.", "S.r.l.", "SRL"], "it"),
        ("ES", 6, ["S.A.", "S.L.", "SL"], "es"),
        ("CH", 4, ["AG", "SA", "GmbH"], "ch"),
        ("AT", 4, ["GmbH", "AG"], "at"),
        ("SE", 4, ["AB"], "se"),
        ("PL", 4, ["Sp. z o.o.", "S.A."], "pl"),
        ("BE", 3, ["NV", "SA", "BV"], "be"),
        ("CA", 3, ["Inc.", "Ltd.", "Corp."], "ca"),
        ("NO", 2, ["AS", "ASA"], "no"),
        ("DK", 2, ["A/S", "ApS"], "dk"),
    ];

    private static readonly int TotalWeight = Countries.Sum(c => c.Weight);

    private readonly HashSet<string> cores = new(StringComparer.Ordinal);
    private readonly HashSet<string> domains = new(StringComparer.Ordinal);

    /// <summary>Marks a company as taken, so this generator never invents it again (new customers unlike existing ones).</summary>
    public void Reserve(InventedCompany company)
    {
        cores.Add(Key(company.Core));
        if (company.Domain is not null) domains.Add(company.Domain);
    }

    /// <summary>A company no other call of this generator gave; a domain with probability <paramref name="withDomain"/>.</summary>
    public InventedCompany Next(double withDomain = 0.7)
    {
        var country = PickCountry();
        string core;
        do core = Core();
        while (!cores.Add(Key(core)));
        // Most companies carry their legal form; US and GB ones less reliably so in everyday use.
        var suffix = random.NextDouble() < 0.8 ? country.Forms[random.Next(country.Forms.Length)] : null;
        string? domain = null;
        if (random.NextDouble() < withDomain)
        {
            var words = Ascii(core).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var label = random.Next(3) switch
            {
                0 => string.Concat(words),
                1 => string.Join('-', words),
                _ => words[0] + (words.Length > 1 ? words[^1] : ""),
            };
            var tld = random.NextDouble() < 0.25 ? "com" : country.Tld;
            domain = $"{label}.{tld}";
            for (var n = 2; !domains.Add(domain); n++) domain = $"{label}{n}.{tld}";
        }
        return new InventedCompany(suffix is null ? core : $"{core} {suffix}", core, suffix, domain, country.Code);
    }

    private (string Code, int Weight, string[] Forms, string Tld) PickCountry()
    {
        var x = random.Next(TotalWeight);
        foreach (var c in Countries)
        {
            if (x < c.Weight) return c;
            x -= c.Weight;
        }
        return Countries[0];
    }

    private string Core() => random.Next(100) switch
    {
        < 40 => $"{Brand()} {Pick(Industries)}",
        < 52 => Brand(),
        < 64 => $"{Pick(PlaceWords)} {Brand()}",
        < 76 => $"{Pick(PlaceWords)} {Pick(PlaceWords)} {Pick(Industries)}",
        < 86 => $"{Pick(FamilyNames)} {Pick(Industries)}",
        < 93 => $"{Pick(FamilyNames)} & {Pick(FamilyNames)}",
        _ => $"{Initials()} {Pick(Industries)}",
    };

    /// <summary>A coined word of two or three syllables: "Velora", "Kortrix".</summary>
    private string Brand()
    {
        var b = new StringBuilder();
        var count = random.Next(100) < 65 ? 2 : 3;
        for (var i = 0; i < count; i++) b.Append(Pick(Syllables));
        b.Append(Pick(Endings));
        var s = b.ToString();
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    private string Initials()
    {
        Span<char> c = stackalloc char[random.Next(2, 5)];
        for (var i = 0; i < c.Length; i++) c[i] = (char)('A' + random.Next(26));
        return new string(c);
    }

    private string Pick(string[] words) => words[random.Next(words.Length)];

    // Variations a partner types for a customer the vendor already knows ------------------------------------------------

    /// <summary>The same name in other letter case: "NORDLICHT ENERGIE GMBH", "nordlicht energie gmbh".</summary>
    public string OtherCase(InventedCompany c) => random.Next(2) == 0 ? c.Name.ToUpperInvariant() : c.Name.ToLowerInvariant();

    /// <summary>The name without its legal form, or with one added when it had none.</summary>
    public string SuffixDropped(InventedCompany c) => c.Suffix is null ? c.Core + " " + PickCountryForm(c.Country) : c.Core;

    /// <summary>One slip in the longest word: two letters swapped, one left out, one doubled or one replaced.</summary>
    public string Typo(InventedCompany c)
    {
        var words = c.Core.Split(' ');
        var w = 0;
        for (var i = 1; i < words.Length; i++) if (words[i].Length > words[w].Length) w = i;
        var word = words[w];
        if (word.Length < 4) return c.Core + "s" + (c.Suffix is null ? "" : " " + c.Suffix);
        var at = random.Next(1, word.Length - 1);
        word = random.Next(4) switch
        {
            0 => word[..at] + word[at + 1] + word[at] + word[(at + 2)..],
            1 => word[..at] + word[(at + 1)..],
            2 => word[..at] + word[at] + word[at..],
            _ => word[..at] + OtherLetter(word[at]) + word[(at + 1)..],
        };
        words[w] = word;
        return string.Join(' ', words) + (c.Suffix is null ? "" : " " + c.Suffix);
    }

    private char OtherLetter(char c)
    {
        char x;
        do x = (char)('a' + random.Next(26));
        while (x == char.ToLowerInvariant(c));
        return x;
    }

    /// <summary>A trading name that alone would not identify the company: its first word, or its initials.</summary>
    public string TradingName(InventedCompany c)
    {
        var words = c.Core.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return random.Next(2) == 0 || words.Length == 1 ? words[0] + " " + Pick(["Group", "Team", "HQ", "Europe"]) : string.Concat(words.Select(x => char.ToUpperInvariant(x[0])));
    }

    private string PickCountryForm(string country)
    {
        var forms = Countries.First(c => c.Code == country).Forms;
        return forms[random.Next(forms.Length)];
    }

    /// <summary>The core name as one comparable string: lower-case letters and digits, accents folded.</summary>
    public static string Key(string core)
    {
        var b = new StringBuilder(core.Length);
        foreach (var ch in Ascii(core)) if (char.IsAsciiLetterOrDigit(ch)) b.Append(char.ToLowerInvariant(ch));
        return b.ToString();
    }

    /// <summary>Folds accents and ligatures to ASCII letters, keeping spaces; drops other punctuation ("&amp;", "'", ".").</summary>
    public static string Ascii(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            switch (ch)
            {
                case 'ß': b.Append("ss"); break;
                case 'ø' or 'Ø': b.Append('o'); break;
                case 'ł' or 'Ł': b.Append('l'); break;
                case ' ': b.Append(' '); break;
                default:
                    if (char.IsAsciiLetterOrDigit(ch)) b.Append(char.ToLowerInvariant(ch));
                    break;
            }
        }
        return b.ToString();
    }
}
