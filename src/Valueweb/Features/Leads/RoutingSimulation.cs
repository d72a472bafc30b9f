using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Leads.Routing;

namespace Valueweb.Features.Leads;

/// <summary>One lead as a simulation replays it: what routing and qualification know of it, and how people name it.</summary>
public sealed record SimulatedLead(string Key, string Name, LeadFacts Routing, QualificationFacts Qualification);

/// <summary>The rules a simulation decides by: qualification first, then routing.</summary>
public sealed record LeadRuleSet(QualificationRules Qualification, RoutingPolicy Routing);

/// <summary>Where a simulated lead ends.</summary>
public enum SimulatedOutcome
{
    Routed = 1,
    VendorQueue = 2,
    DirectSales = 3,
    /// <summary>Scored below the threshold: the vendor keeps it (nurture).</summary>
    Unqualified = 4,
}

/// <summary>How many leads ended where, under one rule set.</summary>
public sealed record SimulationTotals(int Leads, int Routed, int VendorQueue, int DirectSales, int Unqualified);

/// <summary>Leads one partner would receive under the current and the proposed rules.</summary>
public sealed record PartnerShare(Guid PartnerId, string Name, string Tier, int Now, int Proposed)
{
    public int Change => Proposed - Now;
}

/// <summary>Leads routed to partners within one group (a tier of the winners, a country of the leads), current and proposed.</summary>
public sealed record GroupShare(string Label, int Now, int Proposed);

/// <summary>One lead's fate under one rule set: its outcome, the partner, and its qualification score.</summary>
public sealed record SimulatedFate(SimulatedOutcome Outcome, Guid? PartnerId, string? PartnerName, int Score, int Threshold);

/// <summary>A lead that would go elsewhere, with the proposed decision's explanation (null when it would not qualify).</summary>
public sealed record SimulationExample(string Key, string Name, string Country, SimulatedFate Now, SimulatedFate Proposed, string? Explanation);

/// <summary>How the distribution would change: totals, partners by size of change, tiers, countries, and examples.</summary>
public sealed record SimulationResult(SimulationTotals Now, SimulationTotals Proposed, int Changed, IReadOnlyList<PartnerShare> Partners,
    IReadOnlyList<GroupShare> Tiers, IReadOnlyList<GroupShare> Countries, IReadOnlyList<SimulationExample> Examples);

/// <summary>
/// Replays leads, in the order given (arrival order), under the current and the proposed rules, entirely in memory:
/// each lead is scored, and a qualified one is decided by the <see cref="RoutingEngine"/> over one partner snapshot;
/// each rule set has its own copy of the partners' loads, and every simulated assignment is recorded in it, so
/// capacity and the fair rotation play out as they would if these leads arrived now, one after another. Nothing is
/// assigned and nothing is stored.
/// </summary>
public sealed class RoutingSimulation(RoutingSnapshot snapshot, CapacityLedger loads, IReadOnlyDictionary<Guid, string> tierNames)
{
    /// <summary>Most leads one simulation replays.</summary>
    public const int MaxLeads = 10_000;

    /// <summary>How many leads that would go elsewhere are kept as examples.</summary>
    public const int ExampleCount = 8;

    public const string NoTier = "No tier";

    public SimulationResult Run(IReadOnlyList<SimulatedLead> leads, LeadRuleSet now, LeadRuleSet proposed)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var current = new Side(snapshot, loads.Clone(), now);
        var next = new Side(snapshot, loads.Clone(), proposed);
        var partners = new Dictionary<Guid, (int Now, int Proposed)>();
        var tiers = new Dictionary<string, (int Rank, int Now, int Proposed)>(StringComparer.Ordinal);
        var countries = new Dictionary<string, (int Now, int Proposed)>(StringComparer.OrdinalIgnoreCase);
        var examples = new List<SimulationExample>();
        var changed = 0;
        foreach (var lead in leads.Take(MaxLeads))
        {
            var (a, _) = current.Decide(lead);
            var (b, decision) = next.Decide(lead);
            Count(a.PartnerId, lead, 1, 0);
            Count(b.PartnerId, lead, 0, 1);
            if (a.Outcome == b.Outcome && a.PartnerId == b.PartnerId) continue;
            changed++;
            if (examples.Count < ExampleCount)
                examples.Add(new SimulationExample(lead.Key, lead.Name, lead.Routing.Country, a, b, decision?.Explain()));
        }

