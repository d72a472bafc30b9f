using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Features.Demo;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Bench;

/// <summary>A conflict check to make: what kind of customer it names (a variation of an existing one, or a new one), and the request body.</summary>
public sealed record CheckQuery(string Kind, bool Existing, RegistrationRequest Request);

/// <summary>
/// One measured in-process check, with its time split along the detector's steps (milliseconds): the blocking-key
/// lookup, loading the candidate accounts, scoring them (the time between the accounts' rows and the next command),
/// the open registrations, direct deals and named accounts of the matches, and the rest (context, connection, EF Core).
/// </summary>
public sealed record CheckTrace(string Kind, double Millis, double Connect, double Keys, double Accounts, double Scoring, double Registrations, double Direct,
    double Named, double Other, long Candidates, int Conflicts, bool Matched);

/// <summary>One in-process registration: its time and its SQL timeline.</summary>
public sealed record RegisterTrace(double Millis, IReadOnlyList<SqlTimeline.Span> Spans);

/// <summary>Everything one size measured.</summary>
/// <remarks>
/// Checks are measured twice with the same queries: right after the 200 warm-up checks, and once the JIT has settled
/// (after <see cref="DealScenario.Settle"/> more); the CLR compiles hot methods again, optimised, during the first
/// few thousand requests, and that work competes for the same two cores.
/// </remarks>
public sealed record DealRun(int Size, CheckPass InProcessCold, CheckPass InProcess, ScenarioResult EndpointPath, CheckPass HttpCheckCold, CheckPass HttpCheck,
    ScenarioResult Registering, IReadOnlyList<RegisterTrace> RegisterTraces, IReadOnlyList<RegisterLevel> Levels, double? BenchPeakMiB, double? AppPeakMiB)
{
    public IReadOnlyList<ScenarioResult> Results =>
        [InProcessCold.Result, InProcess.Result, EndpointPath, HttpCheckCold.Result, HttpCheck.Result, Registering, .. Levels.Select(l => l.Result)];
}

/// <summary>One measured pass of checks: its figures, the in-process traces (none over HTTP), the share answered with conflicts, the CPU over HTTP.</summary>
public sealed record CheckPass(ScenarioResult Result, IReadOnlyList<CheckTrace> Traces, double HitRate, CpuUse? Cpu);

/// <summary>Registering at one concurrency: outcomes by status, and the CPU it took.</summary>
public sealed record RegisterLevel(int Clients, ScenarioResult Result, int Created, int Refused, int InConflict, int Failed, string? FirstFailure, CpuUse Cpu);

/// <summary>
/// The deal-registration conflict check under load: <see cref="ConflictDetector.DetectAsync"/> called in-process (one
/// system context per check, as a request would), then the real application as a child process: <c>POST
/// /api/v1/deal-registrations/check</c> one at a time as a demo partner, and <c>POST /api/v1/deal-registrations</c> from
/// concurrent clients, each signed in as a different demo partner's admin.
/// </summary>
public sealed class DealScenario
{
    private const int WarmUp = 200;
    public const int Settle = 4_000;
    private const int RegisterWarmUp = 200;
    private const int RegisterPool = 30_000;
    private const int InProcessRegistrations = 300;
    private static readonly TimeSpan RegisterFor = TimeSpan.FromSeconds(10);
    public static readonly int[] ClientCounts = [16, 32];

