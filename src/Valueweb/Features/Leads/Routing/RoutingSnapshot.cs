using System.Runtime.CompilerServices;

namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// The partners that may receive leads, and the walls between them, indexed once for many decisions: by country,
/// by product line and by both, so that a decision whose policy starts with territory and/or product line only looks
/// at the partners that can match. Immutable and safe to share between threads; build a new one when partners change.
/// Partners are kept in ascending order of their id's canonical text, which is also the final tie-break of the ranking.
/// </summary>
public sealed class RoutingSnapshot
{
    private static readonly int[] None = [];

    private readonly RoutingCandidate[] candidates;
    private readonly Dictionary<Guid, int> ordinals;
    private readonly Dictionary<string, int> countryIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, int> lineIds = [];
    private readonly Dictionary<string, int> segmentIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> competencyIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> certificationIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, int> tierSlots = [];
    private readonly int[][] byCountry;
    private readonly int[][] byLine;
    private readonly Dictionary<long, int[]> byCountryAndLine = [];
    private readonly Dictionary<Guid, int[]> walledOrdinals = [];
    private readonly Dictionary<Guid, Guid[]> walledIds = [];
    private readonly ConditionalWeakTable<RoutingPolicy, CompiledPolicy> compiled = [];

    // Per partner, by ordinal: facts as small sorted arrays of interned ids, and precomputed score components.
    internal readonly int[] Types;
    internal readonly int[] TierRanks;
    internal readonly int[] TierSlot;
    internal readonly double[] PerformanceComponent;
    internal readonly double[] TierComponent;
    internal readonly double[] Weights;
    internal readonly int[][] Countries;
    internal readonly int[][] Lines;
    internal readonly int[][] Segments;
    internal readonly int[][] Competencies;
    internal readonly int[][] Certifications;
    // Locations as unit vectors, flattened: partner i owns LocationStart[i] .. LocationStart[i + 1] - 1.
    internal readonly int[] LocationStart;
    internal readonly double[] LocationX;
    internal readonly double[] LocationY;
    internal readonly double[] LocationZ;

