using System.Diagnostics;
using Npgsql;

namespace Valueweb.Bench;

/// <summary>CPU used over a phase by the application, by the PostgreSQL backends serving the bench database, and by the bench itself.</summary>
public sealed record CpuUse(double AppSeconds, double? DatabaseSeconds, double BenchSeconds, TimeSpan Wall)
{
    /// <summary>The share of the machine's cores the three kept busy.</summary>
    public double Busy => (AppSeconds + (DatabaseSeconds ?? 0) + BenchSeconds) / (Wall.TotalSeconds * Environment.ProcessorCount);

    public string PerRequest(int requests) => FormattableString.Invariant(
        $"CPU per request: application {1000 * AppSeconds / requests:F2} ms, PostgreSQL {(DatabaseSeconds is { } d ? $"{1000 * d / requests:F2} ms" : "n/a")}, bench client {1000 * BenchSeconds / requests:F2} ms; the three kept {100 * Busy:F0} % of {Environment.ProcessorCount} cores busy");
}

/// <summary>
/// Measures <see cref="CpuUse"/>: process CPU times from /proc (PostgreSQL's backends are the rows of pg_stat_activity for the
/// bench database; a server on another machine reads as n/a).
/// </summary>
public sealed class CpuMeter
{
    private readonly int appPid;
    private readonly string connection;
    private readonly Dictionary<int, TimeSpan> database;
    private readonly TimeSpan app;
    private readonly TimeSpan bench;
    private readonly Stopwatch wall;

    private CpuMeter(int appPid, string connection, Dictionary<int, TimeSpan> database)
    {
        this.appPid = appPid;
        this.connection = connection;
        this.database = database;
        app = Cpu(appPid) ?? TimeSpan.Zero;
        bench = Process.GetCurrentProcess().TotalProcessorTime;
        wall = Stopwatch.StartNew();
    }

    public static async Task<CpuMeter> StartAsync(int appPid, string connection, CancellationToken ct) =>
        new(appPid, connection, await BackendsAsync(connection, ct));

    public async Task<CpuUse> StopAsync(CancellationToken ct)
    {
        var elapsed = wall.Elapsed;
        var benchNow = Process.GetCurrentProcess().TotalProcessorTime;
        var appNow = Cpu(appPid) ?? app;
        var now = await BackendsAsync(connection, ct);
        double? db = now.Count == 0 ? null : now.Sum(b => (b.Value - database.GetValueOrDefault(b.Key)).TotalSeconds);
        return new CpuUse((appNow - app).TotalSeconds, db, (benchNow - bench).TotalSeconds, elapsed);
    }

    private static async Task<Dictionary<int, TimeSpan>> BackendsAsync(string connection, CancellationToken ct)
    {
        var pids = new List<int>();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) pids.Add(reader.GetInt32(0));
        }
        var result = new Dictionary<int, TimeSpan>();
        foreach (var pid in pids)
            if (Cpu(pid) is { } t) result[pid] = t;
        return result;
    }

    private static TimeSpan? Cpu(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
