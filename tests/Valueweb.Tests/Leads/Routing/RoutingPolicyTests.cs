using Valueweb.Features.Leads.Routing;

namespace Valueweb.Tests.Leads.Routing;

/// <summary>Routing policies as the vendor edits them: JSON in and out, and field-named validation errors.</summary>
public sealed class RoutingPolicyTests
{
    private static readonly Guid Gold = Guid.Parse("0196a000-0000-7000-8000-0000000000a3");

    private static readonly RoutingPolicy Good = new()
    {
        Steps =
        [
            RoutingStep.Territory(), RoutingStep.ProductLine(), RoutingStep.PartnerType("reseller", "valueAddedReseller"),
            RoutingStep.MinimumTier(2), RoutingStep.RequireCompetency("Cloud"), RoutingStep.RequireCertification("Network expert"),
        ],
        Fallback = RoutingFallback.DirectSales,
        Ranking = new RoutingRanking { PerformanceWeight = 3, DistanceWeight = 1, TierWeight = 1, EqualWithinPoints = 2 },
        Capacity = new RoutingCapacity { MaxOpenLeads = 20, DailyQuota = 5, Tiers = new Dictionary<Guid, TierCapacity> { [Gold] = new() { DailyQuota = 10 } } },
    };

    private static IEnumerable<string> Fields(RoutingPolicy policy) => policy.Validate().Select(e => e.Field);

    [Fact]
    public void A_good_policy_has_no_errors_and_survives_a_trip_through_json()
    {
        Good.Validate().ShouldBeEmpty();
        var json = RoutingPolicyJson.ToJson(Good);
        json.ShouldContain("\"kind\":\"territory\"");
        json.ShouldContain("\"kind\":\"minimumTier\",\"minimumTierRank\":2");
        json.ShouldContain("\"fallback\":\"directSales\"");
        json.ShouldContain("\"performanceWeight\":3");
        json.ShouldContain($"\"{Gold}\":{{\"dailyQuota\":10}}");
        json.ShouldNotContain("null");
        var (back, errors) = RoutingPolicyJson.Parse(json);
        errors.ShouldBeEmpty();
        RoutingPolicyJson.ToJson(back!).ShouldBe(json);
    }

    [Fact]
    public void A_policy_written_by_hand_reads_with_defaults()
    {
        var (policy, errors) = RoutingPolicyJson.Parse("""{"steps":[{"kind":"territory"},{"kind":"competency","competency":"Security"}]}""");
        errors.ShouldBeEmpty();
        policy!.Steps.Select(s => s.Kind).ShouldBe([RoutingStepKind.Territory, RoutingStepKind.Competency]);
        policy.Fallback.ShouldBe(RoutingFallback.VendorQueue);
        policy.Capacity.MaxOpenLeads.ShouldBe(10);
        policy.Ranking.PerformanceWeight.ShouldBe(1);
    }

    [Fact]
    public void Each_mistake_in_a_step_is_named_by_its_field()
    {
        var policy = Good with
        {
            Steps =
            [
                RoutingStep.Territory(),
                new RoutingStep { Kind = (RoutingStepKind)99 },
                RoutingStep.PartnerType(),
                RoutingStep.PartnerType("reseller", "pirate"),
                new RoutingStep { Kind = RoutingStepKind.MinimumTier },
                RoutingStep.RequireCompetency("  "),
                new RoutingStep { Kind = RoutingStepKind.Certification },
                RoutingStep.Territory(),
                RoutingStep.RequireCompetency("cloud"),
                RoutingStep.RequireCompetency("CLOUD "),
                null!,
                RoutingStep.ProductLine() with { Competency = "Cloud" },
            ],
        };
        Fields(policy).ShouldBe(
        [
            "steps[1].kind", "steps[2].partnerTypes", "steps[3].partnerTypes[1]", "steps[4].minimumTierRank",
            "steps[5].competency", "steps[6].certification", "steps[7]", "steps[9]", "steps[10]", "steps[11].competency",
        ]);
        policy.Validate().Single(e => e.Field == "steps[7]").Message.ShouldBe("Repeats steps[0].");
    }

    [Fact]
    public void Ranking_capacity_and_fallback_mistakes_are_named_by_their_fields()
    {
        var policy = Good with
        {
            Fallback = (RoutingFallback)7,
            Ranking = new RoutingRanking { PerformanceWeight = -1, DistanceWeight = double.NaN, DistanceHorizonKm = 0, EqualWithinPoints = 101 },
            Capacity = new RoutingCapacity
            {
                MaxOpenLeads = 0,
                DailyQuota = -2,
                Tiers = new Dictionary<Guid, TierCapacity> { [Gold] = new() { MaxOpenLeads = -1, DailyQuota = 0 }, [Guid.Empty] = new() { DailyQuota = 1 } },
            },
        };
        Fields(policy).ShouldBe(
        [
            "fallback", "ranking.performanceWeight", "ranking.distanceWeight", "ranking.distanceHorizonKm", "ranking.equalWithinPoints",
            "capacity.maxOpenLeads", "capacity.dailyQuota", $"capacity.tiers.{Guid.Empty}", $"capacity.tiers.{Gold}.maxOpenLeads",
        ]);
        Fields(Good with { Steps = null!, Ranking = null!, Capacity = null! }).ShouldBe(["steps", "ranking", "capacity"]);
        Fields(Good with { Steps = [.. Enumerable.Range(0, 33).Select(RoutingStep.MinimumTier)] }).ShouldBe(["steps"]);
    }

    [Fact]
    public void Unreadable_json_is_named_by_the_field_where_reading_stopped()
    {
        RoutingPolicyJson.Parse("""{"steps":[{"kind":"territory"},{"kind":"productLine"},{"kind":"territorry"}]}""")
            .Errors.Single().Field.ShouldBe("steps[2].kind");
        RoutingPolicyJson.Parse("""{"capacity":{"maxOpenLeads":"many"}}""").Errors.Single().Field.ShouldBe("capacity.maxOpenLeads");
        RoutingPolicyJson.Parse("""{"steps":[{"kind":3}]}""").Errors.Single().Field.ShouldBe("steps[0].kind");
        RoutingPolicyJson.Parse("null").Errors.Single().Field.ShouldBe("");
        var (policy, errors) = RoutingPolicyJson.Parse("""{"steps":[{"kind":"minimumTier"}]}""");
        policy.ShouldBeNull();
        errors.Single().Field.ShouldBe("steps[0].minimumTierRank");
    }
}