    /// <summary>Builds the snapshot; throws <see cref="ArgumentException"/> for duplicate ids or facts out of range.</summary>
    public RoutingSnapshot(IEnumerable<RoutingCandidate> partners, IEnumerable<PartnerWall>? walls = null)
    {
        ArgumentNullException.ThrowIfNull(partners);
        candidates = partners.OrderBy(p => p.PartnerId.ToString("D"), StringComparer.Ordinal).ToArray();
        var n = candidates.Length;
        ordinals = new Dictionary<Guid, int>(n);
        Types = new int[n];
        TierRanks = new int[n];
        TierSlot = new int[n];
        PerformanceComponent = new double[n];
        TierComponent = new double[n];
        Weights = new double[n];
        Countries = new int[n][];
        Lines = new int[n][];
        Segments = new int[n][];
        Competencies = new int[n][];
        Certifications = new int[n][];
        LocationStart = new int[n + 1];
        var xs = new List<double>();
        var ys = new List<double>();
        var zs = new List<double>();

        for (var i = 0; i < n; i++)
        {
            var c = candidates[i];
            if (c is null) throw new ArgumentException("A candidate is null.", nameof(partners));
            if (!ordinals.TryAdd(c.PartnerId, i)) throw new ArgumentException($"Partner {c.PartnerId} appears twice.", nameof(partners));
            if (!double.IsFinite(c.PerformanceScore) || c.PerformanceScore is < 0 or > 100)
            {
                throw new ArgumentException($"Partner {c.PartnerId}: performance score must be 0–100.", nameof(partners));
            }
            if (!double.IsFinite(c.FairnessWeight) || c.FairnessWeight <= 0)
            {
                throw new ArgumentException($"Partner {c.PartnerId}: fairness weight must be more than 0.", nameof(partners));
            }
            Types[i] = (int)c.Types;
            TierRanks[i] = c.TierRank;
            TierSlot[i] = c.TierId is { } tier ? Intern(tierSlots, tier) : -1;
            PerformanceComponent[i] = c.PerformanceScore / 100;
            Weights[i] = c.FairnessWeight;
            Countries[i] = InternAll(countryIds, c.Countries?.Select(x => x?.Trim() ?? ""));
            Lines[i] = InternAll(lineIds, c.ProductLines);
            Segments[i] = InternAll(segmentIds, c.Segments?.Select(x => x?.Trim() ?? ""));
            Competencies[i] = InternAll(competencyIds, c.Competencies?.Select(x => x?.Trim() ?? ""));
            Certifications[i] = InternAll(certificationIds, c.Certifications?.Select(x => x?.Trim() ?? ""));
            LocationStart[i] = xs.Count;
            foreach (var at in c.Locations ?? [])
            {
                if (!at.IsValid) throw new ArgumentException($"Partner {c.PartnerId}: location {at} is out of range.", nameof(partners));
                var (x, y, z) = UnitVector(at);
                xs.Add(x);
                ys.Add(y);
                zs.Add(z);
            }
        }
        LocationStart[n] = xs.Count;
        LocationX = [.. xs];
        LocationY = [.. ys];
        LocationZ = [.. zs];

        if (n > 0)
        {
            LowestTierRank = TierRanks.Min();
            HighestTierRank = TierRanks.Max();
        }
        var span = HighestTierRank - LowestTierRank;
        for (var i = 0; i < n; i++) TierComponent[i] = span == 0 ? 0 : (double)(TierRanks[i] - LowestTierRank) / span;

        byCountry = Group(countryIds.Count, i => Countries[i]);
        byLine = Group(lineIds.Count, i => Lines[i]);
        var pairs = new Dictionary<long, List<int>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var country in Countries[i])
            {
                foreach (var line in Lines[i])
                {
                    var key = CountryLineKey(country, line);
                    if (!pairs.TryGetValue(key, out var list)) pairs[key] = list = [];
                    list.Add(i);
                }
            }
        }
        foreach (var (key, list) in pairs) byCountryAndLine[key] = [.. list];

        var wallSets = new Dictionary<Guid, SortedSet<int>>();
        var wallIdSets = new Dictionary<Guid, HashSet<Guid>>();
        foreach (var wall in walls ?? [])
        {
            if (wall is null || wall.PartnerA == wall.PartnerB) continue;
            AddWall(wall.PartnerA, wall.PartnerB);
            AddWall(wall.PartnerB, wall.PartnerA);
        }
        foreach (var (id, set) in wallSets) walledOrdinals[id] = [.. set];
        foreach (var (id, set) in wallIdSets) walledIds[id] = [.. set.OrderBy(g => g.ToString("D"), StringComparer.Ordinal)];

        void AddWall(Guid from, Guid to)
        {
            if (!wallIdSets.TryGetValue(from, out var ids)) wallIdSets[from] = ids = [];
            ids.Add(to);
            if (!ordinals.TryGetValue(to, out var ordinal)) return;
            if (!wallSets.TryGetValue(from, out var set)) wallSets[from] = set = [];
            set.Add(ordinal);
        }
    }

    /// <summary>Number of partners.</summary>
    public int Count => candidates.Length;

    /// <summary>The partners, in ascending order of their id's canonical text.</summary>
    public IReadOnlyList<RoutingCandidate> Candidates => candidates;

    /// <summary>Lowest tier rank among the partners (the tier component's 0).</summary>
    public int LowestTierRank { get; }

    /// <summary>Highest tier rank among the partners (the tier component's 1).</summary>
    public int HighestTierRank { get; }

    public RoutingCandidate? Find(Guid partnerId) => ordinals.TryGetValue(partnerId, out var i) ? candidates[i] : null;

    /// <summary>Partners walled from this one (whether or not they are in the snapshot).</summary>
    public IReadOnlyList<Guid> WalledFrom(Guid partnerId) => walledIds.TryGetValue(partnerId, out var ids) ? ids : [];

    internal RoutingCandidate At(int ordinal) => candidates[ordinal];

    internal bool TryOrdinal(Guid partnerId, out int ordinal) => ordinals.TryGetValue(partnerId, out ordinal);

    internal int[] WalledOrdinals(Guid partnerId) => walledOrdinals.TryGetValue(partnerId, out var o) ? o : None;

    internal int CountryId(string? code) => code is { Length: > 0 } && countryIds.TryGetValue(code.Trim(), out var id) ? id : -1;

    internal int LineId(Guid line) => lineIds.TryGetValue(line, out var id) ? id : -1;

    internal int SegmentId(string? name) => Lookup(segmentIds, name);

    internal int CompetencyId(string? name) => Lookup(competencyIds, name);

    internal int CertificationId(string? name) => Lookup(certificationIds, name);

    internal int TierSlotOf(Guid tierId) => tierSlots.TryGetValue(tierId, out var slot) ? slot : -1;

    internal int TierSlotCount => tierSlots.Count;

    internal int[] InCountry(int country) => country >= 0 ? byCountry[country] : None;

    internal int[] WithLine(int line) => line >= 0 ? byLine[line] : None;

    internal int[] InCountryWithLine(int country, int line) =>
        country >= 0 && line >= 0 && byCountryAndLine.TryGetValue(CountryLineKey(country, line), out var o) ? o : None;

    internal CompiledPolicy Compile(RoutingPolicy policy) => compiled.GetValue(policy, p => new CompiledPolicy(p, this));

    internal static (double X, double Y, double Z) UnitVector(GeoPoint p)
    {
        var lat = p.Latitude * Math.PI / 180;
        var lon = p.Longitude * Math.PI / 180;
        var cosLat = Math.Cos(lat);
        return (cosLat * Math.Cos(lon), cosLat * Math.Sin(lon), Math.Sin(lat));
    }

    private static long CountryLineKey(int country, int line) => ((long)country << 32) | (uint)line;

    private static int Lookup(Dictionary<string, int> ids, string? name) =>
        !string.IsNullOrWhiteSpace(name) && ids.TryGetValue(name.Trim(), out var id) ? id : -1;

    private static int Intern<T>(Dictionary<T, int> ids, T key) where T : notnull
    {
        if (!ids.TryGetValue(key, out var id)) ids[key] = id = ids.Count;
        return id;
    }

    private static int[] InternAll<T>(Dictionary<T, int> ids, IEnumerable<T>? keys) where T : notnull
    {
        if (keys is null) return None;
        var set = new SortedSet<int>();
        foreach (var key in keys)
        {
            if (key is string s && s.Length == 0) continue;
            set.Add(Intern(ids, key));
        }
        return set.Count == 0 ? None : [.. set];
    }

    private int[][] Group(int groups, Func<int, int[]> keysOf)
    {
        var lists = new List<int>[groups];
        for (var g = 0; g < groups; g++) lists[g] = [];
        for (var i = 0; i < candidates.Length; i++)
        {
            foreach (var g in keysOf(i)) lists[g].Add(i);
        }
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
