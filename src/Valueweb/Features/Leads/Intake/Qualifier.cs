using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Intake;

/// <summary>The facts about a lead that qualification looks at; any of them may be unknown.</summary>
public sealed record QualificationFacts(string? Country, string? Segment, string? Industry, int? Employees, IReadOnlyList<string> ProductInterests, string? Source)
{
    public static QualificationFacts Of(LeadDraft lead) =>
        new(lead.Country, lead.Segment, lead.Industry, lead.Employees?.Min, lead.ProductInterests, lead.Source);
}

/// <summary>A rule that counted for a lead, with its points: "+30 Large company (250–999 employees)".</summary>
public sealed record QualificationReason(int Rule, string Label, int Points)
{
    public override string ToString() => $"{(Points > 0 ? "+" : "")}{Points} {Label}";
}

/// <summary>A lead's score, whether it reaches the threshold (and is routed), and the rules that made the score, in rule order.</summary>
public sealed record Qualification(int Score, int Threshold, bool Qualified, IReadOnlyList<QualificationReason> Reasons);

/// <summary>
/// Scores leads by a vendor's <see cref="QualificationRules"/>: every rule whose condition holds adds its points; the lead is
/// qualified when the sum reaches the threshold. Values are compared as people mean them — countries by ISO code ("Germany" =
/// "DE"), sources by key ("Trade Show" = "tradeshow"), other texts without case or punctuation — and a size by the lower end
/// of its range. Build one per rule set and score many leads with it.
/// </summary>
public sealed class Qualifier
{
    private enum Fact
    {
        Country,
        Segment,
        Industry,
        CompanySize,
        ProductInterest,
        Source,
    }

    private sealed record Compiled(int Index, Fact Fact, HashSet<string> Values, int Min, int Max, QualificationRule Rule);

    private readonly Compiled[] rules;
    private readonly int threshold;

    private Qualifier(Compiled[] rules, int threshold)
    {
        this.rules = rules;
        this.threshold = threshold;
    }

    /// <summary>Prepares valid rules for scoring; rules that do not pass <see cref="QualificationRules.Validate"/> are refused.</summary>
    public static Qualifier For(QualificationRules rules)
    {
        var errors = rules.Validate();
        if (errors.Any)
            throw new ArgumentException("Invalid qualification rules: " + string.Join(" ", errors.All.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(rules));
        var compiled = new Compiled[rules.Rules.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            var rule = rules.Rules[i];
            var fact = Enum.Parse<Fact>(QualificationRules.Field(rule.Field)!, ignoreCase: true);
            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in rule.Values ?? [])
                if (Normalise(fact, value) is { } key) values.Add(key);
            compiled[i] = new Compiled(i, fact, values, rule.MinEmployees ?? 0, rule.MaxEmployees ?? int.MaxValue, rule);
        }
        return new Qualifier(compiled, rules.Threshold);
    }

    public static Qualification Score(QualificationFacts lead, QualificationRules rules) => For(rules).Score(lead);

    public static Qualification Score(LeadDraft lead, QualificationRules rules) => For(rules).Score(QualificationFacts.Of(lead));

    public Qualification Score(LeadDraft lead) => Score(QualificationFacts.Of(lead));

    public Qualification Score(QualificationFacts lead)
    {
        var country = Normalise(Fact.Country, lead.Country);
        var segment = Normalise(Fact.Segment, lead.Segment);
        var industry = Normalise(Fact.Industry, lead.Industry);
        var source = Normalise(Fact.Source, lead.Source);
        string?[]? interests = null;
        var reasons = new List<QualificationReason>();
        var score = 0;
        foreach (var rule in rules)
        {
            var holds = rule.Fact switch
            {
                Fact.CompanySize => lead.Employees is { } employees && employees >= rule.Min && employees <= rule.Max,
                Fact.ProductInterest => (interests ??= lead.ProductInterests.Select(p => Normalise(Fact.ProductInterest, p)).ToArray())
                    .Any(p => p is not null && rule.Values.Contains(p)),
                _ => (rule.Fact switch { Fact.Country => country, Fact.Segment => segment, Fact.Industry => industry, _ => source }) is { } value
                    && rule.Values.Contains(value),
            };
            if (!holds) continue;
            score += rule.Rule.Points;
            reasons.Add(new QualificationReason(rule.Index, rule.Rule.Label, rule.Rule.Points));
        }
        return new Qualification(score, threshold, score >= threshold, reasons);
    }

    private static string? Normalise(Fact fact, string? value) => value is null ? null : fact switch
    {
        Fact.Country => CountryNames.Recognise(value),
        Fact.Source => LeadSources.Normalise(value),
        _ => LeadText.Key(value) is { Length: > 0 } key ? key : null,
    };
}
