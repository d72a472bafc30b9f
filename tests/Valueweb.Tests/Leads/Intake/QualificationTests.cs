using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class QualificationTests
{
    private static readonly QualificationRules Rules = new()
    {
        Threshold = 50,
        Rules =
        [
            new() { Field = "country", Values = ["Germany", "AT", "CHE"], Points = 20, Label = "DACH territory" },
            new() { Field = "segment", Values = ["Mid-Market"], Points = 10, Label = "Mid-market" },
            new() { Field = "industry", Values = ["Manufacturing", "Automotive"], Points = 15, Label = "Target industry" },
            new() { Field = "companySize", MinEmployees = 200, MaxEmployees = 5000, Points = 20, Label = "200–5,000 employees" },
            new() { Field = "productInterest", Values = ["Cloud Suite"], Points = 10, Label = "Wants the cloud suite" },
            new() { Field = "source", Values = ["Purchased List"], Points = -30, Label = "Purchased list" },
        ],
    };

    [Fact]
    public void Every_rule_that_holds_adds_its_points_and_is_given_as_a_reason_in_rule_order()
    {
        var lead = new QualificationFacts("DE", "mid market", "MANUFACTURING", 250, ["Analytics", "cloud suite"], "web");

        var result = Qualifier.Score(lead, Rules);

        result.Score.ShouldBe(75);
        result.Qualified.ShouldBeTrue();
        result.Threshold.ShouldBe(50);
        result.Reasons.Select(r => r.ToString()).ShouldBe(
            ["+20 DACH territory", "+10 Mid-market", "+15 Target industry", "+20 200–5,000 employees", "+10 Wants the cloud suite"]);
        result.Reasons.Select(r => r.Rule).ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public void Negative_points_count_against_a_lead_and_below_the_threshold_it_stays_with_the_vendor()
    {
        var lead = new QualificationFacts("Switzerland", null, "Automotive", 5001, [], "purchased-list");

        var result = Qualifier.Score(lead, Rules);

        result.Score.ShouldBe(5);
        result.Qualified.ShouldBeFalse();
        result.Reasons.Select(r => r.ToString()).ShouldBe(["+20 DACH territory", "+15 Target industry", "-30 Purchased list"]);
    }

    [Fact]
    public void A_score_that_reaches_the_threshold_exactly_qualifies()
    {
        var lead = new QualificationFacts("AT", "Mid-Market", null, 200, ["Cloud Suite"], null);

        Qualifier.Score(lead, Rules).ShouldSatisfyAllConditions(
            r => r.Score.ShouldBe(60),
            r => r.Qualified.ShouldBeTrue());
        Qualifier.Score(lead with { ProductInterests = [] }, Rules with { Threshold = 51 }).Qualified.ShouldBeFalse();
    }

    [Fact]
    public void A_draft_from_a_file_is_scored_by_its_normalised_facts()
    {
        var draft = LeadFiles.Import(LeadFiles.SalesforceApiHeader + "\n" + LeadFiles.SalesforceApiRow + "\n").Single().Draft.ShouldNotBeNull();

        var result = Qualifier.Score(draft, QualificationRules.Default);

        result.Reasons.Select(r => r.Label).ShouldBe(["Large company (250–999 employees)", "Referred to us"]);
        result.Score.ShouldBe(55);
        result.Qualified.ShouldBeTrue();
    }

    [Fact]
    public void Scoring_is_deterministic()
    {
        var qualifier = Qualifier.For(Rules);
        var lead = new QualificationFacts("DE", "Mid-Market", "Automotive", 300, ["Cloud Suite"], "Purchased List");

        var results = Enumerable.Range(0, 5).Select(_ => qualifier.Score(lead)).ToList();

        results.Select(r => (r.Score, string.Join("|", r.Reasons))).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public void A_lead_with_no_known_facts_scores_zero()
    {
        var result = Qualifier.Score(new QualificationFacts(null, null, null, null, [], null), QualificationRules.Default);

        result.Score.ShouldBe(0);
        result.Reasons.ShouldBeEmpty();
        result.Qualified.ShouldBeFalse();
    }

    [Fact]
    public void The_default_rules_are_valid_and_survive_JSON_in_camel_case()
    {
        QualificationRules.Default.Validate().Any.ShouldBeFalse();

        var json = QualificationRules.Default.ToJson();
        var back = QualificationRules.FromJson(json).ShouldNotBeNull();

        json.ShouldContain("\"threshold\":30");
        json.ShouldContain("\"field\":\"companySize\"");
        json.ShouldContain("\"minEmployees\":1000");
        back.Threshold.ShouldBe(QualificationRules.Default.Threshold);
        back.Rules.Count.ShouldBe(QualificationRules.Default.Rules.Count);
        back.ToJson().ShouldBe(json);
    }

    [Fact]
    public void Invalid_rules_get_field_named_errors()
    {
        var rules = new QualificationRules
        {
            Threshold = 1_000_000,
            Rules =
            [
                new() { Field = "shoeSize", Values = ["42"], Points = 5, Label = "Big feet" },
                new() { Field = "source", Values = ["web"], Points = 0, Label = "" },
                new() { Field = "companySize", Values = ["large"], MinEmployees = 500, MaxEmployees = 100, Points = 10, Label = "Size" },
                new() { Field = "country", Values = ["DE", "Atlantis", " "], Points = 10, Label = "Territory" },
                new() { Field = "industry", Points = 10, Label = "No values", MinEmployees = 3 },
                new() { Field = "companySize", Points = 10, Label = "No range" },
            ],
        };

        var errors = rules.Validate().All;

        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(
        [
            "rules[0].field", "rules[1].label", "rules[1].points", "rules[2].maxEmployees", "rules[2].values", "rules[3].values[1]",
            "rules[3].values[2]", "rules[4].minEmployees", "rules[4].values", "rules[5].minEmployees", "threshold",
        ]);
        errors["rules[3].values[1]"].Single().ShouldStartWith("Unknown country 'Atlantis'");
        errors["rules[0].field"].Single().ShouldBe("One of country, segment, industry, companySize, productInterest, source.");
        Should.Throw<ArgumentException>(() => Qualifier.For(rules));
    }
}
