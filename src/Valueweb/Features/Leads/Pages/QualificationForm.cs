using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Pages;

/// <summary>The qualification rules as the rules and simulation pages edit them: a threshold and numbered rule rows (one empty row to add a rule).</summary>
public sealed class QualificationForm
{
    public string Threshold { get; set; } = "";
    public List<RuleRow> Rules { get; set; } = [];

    public sealed class RuleRow
    {
        public string Position { get; set; } = "";
        public string Field { get; set; } = "";
        public string Values { get; set; } = "";
        public string MinEmployees { get; set; } = "";
        public string MaxEmployees { get; set; } = "";
        public string Points { get; set; } = "";
        public string Label { get; set; } = "";

        public bool IsEmpty => string.IsNullOrWhiteSpace(Field) && string.IsNullOrWhiteSpace(Values) && string.IsNullOrWhiteSpace(MinEmployees)
            && string.IsNullOrWhiteSpace(MaxEmployees) && string.IsNullOrWhiteSpace(Points) && string.IsNullOrWhiteSpace(Label);
    }

    /// <summary>The facts a rule can look at, in the order the form offers them.</summary>
    public static IReadOnlyList<(string Field, string Label)> Fields { get; } =
    [
        ("companySize", "Company size (employees)"),
        ("source", "Source"),
        ("country", "Country"),
        ("segment", "Segment"),
        ("industry", "Industry"),
        ("productInterest", "Product interest"),
    ];

    public static QualificationForm From(QualificationRules rules)
    {
        var form = new QualificationForm
        {
            Threshold = FormValues.Text(rules.Threshold),
            Rules = rules.Rules.Select((r, i) => new RuleRow
            {
                Position = FormValues.Text(i + 1),
                Field = r.Field,
                Values = FormValues.Join(r.Values),
                MinEmployees = FormValues.Text(r.MinEmployees),
                MaxEmployees = FormValues.Text(r.MaxEmployees),
                Points = FormValues.Text(r.Points),
                Label = r.Label,
            }).ToList(),
        };
        form.Rules.Add(new RuleRow { Position = FormValues.Text(form.Rules.Count + 1) });
        return form;
    }

    /// <summary>
    /// Reads the fields into rules, adding an error named like the API's (<c>qualification.rules[2].points</c>) for a
    /// number that cannot be read (it counts as 0). Rows are renumbered in their new order first, so that rule n of
    /// the errors is row n.
    /// </summary>
    public QualificationRules ToRules(FieldErrors errors)
    {
        var rows = FormValues.Ordered(Rules, r => r.Position, r => r.IsEmpty);
        rows = rows.Select((r, i) => new RuleRow
        {
            Position = FormValues.Text(i + 1),
            Field = r.Field ?? "",
            Values = r.Values ?? "",
            MinEmployees = r.MinEmployees ?? "",
            MaxEmployees = r.MaxEmployees ?? "",
            Points = r.Points ?? "",
            Label = r.Label ?? "",
        }).ToList();
        Rules = [.. rows, new RuleRow { Position = FormValues.Text(rows.Count + 1) }];
        var threshold = FormValues.Whole(Threshold, "qualification.threshold", errors);
        var rules = new List<QualificationRule>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var at = $"qualification.rules[{i}]";
            var values = FormValues.List(r.Values);
            rules.Add(new QualificationRule
            {
                Field = r.Field.Trim(),
                Values = values.Count == 0 ? null : values,
                MinEmployees = FormValues.OptionalWhole(r.MinEmployees, at + ".minEmployees", errors),
                MaxEmployees = FormValues.OptionalWhole(r.MaxEmployees, at + ".maxEmployees", errors),
                Points = string.IsNullOrWhiteSpace(r.Points) ? 0 : FormValues.Whole(r.Points, at + ".points", errors),
                Label = r.Label.Trim(),
            });
        }
        return new QualificationRules { Threshold = threshold, Rules = rules };
    }
}