    private readonly string connection;
    private readonly DealData data;
    private readonly int requests;
    private readonly CompanyNames fresh;
    private readonly DemoPartner asker;
    private readonly DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);

    public DealScenario(string connection, DealData data, int requests)
    {
        this.connection = connection;
        this.data = data;
        this.requests = requests;
        // New customers come from their own generator that knows every generated one, so "new" really is new.
        fresh = new CompanyNames(new Random(1234));
        foreach (var a in data.Accounts)
        {
            fresh.Reserve(a.Company);
            if (a.Alias is not null) fresh.Reserve(a.Alias);
        }
        asker = data.Partners.FirstOrDefault(p => p.Slug == "alpenglow") ?? data.Partners[0];
    }

    public DemoPartner Asker => asker;

    /// <summary>
    /// A deterministic mix: half an existing customer (picked as often as it was registered; in other letter case,
    /// without or with another legal form, with a typo — named only, the contact at a free mail provider — or only by
    /// its domain, as www.domain or in the contact's e-mail, under a trading name), half a new customer (70 % with a
    /// domain). Product lines: for existing customers mostly one of their open registrations' lines.
    /// </summary>
    public List<CheckQuery> Mix(int count, Random random, double existing = 0.5)
    {
        var list = new List<CheckQuery>(count);
        for (var i = 0; i < count; i++) list.Add(random.NextDouble() < existing ? Existing(random) : New(random));
        return list;
    }

    private CheckQuery Existing(Random random)
    {
        var a = data.Accounts[data.AccountOfRegistration[random.Next(data.AccountOfRegistration.Count)]];
        var c = a.Company;
        var (contact, free) = DealGenerator.Contact(random, null);
        var variation = random.Next(c.Domain is null ? 3 : 4);
        var (kind, name, domain, email) = variation switch
        {
            0 => ("existing: other case", fresh.OtherCase(c), (string?)null, free),
            1 => ("existing: legal form dropped/added", fresh.SuffixDropped(c), null, free),
            2 => ("existing: typo", fresh.Typo(c), null, free),
            _ when random.Next(2) == 0 => ("existing: domain as www.", fresh.TradingName(c), "www." + c.Domain, free),
            _ => ("existing: domain in e-mail", fresh.TradingName(c), null, free.Split('@')[0] + "@" + c.Domain),
        };
        return new CheckQuery(kind, true, Request(name, domain, c.Country, contact, email, Lines(random, a.OpenLines)));
    }

    private CheckQuery New(Random random)
    {
        var c = fresh.Next();
        var (contact, email) = DealGenerator.Contact(random, c.Domain);
        var domain = c.Domain is not null && random.Next(100) < 80 ? c.Domain : null;
        return new CheckQuery("new customer", false, Request(c.Name, domain, c.Country, contact, email, Lines(random, 0)));
    }

    private Guid[] Lines(Random random, int open)
    {
        var lines = data.ProductLines;
        var mask = 0;
        if (open != 0 && random.NextDouble() < 0.7)
        {
            var bits = Enumerable.Range(0, lines.Count).Where(i => (open & (1 << i)) != 0).ToList();
            mask = 1 << bits[random.Next(bits.Count)];
            if (random.NextDouble() < 0.3) mask |= 1 << random.Next(lines.Count);
        }
        else
        {
            var count = random.Next(100) < 65 ? 1 : 2;
            while (System.Numerics.BitOperations.PopCount((uint)mask) < count) mask |= 1 << random.Next(lines.Count);
        }
        return Enumerable.Range(0, lines.Count).Where(i => (mask & (1 << i)) != 0).Select(i => lines[i]).ToArray();
    }

    private RegistrationRequest Request(string name, string? domain, string country, string contact, string email, Guid[] lines) =>
        new(new CustomerInput(name, domain, country), new ContactInput(contact, email, null), [.. lines], new MoneyValue(85_000m, "EUR"),
            today.AddDays(90), null, "Bench: new opportunity.", null);

    private ValidRegistration Valid(CheckQuery q)
    {
        var errors = new FieldErrors();
        return RegistrationValidation.Validate(q.Request, today, errors)
            ?? throw new InvalidOperationException($"The bench made an invalid request ({q.Kind}): {string.Join("; ", errors.All.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
    }

    public async Task<DealRun> RunAsync(CancellationToken ct)
    {
        var warm = Mix(WarmUp, new Random(1));
        var settle = Mix(Settle, new Random(3));
        var measured = Mix(requests, new Random(7));
        var inProcessCold = await InProcessAsync("in-process DetectAsync, after 200 warm-up", warm, measured, ct);
        var inProcess = await InProcessAsync("in-process DetectAsync, JIT settled", settle, measured, ct);
        var endpointPath = await EndpointPathAsync(measured, ct);

        using var server = await AppServer.StartAsync(connection, ct);
        using var http = server.Client();
        var token = await LoginAsync(http, asker.AdminEmail, ct);
        var checkCold = await HttpCheckAsync("HTTP …/check, after 200 warm-up", http, token, server.Process.Id, warm, measured, ct);
        var check = await HttpCheckAsync("HTTP …/check, JIT settled", http, token, server.Process.Id, settle, measured, ct);
        var (registering, registerTraces) = await RegisterInProcessAsync(ct);
        var levels = await RegisterAsync(http, server.Process.Id, ct);
        var appPeak = ProcessMemory.PeakMiB(server.Process.Id);
        server.Stop();
        var benchPeak = ProcessMemory.PeakMiB(Environment.ProcessId);
        return new DealRun((int)data.Registrations, inProcessCold, inProcess, endpointPath, checkCold, check, registering, registerTraces, levels, benchPeak, appPeak);
    }

    private async Task<CheckPass> InProcessAsync(string label, List<CheckQuery> warm, List<CheckQuery> measured, CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        double threshold;
        await using (var db = DatabaseRegistration.CreateSystemContext(options)) threshold = (await EngagementRules.LoadAsync(db, ct)).Program.ConflictThreshold;
        async Task<Detection> One(ValidRegistration v)
        {
            await using var db = DatabaseRegistration.CreateSystemContext(options);
            return await new ConflictDetector(db, TimeProvider.System).DetectAsync(v.Customer, v.ProductLineIds, asker.Id, threshold, null, ct);
        }
        foreach (var q in warm) await One(Valid(q));

        var valid = measured.Select(Valid).ToList();
        using var sql = SqlTimeline.Listen();
        var traces = new List<CheckTrace>(measured.Count);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < measured.Count; i++)
        {
            sql.Reset();
            var start = Stopwatch.GetTimestamp();
            var detection = await One(valid[i]);
            var end = Stopwatch.GetTimestamp();
            traces.Add(Trace(measured[i].Kind, start, end, sql.Spans, detection));
        }
        return new CheckPass(Percentiles.Summarise(label, traces.Select(t => t.Millis), wall.Elapsed), traces,
            (double)traces.Count(t => t.Conflicts > 0) / traces.Count, null);
    }

    /// <summary>
    /// What the check endpoint does after signing-in, in-process: a context narrowed to the partner, the rules, the
    /// reference checks, the detection and, when there are conflicts, the product lines' names (no HTTP, no actor lookup).
    /// </summary>
    private async Task<ScenarioResult> EndpointPathAsync(List<CheckQuery> measured, CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        var actor = new CurrentActor { Value = new Actor { PersonId = asker.AdminId, OrganisationId = asker.Id, OrganisationKind = OrganisationKind.Partner, Role = Role.PartnerAdmin } };
        var valid = measured.Select(Valid).ToList();
        var millis = new List<double>(valid.Count);
        var wall = Stopwatch.StartNew();
        foreach (var v in valid)
        {
            var sw = Stopwatch.StartNew();
            await using var db = DatabaseRegistration.CreateSystemContext(options);
            db.Tenant.Become(false, asker.Id);
            var rules = await DealReferenceData.GetAsync(db, ct);
            await Registering(db, actor).ValidateReferencesAsync(v, rules, new FieldErrors(), ct);
            var detection = await new ConflictDetector(db, TimeProvider.System).DetectAsync(v.Customer, v.ProductLineIds, asker.Id, rules.Rules.Program.ConflictThreshold, null, ct);
            if (detection.Conflicts.Count > 0) _ = rules.NamesOf(v.ProductLineIds);
            millis.Add(sw.Elapsed.TotalMilliseconds);
        }
        return Percentiles.Summarise("in-process check endpoint path, settled", millis, wall.Elapsed);
    }

    private static CheckTrace Trace(string kind, long start, long end, IReadOnlyList<SqlTimeline.Span> spans, Detection detection)
    {
        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        double Sum(string table) => spans.Where(s => s.Table == table).Sum(s => Ms(s.Start, s.End));
        var total = Ms(start, end);
        var scoring = 0.0;
        if (spans.FirstOrDefault(s => s.Table == "CustomerAccounts") is { } accounts)
        {
            var next = spans.Where(s => s.Start >= accounts.End).Select(s => s.Start).DefaultIfEmpty(end).Min();
            scoring = Ms(accounts.End, next);
        }
        var (connect, keys, loaded) = (Sum("(open connection)"), Sum("CustomerKeys"), Sum("CustomerAccounts"));
        var (registrations, direct, named) = (Sum("DealRegistrations"), Sum("DirectDeals"), Sum("NamedAccounts"));
        return new CheckTrace(kind, total, connect, keys, loaded, scoring, registrations, direct, named,
            total - connect - keys - loaded - scoring - registrations - direct - named,
            spans.Where(s => s.Table == "CustomerKeys").Sum(s => s.Rows), detection.Conflicts.Count, detection.Account is not null);
    }

    /// <summary>
    /// The registration path in-process, one at a time, as the endpoint runs it for the asking partner (rules, reference
    /// checks, then <see cref="DealRegistering.RegisterAsync"/>), to see its SQL: 90 % new customers, 10 % existing ones.
    /// </summary>
    private async Task<(ScenarioResult, List<RegisterTrace>)> RegisterInProcessAsync(CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        async Task One(CheckQuery q)
        {
            await using var db = DatabaseRegistration.CreateSystemContext(options);
            db.Tenant.Become(false, asker.Id);
            var actor = new CurrentActor
            {
                Value = new Actor
                {
                    PersonId = asker.AdminId,
                    OrganisationId = asker.Id,
                    OrganisationName = asker.Slug,
                    OrganisationKind = OrganisationKind.Partner,
                    OrganisationStatus = OrganisationStatus.Active,
                    Role = Role.PartnerAdmin,
                    Name = asker.AdminEmail,
                },
            };
            var registering = Registering(db, actor);
            var rules = await DealReferenceData.GetAsync(db, ct);
            var valid = Valid(q);
            var errors = new FieldErrors();
            await registering.ValidateReferencesAsync(valid, rules, errors, ct);
            if (errors.Any) throw new InvalidOperationException($"The bench made a registration the application refuses ({q.Kind}).");
            await registering.RegisterAsync(valid, rules, ct);
        }
        var random = new Random(13);
        foreach (var q in Mix(50, random, existing: 0.1)) await One(q);
        var measured = Mix(InProcessRegistrations, random, existing: 0.1);
        using var sql = SqlTimeline.Listen();
        var traces = new List<RegisterTrace>(measured.Count);
        var wall = Stopwatch.StartNew();
        foreach (var q in measured)
        {
            sql.Reset();
            var start = Stopwatch.GetTimestamp();
            await One(q);
            traces.Add(new RegisterTrace(Stopwatch.GetElapsedTime(start).TotalMilliseconds, [.. sql.Spans]));
        }
        return (Percentiles.Summarise("in-process registration, sequential", traces.Select(t => t.Millis), wall.Elapsed), traces);
    }

    /// <summary>Registering as the application wires it for a request (no HTTP context, no idempotency key).</summary>
    private static DealRegistering Registering(ValuewebDb db, CurrentActor actor)
    {
        var clock = TimeProvider.System;
        return new DealRegistering(db, actor, new Journal(db, actor, new HttpContextAccessor(), clock), new ConflictDetector(db, clock),
            new Notifier(db, new JobQueue(db, clock, new JobSignal()), clock), new IdempotencyContext(), new DealViews(db, actor, Options.Create(new JsonOptions())), clock);
    }

    private async Task<CheckPass> HttpCheckAsync(string label, HttpClient http, string token, int appPid, List<CheckQuery> warm, List<CheckQuery> measured,
        CancellationToken ct)
    {
        var warmBodies = warm.Select(q => JsonSerializer.SerializeToUtf8Bytes(q.Request, JsonSerializerOptions.Web)).ToList();
        var bodies = measured.Select(q => JsonSerializer.SerializeToUtf8Bytes(q.Request, JsonSerializerOptions.Web)).ToList();
        foreach (var b in warmBodies) await CheckAsync(http, token, b, ct);
        var millis = new List<double>(bodies.Count);
        var hits = 0;
        var meter = await CpuMeter.StartAsync(appPid, connection, ct);
        var wall = Stopwatch.StartNew();
        foreach (var b in bodies)
        {
            var sw = Stopwatch.StartNew();
            var answer = await CheckAsync(http, token, b, ct);
            millis.Add(sw.Elapsed.TotalMilliseconds);
            if (answer.Contains("\"kind\"", StringComparison.Ordinal)) hits++;
        }
        wall.Stop();
        var cpu = await meter.StopAsync(ct);
        return new CheckPass(Percentiles.Summarise(label, millis, wall.Elapsed), [], (double)hits / bodies.Count, cpu);
    }

    private static async Task<string> CheckAsync(HttpClient http, string token, byte[] body, CancellationToken ct)
    {
        using var request = Post("/api/v1/deal-registrations/check", token, body);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"POST /api/v1/deal-registrations/check answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 400)]}");
        return text;
    }

    /// <summary>
    /// Registrations from concurrent clients, each a different partner's admin: 90 % new customers, 10 % an existing
    /// customer (its name, or a variation with its domain), for <see cref="RegisterFor"/> or until the bodies run out.
    /// </summary>
    private async Task<List<RegisterLevel>> RegisterAsync(HttpClient http, int appPid, CancellationToken ct)
    {
        var clients = Math.Min(ClientCounts.Max(), data.Partners.Count);
        var tokens = new List<string>();
        foreach (var p in data.Partners.Take(clients)) tokens.Add(await LoginAsync(http, p.AdminEmail, ct));
        var random = new Random(11);
        List<byte[]> Bodies(int count) =>
            Mix(count, random, existing: 0.1).Select(q => JsonSerializer.SerializeToUtf8Bytes(q.Request, JsonSerializerOptions.Web)).ToList();

        await RunLevelAsync(http, tokens.Take(16).ToList(), Bodies(RegisterWarmUp), TimeSpan.FromMinutes(1), null, ct);
        var levels = new List<RegisterLevel>();
        foreach (var n in ClientCounts.Where(n => n <= tokens.Count))
        {
            var bodies = Bodies(RegisterPool);
            levels.Add(await RunLevelAsync(http, tokens.Take(n).ToList(), bodies, RegisterFor, await CpuMeter.StartAsync(appPid, connection, ct), ct));
        }
        return levels;
    }

    private static async Task<RegisterLevel> RunLevelAsync(HttpClient http, List<string> tokens, List<byte[]> bodies, TimeSpan duration, CpuMeter? meter,
        CancellationToken ct)
    {
        var millis = new double[bodies.Count];
        int created = 0, refused = 0, inConflict = 0, failed = 0, done = 0;
        string? firstFailure = null;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select(token => Task.Run(async () =>
        {
            int i;
            while (wall.Elapsed < duration && (i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var sw = Stopwatch.StartNew();
                using var request = Post("/api/v1/deal-registrations", token, bodies[i]);
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                millis[i] = sw.Elapsed.TotalMilliseconds;
                Interlocked.Increment(ref done);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        Interlocked.Increment(ref created);
                        if (text.Contains("\"inConflict\":true", StringComparison.Ordinal)) Interlocked.Increment(ref inConflict);
                        break;
                    case HttpStatusCode.Conflict:
                        Interlocked.Increment(ref refused);
                        break;
                    default:
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 400)]}", null);
                        break;
                }
            }
        }, ct)));
        wall.Stop();
        var cpu = meter is null ? null : await meter.StopAsync(ct);
        var result = Percentiles.Summarise($"HTTP POST registrations, {tokens.Count} clients", millis.Where(m => m > 0), wall.Elapsed);
        return new RegisterLevel(tokens.Count, result, created, refused, inConflict, failed, firstFailure, cpu!);
    }

    private static HttpRequestMessage Post(string path, string token, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> LoginAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoProgram.Password }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString()!;
    }

    // Printing ------------------------------------------------------------------------------------------------------------

    public static void PrintBreakdown(TextWriter w, IReadOnlyList<CheckTrace> traces)
    {
        w.WriteLine("in-process check, where the time goes (averages per check, ms; scoring = between the accounts' rows and the next command):");
        w.WriteLine("checks                      count  p50 ms  p99 ms   total  connect    keys  accounts  scoring  registr.  direct   named   other  candidates  conflicts");
        void Row(string label, IReadOnlyList<CheckTrace> g)
        {
            if (g.Count == 0) return;
            var ms = g.Select(t => t.Millis).Order().ToList();
            w.WriteLine(FormattableString.Invariant(
                $"{label,-26}  {g.Count,5}  {Percentiles.Of(ms, 50),6:F2}  {Percentiles.Of(ms, 99),6:F2}  {g.Average(t => t.Millis),6:F2}  {g.Average(t => t.Connect),7:F2}  {g.Average(t => t.Keys),6:F2}  {g.Average(t => t.Accounts),8:F2}  {g.Average(t => t.Scoring),7:F2}  {g.Average(t => t.Registrations),8:F2}  {g.Average(t => t.Direct),6:F2}  {g.Average(t => t.Named),6:F2}  {g.Average(t => t.Other),6:F2}  {g.Average(t => (double)t.Candidates),10:F1}  {g.Average(t => (double)t.Conflicts),9:F2}"));
        }
        Row("no candidate", traces.Where(t => t.Candidates == 0).ToList());
        Row("candidates, none matched", traces.Where(t => t.Candidates > 0 && !t.Matched).ToList());
        Row("matched an account", traces.Where(t => t.Matched).ToList());
        Row("all", traces);
        w.WriteLine();
        w.WriteLine("in-process check by query kind:");
        w.WriteLine("kind                                   count  p50 ms  p99 ms  matched  with conflicts  candidates");
        foreach (var g in traces.GroupBy(t => t.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ms = g.Select(t => t.Millis).Order().ToList();
            w.WriteLine(FormattableString.Invariant(
                $"{g.Key,-37}  {g.Count(),5}  {Percentiles.Of(ms, 50),6:F2}  {Percentiles.Of(ms, 99),6:F2}  {100.0 * g.Count(t => t.Matched) / g.Count(),6:F0} %  {100.0 * g.Count(t => t.Conflicts > 0) / g.Count(),12:F0} %  {g.Average(t => (double)t.Candidates),10:F1}"));
        }
    }
}
