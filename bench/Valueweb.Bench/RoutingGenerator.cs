using Valueweb.Features.Leads.Routing;
using Valueweb.Features.Locator;
using Valueweb.Features.Partners;

namespace Valueweb.Bench;

/// <summary>Partners, walls, a vendor's policy and leads for the routing benchmark, all in memory.</summary>
public sealed record RoutingData(IReadOnlyList<RoutingCandidate> Partners, IReadOnlyList<PartnerWall> Walls, RoutingPolicy Policy,
    IReadOnlyList<string> Countries, IReadOnlyList<Guid> ProductLines);

/// <summary>
/// Generates routing data deterministically (fixed seeds): partners around the locator's cities in its 28 countries,
/// weighted by market size, and leads drawn from the same markets, so that demand roughly follows supply.
/// </summary>
public static class RoutingGenerator
{
    /// <summary>Relative market size by country; countries not named weigh 1.</summary>
    private static readonly Dictionary<string, int> MarketWeight = new(StringComparer.Ordinal)
    {
        ["US"] = 20,
        ["DE"] = 8,
        ["GB"] = 7,
        ["FR"] = 6,
        ["JP"] = 6,
        ["IN"] = 4,
        ["CA"] = 4,
        ["IT"] = 4,
        ["ES"] = 4,
        ["NL"] = 3,
        ["AU"] = 3,
        ["BR"] = 3,
        ["CH"] = 2,
        ["SE"] = 2,
        ["BE"] = 2,
        ["AT"] = 2,
        ["PL"] = 2,
        ["MX"] = 2,
    };

    private static readonly string[] LineNames = ["Compute", "Storage", "Networking", "Security", "Collaboration", "Analytics", "Edge devices", "Support services"];
    private static readonly int[] LineWeights = [25, 20, 15, 12, 10, 8, 6, 4];
    private static readonly string[] Segments = ["SMB", "Mid-market", "Enterprise", "Public sector"];
    private static readonly int[] SegmentWeights = [40, 30, 20, 10];
    private static readonly string[] Industries =
    [
        "Manufacturing", "Financial services", "Healthcare", "Retail", "Public administration", "Energy", "Telecommunications",
        "Education", "Logistics", "Media",
    ];
    private static readonly string[] Skills = ["Cloud migration", "Managed security", "Data engineering", "Network design", "IoT", "Unified communications"];
    private static readonly string[] Certifications = ["ISO 27001", "SOC 2", "Cloud Architect", "Security Specialist", "Data Platform", "Network Professional"];
    private static readonly (PartnerTypes Types, int Weight)[] TypeMix =
    [
        (PartnerTypes.Reseller, 35), (PartnerTypes.ValueAddedReseller, 18), (PartnerTypes.SystemIntegrator, 15),
        (PartnerTypes.Reseller | PartnerTypes.SystemIntegrator, 8), (PartnerTypes.Distributor, 4), (PartnerTypes.ReferralAgent, 10),
        (PartnerTypes.Isv, 6), (PartnerTypes.Oem, 4),
    ];

    /// <summary>Tiers: Registered, Silver, Gold, Platinum (rank 1–4), with the share of partners in each.</summary>
    public static readonly (Guid Id, string Name, int Rank, int Weight)[] Tiers =
    [
        (new Guid("0197a000-0000-7000-8000-000000000001"), "Registered", 1, 45),
        (new Guid("0197a000-0000-7000-8000-000000000002"), "Silver", 2, 30),
        (new Guid("0197a000-0000-7000-8000-000000000003"), "Gold", 3, 18),
        (new Guid("0197a000-0000-7000-8000-000000000004"), "Platinum", 4, 7),
    ];

    public const int WallPairs = 300;

