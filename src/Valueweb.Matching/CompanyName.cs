using System.Globalization;
using System.Text;

namespace Valueweb.Matching;

/// <summary>
/// A company name taken apart for comparison: tokens without case, punctuation, diacritics, a leading "The" and
/// trailing legal forms; its core (without generic words such as Group or Holding); and the initials it can be
/// abbreviated to.
/// </summary>
internal sealed class CompanyName
{
    /// <summary>Legal forms, as tokens after punctuation is removed ("S.A." → "sa", "A/S" → "as").</summary>
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "llc", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "ag", "sa", "sas",
        "sarl", "spa", "srl", "sl", "bv", "nv", "plc", "pty", "pte", "pvt", "kk", "oy", "oyj", "ab", "asa", "as", "aps", "kg", "kgaa", "ohg", "ug",
        "se", "eg", "ev", "sro", "kft", "zrt", "bhd", "sdn", "ltda", "sca", "scs", "cv", "de", "sab", "sae", "nl", "vof", "gesmbh", "pllc", "pc",
        "aktiengesellschaft", "kommanditgesellschaft", "gesellschaft", "limitada", "publ", "na", "oo", "akciova", "spolecnost", "anonima", "anonyme",
    };

    /// <summary>Legal forms spelled out in several words, as token sequences at the end of a name.</summary>
    private static readonly string[][] LegalPhrases =
    [
        ["public", "limited", "company"], ["private", "limited", "company"], ["limited", "liability", "company"], ["limited", "partnership"],
        ["proprietary", "limited"], ["private", "limited"], ["sociedad", "anonima"], ["societe", "anonyme"], ["sp", "z", "oo"], ["spol", "s", "ro"],
        ["mit", "beschrankter", "haftung"], ["naamloze", "vennootschap"], ["kabushiki", "kaisha"], ["societa", "per", "azioni"],
    ];

    /// <summary>"and" in other languages, between words.</summary>
    private static readonly HashSet<string> Ands = new(StringComparer.Ordinal) { "und", "et", "en" };

    /// <summary>Words that describe a company without telling it apart: "Acme" and "Acme Group" are one company.</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "group", "groupe", "gruppe", "grupo", "gruppo", "holding", "holdings", "international", "intl", "global", "worldwide", "enterprises",
        "and",
    };

    /// <summary>Small words that initials skip ("Bank of America" → BA? no: BOA is skipped to BA; both are offered).</summary>
    private static readonly HashSet<string> Small = new(StringComparer.Ordinal) { "and", "of", "the", "for", "und", "et", "de", "der", "die", "des", "du", "la", "le", "y", "van", "von" };

    public string Original { get; }
    /// <summary>All tokens, legal forms kept ("acme", "corp").</summary>
    public IReadOnlyList<string> Raw { get; }
    /// <summary>Tokens without a leading "the" and trailing legal forms.</summary>
    public IReadOnlyList<string> Tokens { get; }
    /// <summary>Tokens without generic words (all tokens when every word is generic).</summary>
    public IReadOnlyList<string> Core { get; }
    public string Compact { get; }
    public string CoreCompact { get; }
    public string SortedCore { get; }
    /// <summary>Initials this name can be abbreviated to (of its core, of its tokens, with and without small words).</summary>
    public IReadOnlyList<string> Initials { get; }
    /// <summary>Set when the whole name is one short token that may be an acronym ("IBM").</summary>
    public string? Acronym { get; }

    private CompanyName(string original, List<string> raw)
    {
        Original = original;
        Raw = raw;
        var tokens = raw.Select((t, i) => i > 0 && i < raw.Count - 1 && Ands.Contains(t) ? "and" : t).ToList();
        if (tokens.Count > 1 && tokens[0] == "the") tokens.RemoveAt(0);
        var stripped = tokens.ToList();
        // Trailing legal forms, in words or abbreviated, and the "&" of "GmbH & Co. KG".
        while (stripped.Count > 1)
        {
            var phrase = LegalPhrases.FirstOrDefault(p => p.Length < stripped.Count && stripped.TakeLast(p.Length).SequenceEqual(p));
            if (phrase is not null) stripped.RemoveRange(stripped.Count - phrase.Length, phrase.Length);
            else if (LegalForms.Contains(stripped[^1]) || stripped[^1] == "and") stripped.RemoveAt(stripped.Count - 1);
            else break;
        }
        Tokens = stripped;
        var core = stripped.Where(t => !Generic.Contains(t)).ToList();
        // "Acme Corporation Holdings": the legal form shows once the generic word is gone.
        while (core.Count > 1 && LegalForms.Contains(core[^1])) core.RemoveAt(core.Count - 1);
        Core = core.Count > 0 ? core : stripped;
        Compact = string.Concat(Tokens);
        CoreCompact = string.Concat(Core);
        SortedCore = string.Join(' ', Core.Order(StringComparer.Ordinal));
        var initials = new HashSet<string>(StringComparer.Ordinal);
        // Initials of the core and of the name without its legal form. (Initials that keep the legal form, as "TSMC"
        // keeps Company, would give every "X Y GmbH" a three-letter key shared by thousands of companies.)
        foreach (var list in new[] { Core, Tokens })
        {
            if (list.Count < 2) continue;
            initials.Add(string.Concat(list.Select(t => t[0])));
            var big = list.Where(t => !Small.Contains(t)).ToList();
            if (big.Count >= 2) initials.Add(string.Concat(big.Select(t => t[0])));
        }
        Initials = initials.Where(i => i.Length >= 2).ToList();
        if (Tokens.Count == 1 && Tokens[0].Length is >= 2 and <= 6 && Tokens[0].All(char.IsAsciiLetter)) Acronym = Tokens[0];
    }

    public static CompanyName Parse(string name) => new(name, Tokenise(name));

    public static string Normalise(string name) => string.Join(' ', Parse(name).Tokens);

    private static List<string> Tokenise(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        foreach (var ch in name.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = char.ToLowerInvariant(ch);
            switch (c)
            {
                case 'ß': text.Append("ss"); break;
                case 'æ': text.Append("ae"); break;
                case 'œ': text.Append("oe"); break;
                case 'ø': text.Append('o'); break;
                case 'ł': text.Append('l'); break;
                case 'đ': text.Append('d'); break;
                case 'þ': text.Append("th"); break;
                case 'ı': text.Append('i'); break;
                case '&' or '+': text.Append(" and "); break;
                // Dots, apostrophes and slashes join: "S.A." → "sa", "O'Neil" → "oneil", "A/S" → "as".
                case '.' or '\'' or '’' or '`' or '/': break;
                default: text.Append(char.IsLetterOrDigit(c) ? c : ' '); break;
            }
        }
        return text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
