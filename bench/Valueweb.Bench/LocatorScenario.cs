using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Valueweb.Data;
using Valueweb.Features.Locator;
using Valueweb.Platform;

namespace Valueweb.Bench;

/// <summary>
/// The locator under load: the search called in-process (one context per query, as a request would), then the real
/// application started as a child process and queried over HTTP, one request at a time and with concurrent workers.
/// </summary>
public sealed class LocatorScenario(string connection, IReadOnlyList<Guid> productLines, int requests)
{
    private const int WarmUp = 200;
    private const int Workers = 8;
    private static readonly string[] TypeFilters = ["reseller", "distributor", "systemIntegrator", "valueAddedReseller"];

    /// <summary>A deterministic mix: a city (or ~10% a position near one), ~30% a type, ~20% a product line, ~10% the city's country.</summary>
    public List<LocatorQuery> Mix(int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<LocatorQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var city = Cities.All[random.Next(Cities.All.Count)];
            var position = random.NextDouble() < 0.10;
            var type = random.NextDouble() < 0.30 ? TypeFilters[random.Next(TypeFilters.Length)] : null;
            Guid? line = random.NextDouble() < 0.20 ? productLines[random.Next(productLines.Count)] : null;
            var country = random.NextDouble() < 0.10 ? city.CountryCode : null;
            queries.Add(position
                ? new LocatorQuery(null, Math.Round(city.Latitude + (random.NextDouble() - 0.5), 4), Math.Round(city.Longitude + (random.NextDouble() - 0.5), 4),
                    country, line, null, type, null, 25, null)
                : new LocatorQuery(city.Key, null, null, country, line, null, type, null, 25, null));
        }
        return queries;
    }

    /// <summary>One measured in-process query: its time, and the SQL it ran (commands, time in the database, rows read).</summary>
    public sealed record Trace(LocatorQuery Query, double Millis, int Commands, double SqlMillis, long Rows);

    public async Task<(ScenarioResult Result, List<Trace> Traces)> InProcessAsync(CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        async Task<int> One(LocatorQuery q)
        {
            await using var db = DatabaseRegistration.CreateSystemContext(options);
            return (await LocatorSearch.SearchAsync(db, q, ct)).Items.Count;
        }
        foreach (var q in Mix(WarmUp, 1)) await One(q);
        using var sql = SqlCounter.Listen();
        var traces = new List<Trace>(requests);
        var wall = Stopwatch.StartNew();
        foreach (var q in Mix(requests, 7))
        {
            sql.Reset();
            var sw = Stopwatch.StartNew();
            await One(q);
            traces.Add(new Trace(q, sw.Elapsed.TotalMilliseconds, sql.Commands, sql.Millis, sql.Rows));
        }
        return (Percentiles.Summarise("in-process search, sequential", traces.Select(t => t.Millis), wall.Elapsed), traces);
    }

    public async Task<IReadOnlyList<ScenarioResult>> OverHttpAsync(CancellationToken ct)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var server = StartServer(baseUrl);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl),
            };
            await WaitUntilHealthyAsync(http, server, ct);
            foreach (var q in Mix(WarmUp, 1)) await GetAsync(http, q, ct);
            var queries = Mix(requests, 7);

            var sequential = new List<double>(requests);
            var wall = Stopwatch.StartNew();
            foreach (var q in queries)
            {
                var sw = Stopwatch.StartNew();
                await GetAsync(http, q, ct);
                sequential.Add(sw.Elapsed.TotalMilliseconds);
            }
            var first = Percentiles.Summarise("HTTP /api/v1/locator, sequential", sequential, wall.Elapsed);

            var concurrent = new double[queries.Count];
            var next = -1;
            wall.Restart();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < queries.Count)
                {
                    var sw = Stopwatch.StartNew();
                    await GetAsync(http, queries[i], ct);
                    concurrent[i] = sw.Elapsed.TotalMilliseconds;
                }
            }, ct)));
            var second = Percentiles.Summarise($"HTTP /api/v1/locator, {Workers} concurrent", concurrent, wall.Elapsed);
            return [first, second];
        }
        finally
        {
            server.Stop();
        }
    }

    /// <summary>Counts EF Core's commands, their duration and the rows read, from its diagnostic events (sequential use only).</summary>
    private sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> subscriptions = [];
        public int Commands { get; private set; }
        public double Millis { get; private set; }
        public long Rows { get; private set; }

        public static SqlCounter Listen()
        {
            var counter = new SqlCounter();
            counter.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(counter));
            return counter;
        }

        public void Reset() => (Commands, Millis, Rows) = (0, 0, 0);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name) subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            switch (value.Value)
            {
                case CommandExecutedEventData e:
                    Commands++;
                    Millis += e.Duration.TotalMilliseconds;
                    break;
                case DataReaderDisposingEventData e:
                    Rows += e.ReadCount;
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var s in subscriptions) s.Dispose();
        }
    }

    public static string Url(LocatorQuery q)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("near", q.Near);
        Add("lat", q.Latitude?.ToString(CultureInfo.InvariantCulture));
        Add("lon", q.Longitude?.ToString(CultureInfo.InvariantCulture));
        Add("country", q.Country);
        Add("productLineId", q.ProductLineId?.ToString());
        Add("competency", q.Competency);
        Add("type", q.Type);
        Add("limit", q.Limit?.ToString(CultureInfo.InvariantCulture));
        return "/api/v1/locator?" + string.Join('&', parts);
    }

    private static async Task GetAsync(HttpClient http, LocatorQuery q, CancellationToken ct)
    {
        using var response = await http.GetAsync(Url(q), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {Url(q)} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, Server server, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.Process.HasExited)
                throw new InvalidOperationException($"The application exited with code {server.Process.ExitCode} before it was healthy:\n{server.Output}");
            try
            {
                using var response = await http.GetAsync("/healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The application did not answer /healthz with 200 within 90 seconds:\n{server.Output}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Server(Process process, StringBuilder output) : IDisposable
    {
        public Process Process => process;

        public string Output
        {
            get
            {
                lock (output) return output.ToString();
            }
        }

        public void Stop()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        public void Dispose()
        {
            Stop();
            process.Dispose();
        }
    }

    private Server StartServer(string baseUrl)
    {
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "serve", "--urls", baseUrl, "--database", "postgres", "--connection", connection }) start.ArgumentList.Add(a);
        start.Environment["Valueweb__RateLimitScale"] = "100000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the application.");
        var output = new StringBuilder();
        void Keep(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output)
            {
                if (output.Length < 64_000) output.AppendLine(e.Data);
            }
        }
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Server(process, output);
    }

    /// <summary>src/Valueweb/bin/Release/net10.0/valueweb.dll, found by walking up to the repository root; built first if missing.</summary>
    private static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Valueweb.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Valueweb.slnx above {AppContext.BaseDirectory}: run the bench from the repository.");
        var dll = Path.Combine(dir.FullName, "src", "Valueweb", "bin", "Release", "net10.0", "valueweb.dll");
        if (File.Exists(dll)) return dll;
        Console.WriteLine("Building src/Valueweb (Release) …");
        var build = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.FullName, UseShellExecute = false };
        foreach (var a in new[] { "build", "src/Valueweb", "-c", "Release" }) build.ArgumentList.Add(a);
        using var p = Process.Start(build) ?? throw new InvalidOperationException("Could not start dotnet build.");
        p.WaitForExit();
        if (p.ExitCode != 0 || !File.Exists(dll)) throw new InvalidOperationException($"dotnet build src/Valueweb -c Release failed (exit {p.ExitCode}).");
        return dll;
    }
}