    public static RoutingData Generate(int partnerCount, int seed)
    {
        var random = new Random(seed);
        var countries = Cities.All.Select(c => c.CountryCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var countryWeights = countries.Select(c => MarketWeight.GetValueOrDefault(c, 1)).ToArray();
        var lines = LineNames.Select(_ => NewId(random)).ToArray();
        var tierWeights = Tiers.Select(t => t.Weight).ToArray();
        var typeWeights = TypeMix.Select(t => t.Weight).ToArray();

        var partners = new List<RoutingCandidate>(partnerCount);
        for (var i = 0; i < partnerCount; i++)
        {
            var home = countries[Pick(random, countryWeights)];
            var covered = new List<string> { home };
            // About one partner in six also covers one or two other markets.
            if (random.NextDouble() < 0.16)
            {
                for (var extra = 1 + random.Next(2); extra > 0; extra--)
                {
                    var other = countries[Pick(random, countryWeights)];
                    if (!covered.Contains(other)) covered.Add(other);
                }
            }
            var tier = Tiers[Pick(random, tierWeights)];
            var performance = random.NextDouble() < 0.15 ? 50 : Math.Round(Math.Clamp(62 + (Gaussian(random) * 16), 5, 100), 2);
            var locationCount = random.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
            var locations = new List<GeoPoint>(locationCount);
            for (var l = 0; l < locationCount; l++)
            {
                var cities = CitiesIn(covered[l % covered.Count]);
                locations.Add(Near(random, cities[random.Next(cities.Count)], 0.3));
            }
            partners.Add(new RoutingCandidate
            {
                PartnerId = NewId(random),
                Name = $"Partner {i + 1:D5}",
                Types = TypeMix[Pick(random, typeWeights)].Types,
                TierId = tier.Id,
                TierRank = tier.Rank,
                Countries = covered,
                ProductLines = Distinct(random, 1 + random.Next(4), LineWeights).Select(x => lines[x]).ToList(),
                Segments = Distinct(random, 1 + random.Next(3), SegmentWeights).Select(x => Segments[x]).ToList(),
                Competencies = [.. Distinct(random, 1 + random.Next(3), null, Industries.Length).Select(x => Industries[x]),
                    .. Distinct(random, random.Next(3), null, Skills.Length).Select(x => Skills[x])],
                Certifications = Distinct(random, random.Next(4), null, Certifications.Length).Select(x => Certifications[x]).ToList(),
                PerformanceScore = performance,
                Locations = locations,
                FairnessWeight = tier.Rank switch { 4 => 2, 3 => 1.5, _ => 1 },
            });
        }

        // Walls between competitors of the same market.
        var byCountry = partners.GroupBy(p => p.Countries[0]).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var walls = new HashSet<(Guid, Guid)>();
        for (var tries = 0; walls.Count < Math.Min(WallPairs, partnerCount / 4) && tries < WallPairs * 10; tries++)
        {
            var a = partners[random.Next(partners.Count)];
            var rivals = byCountry[a.Countries[0]];
            var b = rivals[random.Next(rivals.Length)];
            if (a.PartnerId == b.PartnerId || walls.Contains((b.PartnerId, a.PartnerId))) continue;
            walls.Add((a.PartnerId, b.PartnerId));
        }

        var policy = new RoutingPolicy
        {
            Steps =
            [
                RoutingStep.Territory(),
                RoutingStep.ProductLine(),
                RoutingStep.Segment(),
                RoutingStep.PartnerType("reseller", "valueAddedReseller", "systemIntegrator", "distributor"),
            ],
            Fallback = RoutingFallback.VendorQueue,
            Capacity = new RoutingCapacity
            {
                MaxOpenLeads = 30,
                DailyQuota = 10,
                Tiers = new Dictionary<Guid, TierCapacity>
                {
                    [Tiers[1].Id] = new() { MaxOpenLeads = 50, DailyQuota = 15 },
                    [Tiers[2].Id] = new() { MaxOpenLeads = 80, DailyQuota = 25 },
                    [Tiers[3].Id] = new() { MaxOpenLeads = 150, DailyQuota = 40 },
                },
            },
            Ranking = new RoutingRanking { PerformanceWeight = 3, DistanceWeight = 2, TierWeight = 1, DistanceHorizonKm = 300, EqualWithinPoints = 2 },
        };
        return new RoutingData(partners, [.. walls.Select(w => new PartnerWall(w.Item1, w.Item2))], policy, countries, lines);
    }

    /// <summary>
    /// <paramref name="count"/> leads from the same markets as the partners: 85 % with a position near a city of their
    /// country, one to three product lines, a segment (2 % none), an industry (10 % none); 3 % were declined or let
    /// lapse by one or two partners of their country, 4 % are associated with a partner (half of them one with walls).
    /// </summary>
    public static LeadFacts[] Leads(RoutingData data, int count, int seed)
    {
        var random = new Random(seed);
        var countries = data.Countries;
        var countryWeights = countries.Select(c => MarketWeight.GetValueOrDefault(c, 1)).ToArray();
        var partnersIn = countries.ToDictionary(c => c, c => data.Partners.Where(p => p.Countries.Contains(c)).Select(p => p.PartnerId).ToArray(), StringComparer.Ordinal);
        var walled = data.Walls.SelectMany(w => new[] { w.PartnerA, w.PartnerB }).ToHashSet();
        var walledIn = countries.ToDictionary(c => c, c => partnersIn[c].Where(walled.Contains).ToArray(), StringComparer.Ordinal);
        var lineArrays = data.ProductLines.Select(l => (IReadOnlyList<Guid>)[l]).ToArray();

        var leads = new LeadFacts[count];
        for (var i = 0; i < count; i++)
        {
            var country = countries[Pick(random, countryWeights)];
            var cities = CitiesIn(country);
            GeoPoint? at = random.NextDouble() < 0.85 ? Near(random, cities[random.Next(cities.Count)], 0.5) : null;
            var lineCount = random.NextDouble() switch { < 0.70 => 1, < 0.95 => 2, _ => 3 };
            IReadOnlyList<Guid> lines = lineCount == 1
                ? lineArrays[Pick(random, LineWeights)]
                : Distinct(random, lineCount, LineWeights).Select(x => data.ProductLines[x]).ToArray();
            var near = partnersIn[country];
            IReadOnlyList<Guid> declined = near.Length > 0 && random.NextDouble() < 0.03
                ? Enumerable.Range(0, 1 + random.Next(2)).Select(_ => near[random.Next(near.Length)]).Distinct().ToArray()
                : [];
            IReadOnlyList<Guid> associated = [];
            if (near.Length > 0 && random.NextDouble() < 0.04)
            {
                var rivals = walledIn[country];
                associated = [rivals.Length > 0 && random.NextDouble() < 0.5 ? rivals[random.Next(rivals.Length)] : near[random.Next(near.Length)]];
            }
            leads[i] = new LeadFacts
            {
                LeadId = NewId(random),
                Country = country,
                Location = at,
                ProductLines = lines,
                Segment = random.NextDouble() < 0.02 ? null : Segments[Pick(random, SegmentWeights)],
                Industry = random.NextDouble() < 0.10 ? null : Industries[random.Next(Industries.Length)],
                ValueMinor = 500_000 + (random.Next(1_000) * 50_000L),
                Currency = "EUR",
                DeclinedOrLapsed = declined,
                AssociatedPartners = associated,
            };
        }
        return leads;
    }

    private static readonly Dictionary<string, List<City>> CityCache = Cities.All.GroupBy(c => c.CountryCode)
        .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    private static List<City> CitiesIn(string country) => CityCache[country];

    private static GeoPoint Near(Random random, City city, double degrees) => new(
        Math.Round(Math.Clamp(city.Latitude + ((random.NextDouble() - 0.5) * 2 * degrees), -90, 90), 4),
        Math.Round(Math.Clamp(city.Longitude + ((random.NextDouble() - 0.5) * 2 * degrees), -180, 180), 4));

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Up to <paramref name="count"/> distinct indexes, by weight (or uniformly over <paramref name="length"/>).</summary>
    private static List<int> Distinct(Random random, int count, int[]? weights, int length = 0)
    {
        var n = weights?.Length ?? length;
        var picked = new List<int>(count);
        for (var tries = 0; picked.Count < Math.Min(count, n) && tries < count * 8; tries++)
        {
            var x = weights is null ? random.Next(n) : Pick(random, weights);
            if (!picked.Contains(x)) picked.Add(x);
        }
        return picked;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
