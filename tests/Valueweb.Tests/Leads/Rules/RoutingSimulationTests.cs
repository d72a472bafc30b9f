using Valueweb.Features.Leads;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Partners;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>The simulation on a hand-made set of partners: capacity and the rotation play out per rule set, the loads it was given stay as they were.</summary>
public sealed class RoutingSimulationTests
{
    private static readonly Guid Line = Guid.Parse("0196a000-0000-7000-8000-000000000001");
    private static readonly Guid Gold = Guid.Parse("0196a000-0000-7000-8000-0000000000a3");
    private static readonly RoutingCandidate Alpha = Partner(1, "Alpha", "DE", Gold);
    private static readonly RoutingCandidate Bravo = Partner(2, "Bravo", "DE", null);
    private static readonly RoutingCandidate Charlie = Partner(3, "Charlie", "FR", null);

    private static RoutingCandidate Partner(int n, string name, string country, Guid? tier) => new()
    {
        PartnerId = Guid.Parse($"0196b000-0000-7000-8000-{n:D12}"),
        Name = name,
        Types = PartnerTypes.Reseller,
        TierId = tier,
        TierRank = tier is null ? 0 : 3,
        Countries = [country],
        ProductLines = [Line],
        PerformanceScore = 50,
    };

    private static SimulatedLead Lead(int n, string country) => new($"lead {n}", $"Customer {n}",
        new LeadFacts { LeadId = Guid.Parse($"0196c000-0000-7000-8000-{n:D12}"), Country = country, ProductLines = [Line] },
        new QualificationFacts(country, null, null, 500, [], "web"));

    private static RoutingPolicy Policy(int dailyQuota) => new()
    {
        Steps = [RoutingStep.Territory(), RoutingStep.ProductLine()],
        Capacity = new RoutingCapacity { MaxOpenLeads = 10, DailyQuota = dailyQuota },
        Ranking = new RoutingRanking { PerformanceWeight = 0, DistanceWeight = 0, TierWeight = 0 },
    };

    private static readonly QualificationRules Everyone = new() { Threshold = 0, Rules = [] };

    private static readonly List<SimulatedLead> Leads = [Lead(1, "DE"), Lead(2, "DE"), Lead(3, "FR"), Lead(4, "DE"), Lead(5, "FR"), Lead(6, "DE")];

    private static (RoutingSimulation Simulation, CapacityLedger Loads) Setup()
    {
        var loads = new CapacityLedger();
        loads.Set(Alpha.PartnerId, 1, 1, 1);
        return (new RoutingSimulation(new RoutingSnapshot([Alpha, Bravo, Charlie]), loads, new Dictionary<Guid, string> { [Gold] = "Gold" }), loads);
    }

    [Fact]
    public void A_daily_quota_of_one_stops_partners_after_one_lead_and_the_rest_fall_back()
    {
        var (simulation, loads) = Setup();
        var result = simulation.Run(Leads, new LeadRuleSet(Everyone, Policy(5)), new LeadRuleSet(Everyone, Policy(1)));

        result.Now.ShouldBe(new SimulationTotals(6, 6, 0, 0, 0));
        result.Proposed.ShouldBe(new SimulationTotals(6, 2, 4, 0, 0), "Alpha already had a lead today; Bravo and Charlie take one each");
        result.Partners.Select(p => (p.Name, p.Tier, p.Now, p.Proposed)).ShouldBe([("Alpha", "Gold", 2, 0), ("Bravo", "No tier", 2, 1), ("Charlie", "No tier", 2, 1)]);
        result.Tiers.ShouldBe([new GroupShare("Gold", 2, 0), new GroupShare("No tier", 4, 2)]);
        result.Countries.ShouldBe([new GroupShare("DE", 4, 1), new GroupShare("FR", 2, 1)]);
        result.Changed.ShouldBe(4);
        result.Examples.Count.ShouldBe(4);
        result.Examples.ShouldAllBe(e => e.Proposed.Outcome == SimulatedOutcome.VendorQueue && e.Explanation!.Contains("dailyQuota"));
        loads[Alpha.PartnerId].ShouldBe(new PartnerLoad(1, 1, 1), "the loads given stay as they were");
    }

    [Fact]
    public void Proposed_qualification_rules_keep_leads_from_partners_and_the_same_rules_change_nothing()
    {
        var (simulation, _) = Setup();
        var germanOnly = new QualificationRules { Threshold = 10, Rules = [new QualificationRule { Field = "country", Values = ["DE"], Points = 10, Label = "German" }] };
        var result = simulation.Run(Leads, new LeadRuleSet(Everyone, Policy(5)), new LeadRuleSet(germanOnly, Policy(5)));
        result.Proposed.ShouldBe(new SimulationTotals(6, 4, 0, 0, 2));
        result.Examples.Where(e => e.Proposed.Outcome == SimulatedOutcome.Unqualified).Select(e => (e.Key, e.Proposed.Score, e.Proposed.Threshold, e.Explanation))
            .ShouldBe([("lead 3", 0, 10, (string?)null), ("lead 5", 0, 10, null)]);

        var same = simulation.Run(Leads, new LeadRuleSet(Everyone, Policy(5)), new LeadRuleSet(Everyone, Policy(5)));
        same.Changed.ShouldBe(0);
        same.Proposed.ShouldBe(same.Now);
        same.Partners.ShouldAllBe(p => p.Change == 0);
    }
}