        void Count(Guid? partner, SimulatedLead lead, int now, int proposed)
        {
            if (partner is not { } p) return;
            var (n, m) = partners.GetValueOrDefault(p);
            partners[p] = (n + now, m + proposed);
            var candidate = snapshot.Find(p);
            var tier = candidate?.TierId is { } t && tierNames.TryGetValue(t, out var name) ? name : NoTier;
            var (rank, tn, tm) = tiers.GetValueOrDefault(tier, (candidate?.TierRank ?? 0, 0, 0));
            tiers[tier] = (rank, tn + now, tm + proposed);
            var country = lead.Routing.Country.Length == 0 ? "—" : lead.Routing.Country.ToUpperInvariant();
            var (cn, cm) = countries.GetValueOrDefault(country);
            countries[country] = (cn + now, cm + proposed);
        }

        return new SimulationResult(current.Totals(), next.Totals(), changed,
            partners.Select(p => Share(p.Key, p.Value.Now, p.Value.Proposed))
                .OrderByDescending(s => Math.Abs(s.Change)).ThenByDescending(s => s.Now + s.Proposed).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
            tiers.OrderByDescending(t => t.Value.Rank).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => new GroupShare(t.Key, t.Value.Now, t.Value.Proposed)).ToList(),
            countries.OrderByDescending(c => Math.Max(c.Value.Now, c.Value.Proposed)).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new GroupShare(c.Key, c.Value.Now, c.Value.Proposed)).ToList(),
            examples);
    }

    private PartnerShare Share(Guid partner, int now, int proposed)
    {
        var candidate = snapshot.Find(partner);
        var tier = candidate?.TierId is { } t && tierNames.TryGetValue(t, out var name) ? name : NoTier;
        return new PartnerShare(partner, candidate?.Name ?? partner.ToString(), tier, now, proposed);
    }

    /// <summary>One rule set's run: its scorer, its own copy of the loads, and its counts.</summary>
    private sealed class Side(RoutingSnapshot snapshot, CapacityLedger ledger, LeadRuleSet rules)
    {
        private readonly Qualifier qualifier = Qualifier.For(rules.Qualification);
        private int leads, routed, queue, direct, unqualified;

        public (SimulatedFate Fate, RoutingDecision? Decision) Decide(SimulatedLead lead)
        {
            leads++;
            var q = qualifier.Score(lead.Qualification);
            if (!q.Qualified)
            {
                unqualified++;
                return (new SimulatedFate(SimulatedOutcome.Unqualified, null, null, q.Score, q.Threshold), null);
            }
            var decision = RoutingEngine.Decide(lead.Routing, snapshot, ledger, rules.Routing);
            if (decision.WinnerId is { } winner) ledger.Record(winner);
            var outcome = decision.Outcome switch
            {
                RoutingOutcome.Routed => SimulatedOutcome.Routed,
                RoutingOutcome.DirectSales => SimulatedOutcome.DirectSales,
                _ => SimulatedOutcome.VendorQueue,
            };
            if (outcome == SimulatedOutcome.Routed) routed++;
            else if (outcome == SimulatedOutcome.DirectSales) direct++;
            else queue++;
            return (new SimulatedFate(outcome, decision.WinnerId, decision.Winner?.Name, q.Score, q.Threshold), decision);
        }

        public SimulationTotals Totals() => new(leads, routed, queue, direct, unqualified);
    }
}
