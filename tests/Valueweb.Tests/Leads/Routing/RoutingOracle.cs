using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Partners;

namespace Valueweb.Tests.Leads.Routing;

/// <summary>
/// The routing rules restated plainly (linear scans, haversine, no index), to check the engine against: which
/// partners may take a lead, and what each scores.
/// </summary>
public static class RoutingOracle
{
    public static bool MeetsStep(RoutingStep step, RoutingCandidate p, LeadFacts lead) => step.Kind switch
    {
        RoutingStepKind.Territory => !string.IsNullOrWhiteSpace(lead.Country) && p.Countries.Contains(lead.Country, StringComparer.OrdinalIgnoreCase),
        RoutingStepKind.ProductLine => lead.ProductLines.Any(p.ProductLines.Contains),
        RoutingStepKind.Segment => lead.Segment is not null && p.Segments.Contains(lead.Segment, StringComparer.OrdinalIgnoreCase),
        RoutingStepKind.Industry => lead.Industry is not null && p.Competencies.Contains(lead.Industry, StringComparer.OrdinalIgnoreCase),
        RoutingStepKind.PartnerType => step.PartnerTypes!.Any(t => (p.Types & PartnerTypeNames.Parse(t)!.Value) != 0),
        RoutingStepKind.MinimumTier => p.TierRank >= step.MinimumTierRank,
        RoutingStepKind.Competency => p.Competencies.Contains(step.Competency!, StringComparer.OrdinalIgnoreCase),
        RoutingStepKind.Certification => p.Certifications.Contains(step.Certification!, StringComparer.OrdinalIgnoreCase),
        _ => throw new InvalidOperationException(step.Kind.ToString()),
    };

    public static bool Eligible(RoutingPolicy policy, RoutingCandidate p, LeadFacts lead) => policy.Steps.All(s => MeetsStep(s, p, lead));

    public static bool Excluded(RoutingCandidate p, LeadFacts lead, IEnumerable<PartnerWall> walls) =>
        lead.DeclinedOrLapsed.Contains(p.PartnerId)
        || walls.Any(w => w.PartnerA != w.PartnerB
            && ((w.PartnerA == p.PartnerId && lead.AssociatedPartners.Contains(w.PartnerB))
                || (w.PartnerB == p.PartnerId && lead.AssociatedPartners.Contains(w.PartnerA))));

    public static bool HasRoom(RoutingPolicy policy, RoutingCandidate p, Model model) =>
        model.Open(p.PartnerId) < policy.Capacity.OpenLeadLimit(p.TierId) && model.Today(p.PartnerId) < policy.Capacity.DailyQuotaFor(p.TierId);

    /// <summary>Total score 0–100 (unrounded), restated from the ranking's definition.</summary>
    public static double Total(RoutingPolicy policy, RoutingCandidate p, LeadFacts lead, IReadOnlyList<RoutingCandidate> all)
    {
        var r = policy.Ranking;
        var sum = r.PerformanceWeight + r.DistanceWeight + r.TierWeight;
        if (sum == 0) return 0;
        var low = all.Min(x => x.TierRank);
        var high = all.Max(x => x.TierRank);
        var tier = high == low ? 0 : (double)(p.TierRank - low) / (high - low);
        var distance = lead.Location is { } at && p.Locations.Count > 0
            ? Math.Max(0, 1 - (p.Locations.Min(l => l.DistanceKm(at)) / r.DistanceHorizonKm))
            : 0.5;
        return 100 * ((r.PerformanceWeight * p.PerformanceScore / 100) + (r.DistanceWeight * distance) + (r.TierWeight * tier)) / sum;
    }

    /// <summary>The test's own count of each partner's open leads and leads today.</summary>
    public sealed class Model
    {
        private readonly Dictionary<Guid, int> open = [];
        private readonly Dictionary<Guid, int> today = [];
        private readonly Dictionary<Guid, int> total = [];

        public int Open(Guid id) => open.GetValueOrDefault(id);

        public int Today(Guid id) => today.GetValueOrDefault(id);

        public int Total(Guid id) => total.GetValueOrDefault(id);

        public void Assign(Guid id)
        {
            open[id] = Open(id) + 1;
            today[id] = Today(id) + 1;
            total[id] = Total(id) + 1;
        }

        public void NewDay() => today.Clear();

        /// <summary>One open lead of the partner closes; false when it had none.</summary>
        public bool Release(Guid id)
        {
            if (Open(id) == 0) return false;
            open[id]--;
            return true;
        }
    }
}
