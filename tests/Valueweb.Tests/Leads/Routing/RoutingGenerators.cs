using FsCheck;
using FsCheck.Fluent;
using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Partners;

namespace Valueweb.Tests.Leads.Routing;

/// <summary>One thing that happens to the ledger between decisions: a lead to route, a new day, or a lead that stops being open.</summary>
public sealed record RoutingEvent(LeadFacts? Lead, bool NewDay, int ReleaseIndex);

/// <summary>Partners, walls, a policy and a run of events, all drawn from a small universe so that facts collide often.</summary>
public sealed record RoutingWorld(IReadOnlyList<RoutingCandidate> Partners, IReadOnlyList<PartnerWall> Walls, RoutingPolicy Policy,
    IReadOnlyList<RoutingEvent> Events)
{
    public IEnumerable<LeadFacts> Leads => Events.Where(e => e.Lead is not null).Select(e => e.Lead!);

    public override string ToString() =>
        $"{Partners.Count} partners, {Walls.Count} walls, {Events.Count} events\npolicy: {RoutingPolicyJson.ToJson(Policy)}\n"
        + string.Join("\n", Partners.Select(p => $"  {p.PartnerId} tier {p.TierRank} types {p.Types} countries [{string.Join(',', p.Countries)}] lines [{string.Join(',', p.ProductLines.Select(Short))}] "
            + $"segments [{string.Join(',', p.Segments)}] comps [{string.Join(',', p.Competencies)}] certs [{string.Join(',', p.Certifications)}] perf {p.PerformanceScore} weight {p.FairnessWeight} at {p.Locations.Count}"));

    private static string Short(Guid g) => g.ToString()[..4];
}

/// <summary>FsCheck generators for routing worlds.</summary>
public static class RoutingGenerators
{
    public static readonly string[] Countries = ["DE", "FR", "US", "GB"];
    public static readonly Guid[] Lines = [.. Enumerable.Range(1, 4).Select(i => new Guid(i, 0, 0, new byte[8]))];
    public static readonly string[] Segments = ["smb", "mid", "enterprise"];
    public static readonly string[] Competencies = ["cloud", "security", "retail", "health"];
    public static readonly string[] Certifications = ["cert-a", "cert-b"];
    public static readonly (Guid Id, int Rank)[] Tiers = [(new Guid(101, 0, 0, new byte[8]), 1), (new Guid(102, 0, 0, new byte[8]), 2), (new Guid(103, 0, 0, new byte[8]), 3)];
    public static readonly GeoPoint[] Places = [new(52.52, 13.405), new(48.137, 11.575), new(48.857, 2.352), new(40.713, -74.006)];
    public static readonly string[] TypeNames = [.. PartnerTypeNames.All.Select(PartnerTypeNames.Name)];

    public static Gen<Guid> Id =>
        from a in Gen.Choose(int.MinValue, int.MaxValue)
        from b in Gen.Choose(0, ushort.MaxValue)
        from c in Gen.Choose(int.MinValue, int.MaxValue)
        select new Guid(a, (short)b, 0x7000, BitConverter.GetBytes((long)c * 7919));

    public static Gen<RoutingCandidate> Candidate(Gen<double> weight) =>
        from id in Id
        from types in Gen.Choose(1, 127)
        from tier in Gen.Choose(-1, Tiers.Length - 1)
        from countries in Gen.SubListOf(Countries)
        from lines in Gen.SubListOf(Lines)
        from segments in Gen.SubListOf(Segments)
        from competencies in Gen.SubListOf(Competencies)
        from certifications in Gen.SubListOf(Certifications)
        from performance in Gen.Elements(40.0, 70.0, 70.0, 90.0, 100.0)
        from locations in Gen.SubListOf(Places)
        from w in weight
        select new RoutingCandidate
        {
            PartnerId = id,
            Name = "P-" + id.ToString()[..8],
            Types = (PartnerTypes)types,
            TierId = tier < 0 ? null : Tiers[tier].Id,
            TierRank = tier < 0 ? 0 : Tiers[tier].Rank,
            Countries = [.. countries],
            ProductLines = [.. lines],
            Segments = [.. segments],
            Competencies = [.. competencies],
            Certifications = [.. certifications],
            PerformanceScore = performance,
            Locations = [.. locations],
            FairnessWeight = w,
        };

    public static Gen<double> AnyWeight => Gen.Elements(1.0, 1.0, 2.0, 3.0, 0.5);

    public static Gen<RoutingStep> Step =>
        Gen.OneOf(
            Gen.Constant(RoutingStep.Territory()),
            Gen.Constant(RoutingStep.ProductLine()),
            Gen.Constant(RoutingStep.Segment()),
            Gen.Constant(RoutingStep.Industry()),
            Gen.NonEmptyListOf(Gen.Elements(TypeNames)).Select(t => RoutingStep.PartnerType([.. t.Distinct()])),
            Gen.Choose(0, 4).Select(RoutingStep.MinimumTier),
            Gen.Elements(Competencies.Append("quantum")).Select(RoutingStep.RequireCompetency),
            Gen.Elements(Certifications).Select(RoutingStep.RequireCertification));

