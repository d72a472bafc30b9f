namespace Valueweb.Matching;

/// <summary>
/// A company as someone described it: its name, its web or e-mail domains (a bare domain, a URL or an e-mail
/// address are all accepted) and other names it goes by (former names, brands).
/// </summary>
public sealed record CompanyDescription(string Name, IReadOnlyList<string> Domains, IReadOnlyList<string> OtherNames)
{
    public static CompanyDescription Of(string name, params string[] domains) => new(name, domains, []);
}

public enum MatchBasis
{
    None,
    Domain,
    SameName,
    WordOrder,
    SimilarName,
    Acronym,
    OtherName,
}

/// <summary>How alike two descriptions are (0..1), on what basis, and why in words that quote only the query.</summary>
public readonly record struct CompanyMatch(double Score, MatchBasis Basis, string Reason)
{
    public static CompanyMatch None { get; } = new(0, MatchBasis.None, "");
}
