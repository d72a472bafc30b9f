// Interim stand-in so the app builds while the matching library is written on its own branch; replaced at merge.
namespace Valueweb.Matching;

public sealed record CompanyDescription(string Name, IReadOnlyList<string> Domains, IReadOnlyList<string> OtherNames)
{
    public static CompanyDescription Of(string name, params string[] domains) => new(name, domains, []);
}

public enum MatchBasis { None, Domain, SameName, WordOrder, SimilarName, Acronym, OtherName }

public readonly record struct CompanyMatch(double Score, MatchBasis Basis, string Reason);

public static class CompanyMatcher
{
    public const double DefaultThreshold = 0.85;
    public const double LowestThreshold = 0.6;

    public static CompanyMatch Compare(CompanyDescription query, CompanyDescription candidate)
    {
        var qd = query.Domains.Select(NormaliseDomain).Where(d => d is not null).ToHashSet();
        var hit = candidate.Domains.Select(NormaliseDomain).FirstOrDefault(d => d is not null && qd.Contains(d));
        if (hit is not null) return new(1, MatchBasis.Domain, $"the web domain {hit} is already registered");
        if (NormaliseName(query.Name) == NormaliseName(candidate.Name)) return new(0.98, MatchBasis.SameName, $"the name “{query.Name}” is the same company name");
        return new(0, MatchBasis.None, "");
    }

    public static IReadOnlyList<long> BlockingKeys(CompanyDescription company)
    {
        var keys = new List<long> { Hash("n:" + NormaliseName(company.Name)) };
        foreach (var d in company.Domains.Select(NormaliseDomain)) if (d is not null) keys.Add(Hash("d:" + d));
        return keys;
    }

    public static string NormaliseName(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    public static string? NormaliseDomain(string domainUrlOrEmail)
    {
        var s = domainUrlOrEmail.Trim().ToLowerInvariant();
        if (s.Contains('@', StringComparison.Ordinal)) s = s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (s.StartsWith("www.", StringComparison.Ordinal)) s = s[4..];
        return s.Length == 0 || s == "gmail.com" ? null : s;
    }

    private static long Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return unchecked((long)h);
    }
}