    public static Gen<RoutingPolicy> Policy(bool ampleCapacity = false) =>
        from steps in Gen.ListOf(Step, 4)
        from take in Gen.Choose(0, 4)
        from fallback in Gen.Elements(RoutingFallback.VendorQueue, RoutingFallback.DirectSales)
        from weights in Gen.ArrayOf(Gen.Elements(0.0, 1.0, 2.0, 3.0), 3)
        from horizon in Gen.Elements(100.0, 1000.0, 5000.0)
        from equalWithin in Gen.Elements(0.0, 0.0, 5.0, 20.0)
        from open in Gen.Choose(1, 4)
        from daily in Gen.Choose(1, 4)
        from overrides in Gen.ArrayOf(Gen.Choose(-1, 3), Tiers.Length)
        select new RoutingPolicy
        {
            Steps = [.. steps.DistinctBy(s => s.Kind).Take(take)],
            Fallback = fallback,
            Ranking = new RoutingRanking
            {
                PerformanceWeight = weights[0],
                DistanceWeight = weights[1],
                TierWeight = weights[2],
                DistanceHorizonKm = horizon,
                EqualWithinPoints = equalWithin,
            },
            Capacity = ampleCapacity
                ? new RoutingCapacity { MaxOpenLeads = 1_000_000, DailyQuota = 1_000_000 }
                : new RoutingCapacity
                {
                    MaxOpenLeads = open,
                    DailyQuota = daily,
                    Tiers = Enumerable.Range(0, Tiers.Length).Where(i => overrides[i] >= 0)
                        .ToDictionary(i => Tiers[i].Id, i => new TierCapacity { MaxOpenLeads = i == 0 ? overrides[i] : null, DailyQuota = overrides[i] }),
                },
        };

    /// <summary>A lead; declines and associations are drawn from <paramref name="excludable"/> (and one partner nobody knows).</summary>
    public static Gen<LeadFacts> Lead(IReadOnlyList<Guid> excludable) =>
        from country in Gen.Elements("DE", "FR", "US", "GB", "de", "IT", "")
        from lines in Gen.SubListOf(Lines.Append(Guid.Parse("0000000f-0000-0000-0000-000000000000")))
        from segment in Gen.Elements("smb", "mid", "enterprise", "MID", null)
        from industry in Gen.Elements("cloud", "retail", "health", "farming", null)
        from place in Gen.Choose(-1, Places.Length)
        from declined in excludable.Count == 0 ? Gen.Constant<IList<Guid>>([]) : Gen.SubListOf(excludable.ToArray()).Select(l => (IList<Guid>)[.. l.Take(3)])
        from associated in excludable.Count == 0 ? Gen.Constant<IList<Guid>>([]) : Gen.SubListOf(excludable.ToArray()).Select(l => (IList<Guid>)[.. l.Take(2)])
        from unknown in Gen.Elements(true, false, false, false)
        select new LeadFacts
        {
            LeadId = Guid.NewGuid(),
            Country = country,
            ProductLines = [.. lines],
            Segment = segment,
            Industry = industry,
            Location = place < 0 ? null : place == Places.Length ? new GeoPoint(45.0, 9.0) : Places[place],
            DeclinedOrLapsed = unknown ? [.. declined, Guid.Parse("00000000-0000-0000-0000-0000000000aa")] : [.. declined],
            AssociatedPartners = [.. associated],
        };

    public static Gen<RoutingEvent> Event(IReadOnlyList<Guid> excludable, int partners) =>
        Gen.Frequency(
            (12, Lead(excludable).Select(l => new RoutingEvent(l, false, -1))),
            (1, Gen.Constant(new RoutingEvent(null, true, -1))),
            (3, Gen.Choose(0, Math.Max(0, partners - 1)).Select(i => new RoutingEvent(null, false, i))));

    public static Gen<IReadOnlyList<PartnerWall>> Walls(IReadOnlyList<Guid> ids) =>
        ids.Count < 2
            ? Gen.Constant<IReadOnlyList<PartnerWall>>([])
            : Gen.ListOf(Gen.Two(Gen.Elements(ids.ToArray())).Select(p => new PartnerWall(p.Item1, p.Item2)))
                .Select(l => (IReadOnlyList<PartnerWall>)[.. l.Take(6)]);

    /// <summary>Up to 25 random partners, walls, a policy and up to 60 events.</summary>
    public static Gen<RoutingWorld> World =>
        from n in Gen.Choose(0, 25)
        from partners in Gen.ListOf(Candidate(AnyWeight), n)
        let ids = (IReadOnlyList<Guid>)[.. partners.Select(p => p.PartnerId)]
        from walls in Walls(ids)
        from policy in Policy()
        from events in Gen.Choose(1, 60).SelectMany(k => Gen.ListOf(Event(ids, n), k))
        select new RoutingWorld([.. partners], walls, policy, [.. events]);

    /// <summary>
    /// A world with 2–5 partners equal in every fact and ranking input (weights from <paramref name="weights"/>), next
    /// to random others; leads never decline or associate the equals, walls never touch them and capacity is ample.
    /// Returns the world and the equals' ids.
    /// </summary>
    public static Gen<(RoutingWorld World, IReadOnlyList<Guid> Equal)> WorldWithEquals(Gen<double> weights) =>
        from template in Candidate(Gen.Constant(1.0))
        from k in Gen.Choose(2, 5)
        from cloneIds in Gen.ListOf(Id, k)
        from cloneWeights in Gen.ListOf(weights, k)
        from n in Gen.Choose(0, 12)
        from others in Gen.ListOf(Candidate(AnyWeight), n)
        let otherIds = (IReadOnlyList<Guid>)[.. others.Select(p => p.PartnerId)]
        from walls in Walls(otherIds)
        from policy in Policy(ampleCapacity: true)
        from events in Gen.Choose(1, 80).SelectMany(c => Gen.ListOf(Lead(otherIds).Select(l => new RoutingEvent(l, false, -1)), c))
        let clones = cloneIds.Distinct().Select((id, i) => template with { PartnerId = id, Name = "E-" + id.ToString()[..8], FairnessWeight = cloneWeights[i] }).ToList()
        select (new RoutingWorld([.. clones, .. others], walls, policy, [.. events]), (IReadOnlyList<Guid>)[.. clones.Select(c => c.PartnerId)]);
}
