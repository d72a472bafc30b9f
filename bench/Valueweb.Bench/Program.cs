using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Valueweb.Bench;
using Valueweb.Data;
using Valueweb.Features.Demo;
using Valueweb.Features.Identity;
using Valueweb.Platform;

const string Help = """
    Valueweb benchmarks

    usage: dotnet run -c Release --project bench/Valueweb.Bench -- locator [options]

    scenarios:
      locator              partner locator: in-process search, then the real application over HTTP
                           (sequential and 8 concurrent workers) against a fresh PostgreSQL database

    options:
      --partners N         partners generated on top of the demo program (default 10000)
      --requests N         measured requests per scenario, after 200 warm-up queries (default 2000)
      --connection CS      PostgreSQL server to create the bench database on
                           (default: VALUEWEB_BENCH_PG, else Host=127.0.0.1;Port=55440;Username=postgres)
      --keep               keep the vw_bench_* database afterwards (it is dropped by default)
      --help               this text
    """;

var partners = 10_000;
var requests = 2_000;
var server = Environment.GetEnvironmentVariable("VALUEWEB_BENCH_PG") is { Length: > 0 } env ? env : "Host=127.0.0.1;Port=55440;Username=postgres";
var keep = false;
string? scenario = null;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--help" or "-h" or "help":
            Console.WriteLine(Help);
            return 0;
        case "--partners":
            partners = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--requests":
            requests = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--connection":
            server = Value();
            break;
        case "--keep":
            keep = true;
            break;
        case var s when !s.StartsWith('-') && scenario is null:
            scenario = s;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.\n\n{Help}");
            return 2;
    }
}
if (scenario != "locator" || partners < 0 || requests < 1)
{
    Console.Error.WriteLine(scenario is null ? Help : $"Unknown scenario or bad numbers: {scenario}, --partners {partners}, --requests {requests}.\n\n{Help}");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var ct = cts.Token;

var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" };
var name = $"vw_bench_{Guid.NewGuid():N}"[..20];
var bench = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{name}\"", ct);
Console.WriteLine($"database {name} on {admin.Host}:{admin.Port}");
try
{
    var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = bench };
    await using (var db = DatabaseRegistration.CreateSystemContext(options))
    {
        await db.Database.MigrateAsync(ct);
        await DemoProgram.SeedIfEmptyAsync(db, AccountPasswords.Hasher, TimeProvider.System, ct);
    }
    var load = await PartnerGenerator.LoadAsync(bench, partners, ct);
    Console.WriteLine($"generated {partners} partners with binary COPY + ANALYZE in {load.TotalSeconds:F1} s");

    long total, listed;
    List<Guid> lines;
    await using (var conn = new NpgsqlConnection(bench))
    {
        await conn.OpenAsync(ct);
        total = await PartnerGenerator.ScalarAsync<long>(conn, "SELECT count(*) FROM \"Partners\"", ct);
        listed = await PartnerGenerator.ScalarAsync<long>(conn,
            "SELECT count(*) FROM \"Partners\" p JOIN \"Organisations\" o ON o.\"Id\" = p.\"Id\" WHERE p.\"Listed\" AND o.\"Status\" = 2 AND o.\"Kind\" = 1", ct);
        lines = await PartnerGenerator.ListAsync(conn, "SELECT \"Id\" FROM \"ProductLines\" ORDER BY \"Code\"", ct);
    }
    Console.WriteLine($"partners in database: {total} (listed and active: {listed})");

    var locator = new LocatorScenario(bench, lines, requests);
    Console.WriteLine($"running {requests} requests per scenario after 200 warm-up queries …");
    var (inProcess, traces) = await locator.InProcessAsync(ct);
    var results = new List<ScenarioResult> { inProcess };
    results.AddRange(await locator.OverHttpAsync(ct));

    Console.WriteLine();
    Percentiles.Print(Console.Out, results);
    Console.WriteLine();
    var sequential = results[1];
    var met = sequential.P99 <= 20 ? "MET" : "NOT MET";
    var note = partners == 10_000 ? "" : $" (the goal is stated at 10,000 partners; this run generated {partners})";
    Console.WriteLine("in-process search by SQL commands per query (candidate rounds + 1 for competencies):");
    Console.WriteLine("commands  queries  p50 ms  p99 ms  sql ms avg  rows read avg");
    foreach (var g in traces.GroupBy(t => t.Commands).OrderBy(g => g.Key))
    {
        var ms = g.Select(t => t.Millis).Order().ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"{g.Key,8}  {g.Count(),7}  {Percentiles.Of(ms, 50),6:F2}  {Percentiles.Of(ms, 99),6:F2}  {g.Average(t => t.SqlMillis),10:F2}  {g.Average(t => t.Rows),13:F0}"));
    }
    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"goal: p99 <= 20 ms — {met} (sequential HTTP p99 = {sequential.P99:F2} ms){note}"));
    return 0;
}
finally
{
    if (keep)
    {
        Console.WriteLine($"kept database {name}: {bench}");
    }
    else
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }
}

static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync(ct);
    await using var cmd = new NpgsqlCommand(sql, conn);
    await cmd.ExecuteNonQueryAsync(ct);
}
