using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Deals;

/// <summary>A product line as registrations name and validate it.</summary>
public sealed record ProductLineName(string Name, bool Active);

/// <summary>
/// The rules of engagement and the product catalogue as every registration and check reads them, hundreds of times a
/// second: kept per process and database for a few seconds instead of four queries each time. A change saved through
/// this process is seen at once (<see cref="ValuewebDb"/> calls <see cref="Changed"/>); another node sees it within
/// <see cref="Lifetime"/>. Decisions, rule editing and reports keep reading the database.
/// </summary>
public sealed record DealReferenceData(EngagementRules Rules, IReadOnlyDictionary<Guid, ProductLineName> ProductLines)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);
    private static long generation;

    private sealed record Entry(long LoadedAt, long Generation, DealReferenceData Data);

    public static async Task<DealReferenceData> GetAsync(ValuewebDb db, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        var current = Interlocked.Read(ref generation);
        var now = Environment.TickCount64;
        if (Cache.TryGetValue(key, out var entry) && entry.Generation == current && now - entry.LoadedAt < (long)Lifetime.TotalMilliseconds)
            return entry.Data;
        var rules = await EngagementRules.LoadAsync(db, ct);
        var lines = await db.ProductLines.AsNoTracking().Select(l => new { l.Id, l.Name, l.Active }).ToListAsync(ct);
        var data = new DealReferenceData(rules, lines.ToDictionary(l => l.Id, l => new ProductLineName(l.Name, l.Active)));
        // Stored with the generation read before loading: a change saved meanwhile makes it stale at once.
        Cache[key] = new Entry(now, current, data);
        return data;
    }

    /// <summary>Forgets what is kept: the program, its stages or the catalogue changed.</summary>
    public static void Changed() => Interlocked.Increment(ref generation);

    public Dictionary<Guid, string> NamesOf(IEnumerable<Guid> ids)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in ids)
            if (ProductLines.TryGetValue(id, out var line)) names[id] = line.Name;
        return names;
    }

    public bool IsActive(Guid productLineId) => ProductLines.TryGetValue(productLineId, out var line) && line.Active;
}
