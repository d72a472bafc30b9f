using System.Text;

namespace Valueweb.Matching;

/// <summary>
/// Decides whether two descriptions are the same end customer. A shared registrable web or e-mail domain is a
/// match; otherwise names (and other names) are compared after normalisation: the same name, the same name but
/// for generic words, the same words in another order, one typo in a long enough name, or an acronym. Names that
/// share words but differ in a distinctive one (Siemens / Siemens Energy, General Motors / General Mills) do not match.
/// </summary>
public static class CompanyMatcher
{
    public const double DefaultThreshold = 0.85;
    public const double LowestThreshold = 0.6;

    /// <summary>Typos are forgiven only in names at least this long (compact, without spaces): short names differ by a letter.</summary>
    private const int TypoMinLength = 6;

    /// <summary>A one-word name needs more letters: Mattel and Martel, Garmin and Carmin are different companies.</summary>
    private const int OneWordTypoMinLength = 8;

    /// <summary>Keys cover only this many leading characters of a compact name; a typo further on leaves the prefix equal.</summary>
    private const int KeyPrefix = 24;

    public static string NormaliseName(string name) => CompanyName.Normalise(name);

    public static string? NormaliseDomain(string domainUrlOrEmail) => Domains.Registrable(domainUrlOrEmail);

    public static CompanyMatch Compare(CompanyDescription query, CompanyDescription candidate)
    {
        var theirs = candidate.Domains.Select(Domains.Registrable).Where(d => d is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var sent in query.Domains)
            if (Domains.Registrable(sent) is { } d && theirs.Contains(d))
                return new CompanyMatch(1.0, MatchBasis.Domain, sent.Contains('@', StringComparison.Ordinal)
                    ? $"the e-mail domain {d} belongs to a registered company"
                    : $"the web domain {d} belongs to a registered company");

        var best = CompanyMatch.None;
        var queryNames = Names(query);
        var candidateNames = Names(candidate);
        for (var i = 0; i < queryNames.Count; i++)
            for (var j = 0; j < candidateNames.Count; j++)
            {
                var m = CompareNames(queryNames[i], candidateNames[j]);
                if (m.Score <= best.Score) continue;
                best = i == 0 && j == 0 ? m : new CompanyMatch(m.Score * 0.98, MatchBasis.OtherName,
                    $"the name “{queryNames[i].Original}” is another name (a former name or brand) of a registered company");
            }
        return best;
    }

    private static List<CompanyName> Names(CompanyDescription d)
    {
        var list = new List<CompanyName>(1 + d.OtherNames.Count) { CompanyName.Parse(d.Name) };
        foreach (var other in d.OtherNames) if (!string.IsNullOrWhiteSpace(other)) list.Add(CompanyName.Parse(other));
        return list;
    }

    private static CompanyMatch CompareNames(CompanyName q, CompanyName c)
    {
        if (q.Tokens.Count == 0 || c.Tokens.Count == 0) return CompanyMatch.None;
        var quoted = $"“{q.Original.Trim()}”";
        if (q.Compact == c.Compact)
            return new(0.98, MatchBasis.SameName, $"the name {quoted} is the same company name once case, punctuation and legal forms are set aside");
        if (q.CoreCompact == c.CoreCompact)
            return new(0.95, MatchBasis.SameName, $"the name {quoted} is the same company name apart from words such as Group or Holding");
        if (q.SortedCore == c.SortedCore)
            return new(0.92, MatchBasis.WordOrder, $"the name {quoted} has the words of a registered company's name in another order");
        var typoMin = q.Core.Count == 1 || c.Core.Count == 1 ? OneWordTypoMinLength : TypoMinLength;
        if (q.CoreCompact.Length >= typoMin && c.CoreCompact.Length >= typoMin && WithinOneEdit(q.CoreCompact, c.CoreCompact) && SameWordCount(q, c))
            return new(0.88, MatchBasis.SimilarName, $"the name {quoted} differs from a registered company's name by one letter");
        // Two letters are too ambiguous to call a conflict (GM: General Motors or General Mills?).
        if (q.Acronym is { Length: >= 3 } qa && c.Initials.Contains(qa))
            return new(0.9, MatchBasis.Acronym, $"{quoted} is the acronym of a registered company's name");
        if (c.Acronym is { Length: >= 3 } ca && q.Initials.Contains(ca))
            return new(0.9, MatchBasis.Acronym, $"the initials of {quoted} are a registered company's name");
        return CompanyMatch.None;
    }

    /// <summary>A typo keeps the number of words, or joins/splits one ("Micro Soft" / "Microsoft" is caught earlier).</summary>
    private static bool SameWordCount(CompanyName a, CompanyName b) => Math.Abs(a.Core.Count - b.Core.Count) <= (a.Core.Count == 1 || b.Core.Count == 1 ? 0 : 1);

    /// <summary>One substitution, insertion, deletion or swap of neighbours.</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }

    /// <summary>
    /// 64-bit keys such that any two descriptions that can match share one: each domain; per name its compact form,
    /// its core, its sorted core, every one-letter deletion of its (prefix of the) compact core, and its initials or acronym.
    /// </summary>
    public static IReadOnlyList<long> BlockingKeys(CompanyDescription company)
    {
        var keys = new HashSet<long>();
        foreach (var d in company.Domains) if (Domains.Registrable(d) is { } domain) keys.Add(Hash("d", domain));
        foreach (var name in Names(company))
        {
            if (name.Tokens.Count == 0) continue;
            keys.Add(Hash("n", name.Compact));
            keys.Add(Hash("n", name.CoreCompact));
            keys.Add(Hash("s", name.SortedCore));
            if (name.CoreCompact.Length >= TypoMinLength)
            {
                var prefix = name.CoreCompact.Length > KeyPrefix ? name.CoreCompact[..KeyPrefix] : name.CoreCompact;
                keys.Add(Hash("t", prefix));
                for (var i = 0; i < prefix.Length; i++) keys.Add(Hash("t", string.Concat(prefix.AsSpan(0, i), prefix.AsSpan(i + 1))));
            }
            foreach (var initials in name.Initials.Where(i => i.Length >= 3)) keys.Add(Hash("a", initials));
            if (name.Acronym is { Length: >= 3 } acronym) keys.Add(Hash("a", acronym));
        }
        return keys.ToList();
    }

    /// <summary>FNV-1a over the UTF-8 bytes of "kind:value": stable across processes, versions and machines.</summary>
    internal static long Hash(string kind, string value)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(kind + ":" + value))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return unchecked((long)h);
    }
}
