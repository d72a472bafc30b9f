using System.Text.Json;
using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Partners;

namespace Valueweb.Tests.Leads.Routing;

/// <summary>Decisions and their explanations on small, hand-made sets of partners.</summary>
public sealed class RoutingDecisionTests
{
    private static readonly Guid Networks = Guid.Parse("0196a000-0000-7000-8000-000000000001");
    private static readonly Guid Storage = Guid.Parse("0196a000-0000-7000-8000-000000000002");
    private static readonly Guid Gold = Guid.Parse("0196a000-0000-7000-8000-0000000000a3");
    private static readonly GeoPoint Berlin = new(52.52, 13.405);
    private static readonly GeoPoint Munich = new(48.137, 11.575);
    private static readonly GeoPoint Paris = new(48.857, 2.352);

    private static RoutingCandidate Partner(int n, string name, string country = "DE", int rank = 2, double performance = 80,
        string[]? competencies = null, GeoPoint? at = null, Guid? line = null, Guid? tier = null, double weight = 1) => new()
        {
            PartnerId = Guid.Parse($"0196b000-0000-7000-8000-{n:D12}"),
            Name = name,
            Types = PartnerTypes.Reseller,
            TierId = tier,
            TierRank = rank,
            Countries = [country],
            ProductLines = [line ?? Networks],
            Competencies = competencies ?? ["cloud"],
            PerformanceScore = performance,
            Locations = at is { } p ? [p] : [],
            FairnessWeight = weight,
        };

    private static readonly RoutingPolicy Policy = new()
    {
        Steps = [RoutingStep.Territory(), RoutingStep.ProductLine(), RoutingStep.MinimumTier(2), RoutingStep.RequireCompetency("Cloud")],
        Ranking = new RoutingRanking { PerformanceWeight = 2, DistanceWeight = 1, TierWeight = 1, DistanceHorizonKm = 1000 },
        Capacity = new RoutingCapacity { MaxOpenLeads = 3, DailyQuota = 2 },
    };

    private static readonly LeadFacts BerlinLead = new() { LeadId = Guid.Parse("0196c000-0000-7000-8000-000000000001"), Country = "DE", Location = Berlin, ProductLines = [Networks] };

    [Fact]
    public void The_explanation_counts_what_each_step_removed_in_the_policy_order()
    {
        var partners = new[]
        {
            Partner(1, "Alpha", at: Berlin),
            Partner(2, "Bravo", country: "FR", at: Paris),
            Partner(3, "Charlie", line: Storage, at: Munich),
            Partner(4, "Delta", rank: 1, at: Munich),
            Partner(5, "Echo", competencies: ["security"], at: Munich),
            Partner(6, "Foxtrot", at: Munich),
            Partner(7, "Golf", at: Munich),
        };
        var ledger = new CapacityLedger();
        ledger.Set(partners[6].PartnerId, 3, 0, 0);
        var decision = RoutingEngine.Decide(BerlinLead with { DeclinedOrLapsed = [partners[5].PartnerId] }, new RoutingSnapshot(partners), ledger, Policy);

        decision.Steps.Select(s => (s.Step, s.Before, s.Removed)).ShouldBe(
        [
            ("territory", 7, 1), ("productLine", 6, 1), ("minimumTier", 5, 1), ("competency", 4, 1),
            ("declinedOrLapsed", 3, 1), ("walled", 2, 0), ("openLeads", 2, 1), ("dailyQuota", 1, 0),
        ]);
        decision.Steps.Select(s => s.PolicyIndex).ShouldBe([0, 1, 2, 3, null, null, null, null]);
        decision.Eligible.ShouldBe(1);
        decision.WinnerId.ShouldBe(partners[0].PartnerId);
        var text = decision.Explain();
        text.ShouldContain("1. territory (DE): 7 − 1 = 6");
        text.ShouldContain("3. minimumTier (tier rank ≥ 2): 5 − 1 = 4");
        text.ShouldContain("4. competency (Cloud): 4 − 1 = 3");
        text.ShouldContain("-  openLeads: 2 − 1 = 1");
        text.ShouldContain("Winner: Alpha (");
    }

