using System.Text.Json;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// One scoring rule of lead qualification: when the lead's <see cref="Field"/> is one of <see cref="Values"/> (country,
/// segment, industry, productInterest, source) or its size lies in <see cref="MinEmployees"/>–<see cref="MaxEmployees"/>
/// (companySize), the lead gets <see cref="Points"/> (negative points count against it), shown to people as <see cref="Label"/>.
/// </summary>
public sealed record QualificationRule
{
    public string Field { get; init; } = "";
    public IReadOnlyList<string>? Values { get; init; }
    public int? MinEmployees { get; init; }
    public int? MaxEmployees { get; init; }
    public int Points { get; init; }
    public string Label { get; init; } = "";
}

/// <summary>
/// The vendor's qualification rules: a lead whose score reaches <see cref="Threshold"/> is qualified and routed to a partner;
/// below it, it stays with the vendor. Stored and edited as JSON (camelCase).
/// </summary>
public sealed record QualificationRules
{
    public const int MaxRules = 100;
    public const int MaxPoints = 1000;
    public const int MaxThreshold = 100_000;
    public const int MaxValues = 500;

    public static readonly IReadOnlyList<string> Fields = ["country", "segment", "industry", "companySize", "productInterest", "source"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Threshold { get; init; }
    public IReadOnlyList<QualificationRule> Rules { get; init; } = [];

    /// <summary>Rules that know nothing of the vendor's markets and products yet: company size and how the lead came in.</summary>
    public static QualificationRules Default { get; } = new()
    {
        Threshold = 30,
        Rules =
        [
            new() { Field = "companySize", MinEmployees = 1000, Points = 40, Label = "Enterprise (1,000 or more employees)" },
            new() { Field = "companySize", MinEmployees = 250, MaxEmployees = 999, Points = 30, Label = "Large company (250–999 employees)" },
            new() { Field = "companySize", MinEmployees = 50, MaxEmployees = 249, Points = 20, Label = "Mid-sized company (50–249 employees)" },
            new() { Field = "companySize", MinEmployees = 0, MaxEmployees = 9, Points = -10, Label = "Very small company (fewer than 10 employees)" },
            new() { Field = "source", Values = ["partner-referral", "referral", "employee-referral"], Points = 25, Label = "Referred to us" },
            new() { Field = "source", Values = ["web", "phone-inquiry", "trade-show", "webinar", "event"], Points = 15, Label = "Asked to be contacted" },
            new() { Field = "source", Values = ["purchased-list"], Points = -20, Label = "From a purchased list" },
        ],
    };

    public static string? Field(string? name) => Fields.FirstOrDefault(f => string.Equals(f, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Field errors keyed by JSON path: "threshold", "rules[1].points", "rules[0].values[2]".</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Threshold is < -MaxThreshold or > MaxThreshold) errors.Add("threshold", $"Between {-MaxThreshold:N0} and {MaxThreshold:N0}.");
        if (Rules is null)
        {
            errors.Add("rules", "Required (an empty list for none).");
            return errors;
        }
        if (Rules.Count > MaxRules) errors.Add("rules", $"At most {MaxRules} rules.");
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var at = $"rules[{i}]";
            if (rule is null)
            {
                errors.Add(at, "Required.");
                continue;
            }
            var field = Field(rule.Field);
            if (field is null) errors.Add($"{at}.field", $"One of {string.Join(", ", Fields)}.");
            else if (field == "companySize")
            {
                if (rule.Values is { Count: > 0 }) errors.Add($"{at}.values", "A size rule has minEmployees and maxEmployees, not values.");
                if (rule.MinEmployees is null && rule.MaxEmployees is null) errors.Add($"{at}.minEmployees", "Give minEmployees, maxEmployees or both.");
                if (rule.MinEmployees is < 0) errors.Add($"{at}.minEmployees", "Zero or more.");
                if (rule.MaxEmployees is < 0) errors.Add($"{at}.maxEmployees", "Zero or more.");
                else if (rule.MaxEmployees < rule.MinEmployees) errors.Add($"{at}.maxEmployees", "At least minEmployees.");
            }
            else
            {
                if (rule.MinEmployees is not null || rule.MaxEmployees is not null)
                    errors.Add($"{at}.minEmployees", "Only a companySize rule has an employee range.");
                if (rule.Values is not { Count: > 0 }) errors.Add($"{at}.values", "At least one value.");
                else if (rule.Values.Count > MaxValues) errors.Add($"{at}.values", $"At most {MaxValues} values.");
                else
                    for (var j = 0; j < rule.Values.Count; j++)
                    {
                        var value = rule.Values[j];
                        if (string.IsNullOrWhiteSpace(value) || LeadText.Key(value).Length == 0) errors.Add($"{at}.values[{j}]", "Required.");
                        else if (value.Length > 200) errors.Add($"{at}.values[{j}]", "At most 200 characters.");
                        else if (field == "country" && CountryNames.Recognise(value) is null)
                            errors.Add($"{at}.values[{j}]", $"Unknown country {LeadText.Quoted(value)}: an ISO 3166 code such as DE, or a country's name.");
                    }
            }
            if (rule.Points == 0 || rule.Points is < -MaxPoints or > MaxPoints) errors.Add($"{at}.points", $"Between {-MaxPoints} and {MaxPoints}, not 0.");
            errors.Require($"{at}.label", rule.Label, 100);
        }
        return errors;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static QualificationRules? FromJson(string json) => JsonSerializer.Deserialize<QualificationRules>(json, Json);
}
