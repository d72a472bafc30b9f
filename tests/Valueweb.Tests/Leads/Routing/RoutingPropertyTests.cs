using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Valueweb.Features.Leads.Routing;

namespace Valueweb.Tests.Leads.Routing;

/// <summary>
/// Properties of the routing engine over random partners, walls, policies and runs of leads (300 worlds each),
/// checked against <see cref="RoutingOracle"/>, the rules restated plainly.
/// </summary>
public sealed class RoutingPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static void Holds<T>(Gen<T> worlds, Action<T> property) => Check.One(Runs, Prop.ForAll(Arb.From(worlds), property));

    /// <summary>Plays the world's events through the engine; <paramref name="check"/> sees each decision before it is recorded.</summary>
    private static void Replay(RoutingWorld world, Action<LeadFacts, RoutingDecision, RoutingOracle.Model> check)
    {
        var snapshot = new RoutingSnapshot(world.Partners, world.Walls);
        var ledger = new CapacityLedger();
        var model = new RoutingOracle.Model();
        foreach (var e in world.Events)
        {
            if (e.NewDay)
            {
                ledger.StartDay();
                model.NewDay();
            }
            else if (e.Lead is null)
            {
                if (world.Partners.Count > 0 && model.Release(world.Partners[e.ReleaseIndex].PartnerId)) ledger.Release(world.Partners[e.ReleaseIndex].PartnerId);
            }
            else
            {
                var decision = RoutingEngine.Decide(e.Lead, snapshot, ledger, world.Policy);
                check(e.Lead, decision, model);
                if (decision.WinnerId is { } winner)
                {
                    ledger.Record(winner);
                    model.Assign(winner);
                }
            }
        }
    }

    [Fact]
    public void An_assignment_meets_every_eligibility_step_and_never_goes_to_an_excluded_partner() =>
        Holds(RoutingGenerators.World, world => Replay(world, (lead, decision, model) =>
        {
            var available = world.Partners
                .Where(p => RoutingOracle.Eligible(world.Policy, p, lead) && !RoutingOracle.Excluded(p, lead, world.Walls) && RoutingOracle.HasRoom(world.Policy, p, model))
                .Select(p => p.PartnerId).ToHashSet();
            decision.Eligible.ShouldBe(available.Count, $"lead {lead}");
            if (decision.WinnerId is not { } winner)
            {
                available.ShouldBeEmpty();
                decision.Outcome.ShouldBe(world.Policy.Fallback == RoutingFallback.DirectSales ? RoutingOutcome.DirectSales : RoutingOutcome.VendorQueue);
                return;
            }
            var partner = world.Partners.Single(p => p.PartnerId == winner);
            foreach (var step in world.Policy.Steps)
            {
                RoutingOracle.MeetsStep(step, partner, lead).ShouldBeTrue($"winner {winner} breaks {RoutingPolicyJson.Name(step.Kind)} for lead {lead}");
            }
            RoutingOracle.Excluded(partner, lead, world.Walls).ShouldBeFalse($"winner {winner} is excluded for lead {lead}");
            available.ShouldContain(winner);
        }));

    [Fact]
    public void Routing_never_takes_a_partner_past_its_open_lead_capacity_or_daily_quota() =>
        Holds(RoutingGenerators.World, world =>
        {
            var ledger = new CapacityLedger();
            var snapshot = new RoutingSnapshot(world.Partners, world.Walls);
            var model = new RoutingOracle.Model();
            foreach (var e in world.Events)
            {
                if (e.NewDay)
                {
                    ledger.StartDay();
                    model.NewDay();
                    continue;
                }
                if (e.Lead is null)
                {
                    if (world.Partners.Count > 0 && model.Release(world.Partners[e.ReleaseIndex].PartnerId)) ledger.Release(world.Partners[e.ReleaseIndex].PartnerId);
                    continue;
                }
                if (RoutingEngine.Decide(e.Lead, snapshot, ledger, world.Policy).WinnerId is not { } winner) continue;
                ledger.Record(winner);
                model.Assign(winner);
                var partner = world.Partners.Single(p => p.PartnerId == winner);
                model.Open(winner).ShouldBeLessThanOrEqualTo(world.Policy.Capacity.OpenLeadLimit(partner.TierId), $"open leads of {winner}");
                model.Today(winner).ShouldBeLessThanOrEqualTo(world.Policy.Capacity.DailyQuotaFor(partner.TierId), $"leads today of {winner}");
                ledger[winner].ShouldBe(new PartnerLoad(model.Open(winner), model.Today(winner), model.Total(winner)));
            }
        });

    [Fact]
    public void Equal_partners_with_equal_weights_never_differ_by_more_than_one_lead() =>
        Holds(RoutingGenerators.WorldWithEquals(Gen.Constant(1.0)), x =>
        {
            var (world, equals) = x;
            Replay(world, (_, decision, model) =>
            {
                if (decision.WinnerId is { } w && equals.Contains(w)) decision.Winner!.EqualOfBest.ShouldBeTrue();
                var counts = equals.Select(model.Total).ToList();
                (counts.Max() - counts.Min()).ShouldBeLessThanOrEqualTo(1, $"counts among equals: {string.Join(", ", counts)}");
            });
        });

    [Fact]
    public void Equal_partners_with_weights_never_drift_more_than_one_lead_per_unit_of_weight_apart() =>
        Holds(RoutingGenerators.WorldWithEquals(Gen.Elements(1.0, 2.0, 3.0, 0.5)), x =>
        {
            var (world, equals) = x;
            var weights = world.Partners.Where(p => equals.Contains(p.PartnerId)).ToDictionary(p => p.PartnerId, p => p.FairnessWeight);
            Replay(world, (_, _, model) =>
            {
                foreach (var i in equals)
                {
                    foreach (var j in equals)
                    {
                        var gap = (model.Total(i) / weights[i]) - (model.Total(j) / weights[j]);
                        gap.ShouldBeLessThanOrEqualTo((1 / weights[i]) + 1e-9, $"{i} ({model.Total(i)} ÷ {weights[i]}) against {j} ({model.Total(j)} ÷ {weights[j]})");
                    }
                }
            });
        });

    [Fact]
    public void The_winner_scores_within_the_equal_band_of_the_best_available_partner() =>
        Holds(RoutingGenerators.World, world => Replay(world, (lead, decision, model) =>
        {
            if (decision.WinnerId is not { } winner) return;
            var totals = world.Partners
                .Where(p => RoutingOracle.Eligible(world.Policy, p, lead) && !RoutingOracle.Excluded(p, lead, world.Walls) && RoutingOracle.HasRoom(world.Policy, p, model))
                .ToDictionary(p => p.PartnerId, p => RoutingOracle.Total(world.Policy, p, lead, world.Partners));
            totals[winner].ShouldBeGreaterThanOrEqualTo(totals.Values.Max() - world.Policy.Ranking.EqualWithinPoints - 0.011);
            foreach (var c in decision.Top) c.Total.ShouldBe(totals[c.PartnerId], 0.0051, $"total of {c.PartnerId}");
        }));

    [Fact]
    public void The_same_inputs_give_the_same_decision_whatever_order_partners_and_walls_come_in() =>
        Holds(RoutingGenerators.World.SelectMany(w => Gen.Shuffle(w.Partners.ToArray()), (w, order) => (w, order)), x =>
        {
            var (world, order) = x;
            var first = new RoutingSnapshot(world.Partners, world.Walls);
            var second = new RoutingSnapshot(order, world.Walls.Reverse().Select(w => new PartnerWall(w.PartnerB, w.PartnerA)));
            var samePolicy = world.Policy with { Steps = [.. world.Policy.Steps] };
            var (a, b) = (new CapacityLedger(), new CapacityLedger());
            foreach (var lead in world.Leads)
            {
                var one = RoutingEngine.Decide(lead, first, a, world.Policy);
                var again = RoutingEngine.Decide(lead, first, a, world.Policy);
                var other = RoutingEngine.Decide(lead, second, b, samePolicy);
                Json(again).ShouldBe(Json(one));
                Json(other).ShouldBe(Json(one));
                one.Explain().ShouldBe(other.Explain());
                if (one.WinnerId is { } winner)
                {
                    a.Record(winner);
                    b.Record(winner);
                }
            }
        });

    [Fact]
    public void The_order_of_the_steps_changes_the_explanation_only_never_the_outcome() =>
        Holds(RoutingGenerators.World.SelectMany(w => Gen.Shuffle(w.Policy.Steps.ToArray()), (w, steps) => (w, steps)), x =>
        {
            var (world, steps) = x;
            var reordered = world.Policy with { Steps = steps };
            var snapshot = new RoutingSnapshot(world.Partners, world.Walls);
            var (a, b) = (new CapacityLedger(), new CapacityLedger());
            foreach (var lead in world.Leads)
            {
                var one = RoutingEngine.Decide(lead, snapshot, a, world.Policy);
                var other = RoutingEngine.Decide(lead, snapshot, b, reordered);
                other.WinnerId.ShouldBe(one.WinnerId);
                other.Eligible.ShouldBe(one.Eligible);
                Json(other.Top).ShouldBe(Json(one.Top));
                other.Steps.Sum(s => s.Removed).ShouldBe(one.Steps.Sum(s => s.Removed));
                if (one.WinnerId is { } winner)
                {
                    a.Record(winner);
                    b.Record(winner);
                }
            }
        });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RoutingPolicyJson.Options);
}