    [Fact]
    public void The_same_counts_come_from_a_full_scan_when_the_policy_does_not_start_with_territory()
    {
        var partners = new[] { Partner(1, "Alpha"), Partner(2, "Bravo", country: "FR"), Partner(3, "Charlie", rank: 1), Partner(4, "Delta", line: Storage) };
        var policy = Policy with { Steps = [RoutingStep.MinimumTier(2), RoutingStep.Territory(), RoutingStep.ProductLine()] };
        var decision = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), policy);
        decision.Steps.Take(3).Select(s => (s.Step, s.Before, s.Removed)).ShouldBe([("minimumTier", 4, 1), ("territory", 3, 1), ("productLine", 2, 1)]);
        decision.WinnerId.ShouldBe(partners[0].PartnerId);
    }

    [Fact]
    public void Top_candidates_are_at_most_five_best_first_with_their_score_components()
    {
        var partners = Enumerable.Range(1, 7).Select(i => Partner(i, $"P{i}", performance: 40 + (i * 5), at: i % 2 == 0 ? Munich : Berlin)).ToArray();
        var decision = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), Policy);

        decision.Top.Count.ShouldBe(5);
        decision.Eligible.ShouldBe(7);
        decision.Top.Select(c => c.Total).ShouldBe(decision.Top.Select(c => c.Total).OrderDescending());
        var best = decision.Top[0];
        best.PartnerId.ShouldBe(partners[6].PartnerId);
        best.DistanceKm.ShouldBe(0);
        best.PerformancePoints.ShouldBe(37.5);  // 75 / 100 × 2 / 4 × 100
        best.DistancePoints.ShouldBe(25);
        best.TierPoints.ShouldBe(0);            // everyone has rank 2: no tier spread
        best.Total.ShouldBe(62.5);
        var munich = decision.Top.First(c => c.PartnerId == partners[5].PartnerId);
        munich.DistanceKm!.Value.ShouldBe(504, 2);
        munich.DistancePoints.ShouldBe(Math.Round(25 * (1 - (munich.DistanceKm.Value / 1000)), 2), 0.01);
        foreach (var c in decision.Top) (c.PerformancePoints + c.DistancePoints + c.TierPoints).ShouldBe(c.Total, 0.02);
        decision.Explain().ShouldContain("1. P7 (" + partners[6].PartnerId + "): total 62.50 = performance 37.50 (score 75) + distance 25.00 (0.0 km) + tier 0.00 (rank 2)");
    }

    [Fact]
    public void Without_positions_distance_is_neutral_for_everyone()
    {
        var partners = new[] { Partner(1, "Near", at: Berlin), Partner(2, "Nowhere") };
        var decision = RoutingEngine.Decide(BerlinLead with { Location = null }, new RoutingSnapshot(partners), new CapacityLedger(), Policy);
        decision.Top.Select(c => c.DistancePoints).ShouldBe([12.5, 12.5]);
        decision.Top.Select(c => c.DistanceKm).ShouldBe([null, null]);
        decision.EqualAtTop.ShouldBe(2);
    }

    [Fact]
    public void Nobody_eligible_falls_back_to_the_policys_fallback()
    {
        var partners = new[] { Partner(1, "Alpha", country: "FR") };
        var queue = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), Policy);
        queue.Outcome.ShouldBe(RoutingOutcome.VendorQueue);
        queue.WinnerId.ShouldBeNull();
        queue.Top.ShouldBeEmpty();
        queue.ExplainToWinner().ShouldBeNull();
        queue.Explain().ShouldContain("No partner was left: the lead goes to the vendor queue.");

        var direct = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), Policy with { Fallback = RoutingFallback.DirectSales });
        direct.Outcome.ShouldBe(RoutingOutcome.DirectSales);
        direct.Explain().ShouldContain("the lead goes to direct sales");

        var empty = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot([]), new CapacityLedger(), Policy);
        empty.Outcome.ShouldBe(RoutingOutcome.VendorQueue);
        empty.Steps[0].Before.ShouldBe(0);
    }

    [Fact]
    public void A_lead_without_the_fact_a_step_compares_matches_nobody_on_that_step()
    {
        var partners = new[] { Partner(1, "Alpha") with { Segments = ["mid"] } };
        var policy = Policy with { Steps = [RoutingStep.Territory(), RoutingStep.Segment()] };
        var decision = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), policy);
        decision.Outcome.ShouldBe(RoutingOutcome.VendorQueue);
        decision.Steps[1].ShouldBe(new RoutingStepResult("segment", null, 1, 1, 1));
        RoutingEngine.Decide(BerlinLead with { Segment = "MID" }, new RoutingSnapshot(partners), new CapacityLedger(), policy).WinnerId.ShouldBe(partners[0].PartnerId);
    }

    [Fact]
    public void The_winners_explanation_gives_its_own_reasons_and_nothing_about_any_other_partner()
    {
        var partners = new[] { Partner(1, "Alpha", at: Berlin, performance: 90), Partner(2, "Bravo", at: Munich), Partner(3, "Charlie", at: Munich, rank: 1), Partner(4, "Delta", country: "FR") };
        var decision = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot(partners), new CapacityLedger(), Policy);
        var view = decision.ExplainToWinner()!;

        view.PartnerId.ShouldBe(partners[0].PartnerId);
        view.Text.ShouldContain("The customer is in DE, a country you cover.");
        view.Text.ShouldContain($"product lines you carry: {Networks}");
        view.Text.ShouldContain("(tier rank ≥ 2; yours is 2)");
        view.Text.ShouldContain("You have the competency Cloud.");
        view.Text.ShouldContain("0 of 3 open leads and 0 of 2 leads today");
        view.Text.ShouldContain("total 95.00 of 100 = performance 45.00 (your score 90) + distance 25.00 (0.0 km from the customer) + tier 25.00 (your tier rank 2)");
        foreach (var other in partners.Skip(1))
        {
            view.Text.ShouldNotContain(other.Name);
            view.Text.ShouldNotContain(other.PartnerId.ToString());
        }
        var vendor = decision.Explain();
        foreach (var shown in partners.Take(2)) vendor.ShouldContain(shown.Name);
        // Nothing that counts or describes the field: no step counts, no equals, no candidates.
        view.Text.ShouldNotContain(" − ");
        view.Text.ShouldNotContain("candidates");
        view.Text.ShouldNotContain("equals of");
        JsonSerializer.Serialize(view).ShouldNotContain(partners[1].PartnerId.ToString());
    }

    [Fact]
    public void Equals_share_leads_in_turn_by_weight_with_partner_id_breaking_ties()
    {
        var partners = new[] { Partner(3, "C"), Partner(1, "A"), Partner(2, "B") };
        var snapshot = new RoutingSnapshot(partners);
        var ledger = new CapacityLedger();
        var policy = Policy with { Capacity = new RoutingCapacity { MaxOpenLeads = 100, DailyQuota = 100 } };
        var winners = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var d = RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy);
            d.EqualAtTop.ShouldBe(3);
            winners.Add(d.Winner!.Name);
            ledger.Record(d.WinnerId!.Value);
        }
        winners.ShouldBe(["A", "B", "C", "A", "B", "C", "A"]);

        var weighted = new RoutingSnapshot([Partner(1, "Double", weight: 2), Partner(2, "Single")]);
        var counts = new CapacityLedger();
        for (var i = 0; i < 30; i++) counts.Record(RoutingEngine.Decide(BerlinLead, weighted, counts, policy).WinnerId!.Value);
        counts[Partner(1, "").PartnerId].AssignedInWindow.ShouldBe(20);
        counts[Partner(2, "").PartnerId].AssignedInWindow.ShouldBe(10);
        var text = RoutingEngine.Decide(BerlinLead, weighted, counts, policy).Explain();
        text.ShouldContain("one of 2 equals of the best; its turn by the rotation (20 ÷ 2 = 10 leads per unit of weight, then partner id)");
    }

    [Fact]
    public void Partners_within_the_equal_band_of_the_best_take_turns()
    {
        var partners = new[] { Partner(1, "Best", performance: 90), Partner(2, "Close", performance: 86), Partner(3, "Far", performance: 60) };
        var policy = Policy with { Ranking = Policy.Ranking with { EqualWithinPoints = 2.5 }, Capacity = new RoutingCapacity { MaxOpenLeads = 100, DailyQuota = 100 } };
        var snapshot = new RoutingSnapshot(partners);
        var ledger = new CapacityLedger();
        var first = RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy);
        first.EqualAtTop.ShouldBe(2);
        first.Top.Select(c => c.EqualOfBest).ShouldBe([true, true, false]);
        ledger.Record(first.WinnerId!.Value);
        RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy).Winner!.Name.ShouldBe("Close");
    }

    [Fact]
    public void Capacity_uses_the_tiers_own_limits_and_a_new_day_restores_the_quota()
    {
        var partners = new[] { Partner(1, "Gold", tier: Gold, performance: 99), Partner(2, "Plain") };
        var policy = Policy with
        {
            Capacity = new RoutingCapacity { MaxOpenLeads = 5, DailyQuota = 1, Tiers = new Dictionary<Guid, TierCapacity> { [Gold] = new() { DailyQuota = 2 } } },
        };
        var snapshot = new RoutingSnapshot(partners);
        var ledger = new CapacityLedger();
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var d = RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy);
            names.Add(d.Winner?.Name ?? "-");
            if (d.WinnerId is { } w) ledger.Record(w);
        }
        names.ShouldBe(["Gold", "Gold", "Plain", "-"]);
        RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy).Steps.Single(s => s.Step == "dailyQuota").Removed.ShouldBe(2);
        ledger.StartDay();
        RoutingEngine.Decide(BerlinLead, snapshot, ledger, policy).Winner!.Name.ShouldBe("Gold");

        var closed = policy with { Capacity = policy.Capacity with { Tiers = new Dictionary<Guid, TierCapacity> { [Gold] = new() { MaxOpenLeads = 0 } } } };
        RoutingEngine.Decide(BerlinLead, snapshot, new CapacityLedger(), closed).Winner!.Name.ShouldBe("Plain");
    }

    [Fact]
    public void Declined_and_walled_partners_are_excluded_and_counted()
    {
        var source = Partner(9, "Referrer", country: "FR");
        var partners = new[] { Partner(1, "Declined", performance: 99), Partner(2, "Rival", performance: 95), Partner(3, "Third"), source };
        var snapshot = new RoutingSnapshot(partners, [new PartnerWall(source.PartnerId, partners[1].PartnerId)]);
        snapshot.WalledFrom(partners[1].PartnerId).ShouldBe([source.PartnerId]);
        var lead = BerlinLead with { DeclinedOrLapsed = [partners[0].PartnerId], AssociatedPartners = [source.PartnerId] };
        var decision = RoutingEngine.Decide(lead, snapshot, new CapacityLedger(), Policy);
        decision.Winner!.Name.ShouldBe("Third");
        decision.Steps.Single(s => s.Step == "declinedOrLapsed").Removed.ShouldBe(1);
        decision.Steps.Single(s => s.Step == "walled").Removed.ShouldBe(1);
        RoutingEngine.Decide(BerlinLead, snapshot, new CapacityLedger(), Policy).Winner!.Name.ShouldBe("Declined");
    }

    [Fact]
    public async Task When_the_database_refuses_the_winner_the_next_partner_gets_the_lead()
    {
        var partners = new[] { Partner(1, "Alpha", performance: 99), Partner(2, "Bravo", performance: 90), Partner(3, "Charlie", performance: 80) };
        var snapshot = new RoutingSnapshot(partners);
        var ledger = new CapacityLedger();
        var asked = new List<Guid>();
        var decision = await RoutingEngine.RouteAsync(BerlinLead, snapshot, ledger, Policy,
            (id, _) => { asked.Add(id); return ValueTask.FromResult(id != partners[0].PartnerId); });

        asked.ShouldBe([partners[0].PartnerId, partners[1].PartnerId]);
        decision.WinnerId.ShouldBe(partners[1].PartnerId);
        decision.Refused.ShouldBe([partners[0].PartnerId]);
        decision.Steps[^1].ShouldBe(new RoutingStepResult("refused", null, null, 3, 1));
        ledger[partners[1].PartnerId].ShouldBe(new PartnerLoad(1, 1, 1));
        ledger[partners[0].PartnerId].ShouldBe(default);
        decision.Explain().ShouldContain("Refused by the capacity check for this lead: " + partners[0].PartnerId);

        var stubborn = await RoutingEngine.RouteAsync(BerlinLead, snapshot, new CapacityLedger(), Policy, (_, _) => ValueTask.FromResult(false), maxAttempts: 2);
        stubborn.Outcome.ShouldBe(RoutingOutcome.VendorQueue);
        stubborn.WinnerId.ShouldBeNull();
        stubborn.Refused.Count.ShouldBe(2);
        stubborn.Explain().ShouldContain("The capacity check refused 2 partners in turn: the lead goes to the vendor queue.");
    }

    [Fact]
    public void A_decision_serialises_with_stable_camel_case_names()
    {
        var decision = RoutingEngine.Decide(BerlinLead, new RoutingSnapshot([Partner(1, "Alpha")]), new CapacityLedger(), Policy);
        var json = JsonSerializer.Serialize(decision, RoutingPolicyJson.Options);
        json.ShouldContain("\"outcome\":\"routed\"");
        json.ShouldContain("\"step\":\"territory\"");
        json.ShouldContain("\"performancePoints\":");
        JsonSerializer.Deserialize<RoutingDecision>(json, RoutingPolicyJson.Options)!.Explain().ShouldBe(decision.Explain());
    }

    [Fact]
    public void Bad_inputs_are_refused_plainly()
    {
        Should.Throw<ArgumentException>(() => new RoutingSnapshot([Partner(1, "A"), Partner(1, "A again")]));
        Should.Throw<ArgumentException>(() => new RoutingSnapshot([Partner(1, "A", weight: 0)]));
        Should.Throw<ArgumentException>(() => new RoutingSnapshot([Partner(1, "A", performance: 101)]));
        Should.Throw<ArgumentException>(() => new RoutingSnapshot([Partner(1, "A", at: new GeoPoint(91, 0))]));
        var snapshot = new RoutingSnapshot([Partner(1, "A")]);
        Should.Throw<ArgumentException>(() => RoutingEngine.Decide(BerlinLead with { Location = new GeoPoint(0, 200) }, snapshot, new CapacityLedger(), Policy));
        Should.Throw<ArgumentException>(() => RoutingEngine.Decide(BerlinLead, snapshot, new CapacityLedger(), Policy with { Capacity = new RoutingCapacity { MaxOpenLeads = 0 } }))
            .Message.ShouldContain("capacity.maxOpenLeads");
    }
}
