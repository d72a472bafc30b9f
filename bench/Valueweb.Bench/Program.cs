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

    usage: dotnet run -c Release --project bench/Valueweb.Bench -- <scenario> [options]

    scenarios:
      locator              partner locator: in-process search, then the real application over HTTP
                           (sequential and 8 concurrent workers) against a fresh PostgreSQL database
      deals                deal-registration conflict check: in-process ConflictDetector, then the real application
                           over HTTP (/check one at a time, registrations from 16 and 32 concurrent partners), for
                           each --registrations size in its own fresh database
      routing              lead routing in-process, no database: --leads generated leads routed one at a time
                           through RoutingEngine over --partners generated partners, with a capacity ledger
      import               lead import: a generated Salesforce export of --rows rows imported in-process (the CLI's path),
                           then a raw binary COPY of the same rows, in a fresh database
      accruals             incentives: --deals won deals over --partners partners through IncentiveCalculator in-process
                           (no database), then the same lines COPYed into a fresh database and one payout batch for all
                           of them (build, approve, pay, CSV export), checked: every line paid once

    options:
      --partners N         locator: partners generated on top of the demo program; routing: partners in the
                           snapshot; accruals: partners who win the deals (default 10000)
      --deals N            accruals: won deals (default 1000000)
      --command-timeout S  accruals: command timeout of the payout steps in seconds (default: the application's, 30 s)
      --leads N            routing: leads routed after 20,000 warm-up decisions (default 1000000)
      --registrations N,M  deals: registrations generated per run, comma-separated (default 10000,1000000)
      --requests N         measured requests per scenario, after 200 warm-up queries (default 2000)
      --rows N             import: rows of the generated lead file (default 1000000)
      --connection CS      PostgreSQL server to create the bench database on
                           (default: VALUEWEB_BENCH_PG, else Host=127.0.0.1;Port=55440;Username=postgres)
      --keep               keep the vw_bench_* database afterwards (it is dropped by default)
      --help               this text
    """;

var partners = 10_000;
int[] sizes = [10_000, 1_000_000];
var requests = 2_000;
var leads = 1_000_000;
var rows = 1_000_000;
var deals = 1_000_000;
int? commandTimeout = null;
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
        case "--registrations":
            sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => int.Parse(x.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
            break;
        case "--leads":
            leads = int.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            break;
        case "--requests":
            requests = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--rows":
            rows = int.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            break;
        case "--deals":
            deals = int.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            break;
        case "--command-timeout":
            commandTimeout = int.Parse(Value(), CultureInfo.InvariantCulture);
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
if (scenario is not ("locator" or "deals" or "routing" or "import" or "accruals") || rows < 1 || deals < 1 || partners < 0
    || (scenario == "accruals" && partners < 3) || commandTimeout < 0 || requests < 1 || leads < 1 || sizes.Length == 0 || sizes.Any(n => n < 2))
{
    Console.Error.WriteLine(scenario is null ? Help
        : $"Unknown scenario or bad numbers: {scenario}, --partners {partners}, --registrations {string.Join(',', sizes)}, --requests {requests}.\n\n{Help}");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var ct = cts.Token;

if (scenario == "routing") return RoutingScenario.Run(Console.Out, partners, leads, ct);

if (scenario == "deals")
{
    var runs = new List<DealRun>();
    foreach (var size in sizes)
    {
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"=== deals: {size:N0} registrations ==="));
        runs.Add(await InDatabaseAsync(bench => DealsAsync(bench, size)));
    }
    DealReport.PrintSummary(Console.Out, runs);
    return 0;
}

if (scenario == "import")
{
    if (await ImportScenario.UnderApplicationRuntimeAsync(args, ct) is { } code) return code;
    ImportScenario.Print(Console.Out, await InDatabaseAsync(bench => ImportScenario.RunAsync(bench, rows, ct)));
    return 0;
}

if (scenario == "accruals")
{
    if (await ImportScenario.UnderApplicationRuntimeAsync(args, ct) is { } code) return code;
    return await InDatabaseAsync(bench => AccrualScenario.RunAsync(Console.Out, bench, deals, partners, commandTimeout, ct));
}

return await InDatabaseAsync(LocatorAsync);

async Task<T> InDatabaseAsync<T>(Func<string, Task<T>> run)
{
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
        return await run(bench);
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
}

async Task<DealRun> DealsAsync(string bench, int size)
{
    var (data, load) = await DealGenerator.LoadAsync(bench, size, ct);
    Console.WriteLine(FormattableString.Invariant(
        $"generated {data.Registrations:N0} registrations for {data.Accounts.Count:N0} customer accounts ({data.Keys:N0} blocking keys, {data.Aliases:N0} aliases) over {data.Partners.Count} active partners with binary COPY + ANALYZE in {load.TotalSeconds:F1} s"));
    var loadPeak = ProcessMemory.PeakMiB(Environment.ProcessId);
    var scenario = new DealScenario(bench, data, requests);
    GC.Collect();
    var reset = ProcessMemory.ResetPeak(Environment.ProcessId);
    Console.WriteLine($"running {requests} checks in-process and over HTTP as {scenario.Asker.AdminEmail}, after 200 warm-up checks and again after "
        + $"{DealScenario.Settle} more; then registrations for 10 s per concurrency …");
    var run = await scenario.RunAsync(ct);
    DealReport.PrintRun(Console.Out, run, loadPeak, reset);
    return run;
}

async Task<int> LocatorAsync(string bench)
{
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

static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync(ct);
    await using var cmd = new NpgsqlCommand(sql, conn);
    await cmd.ExecuteNonQueryAsync(ct);
}
