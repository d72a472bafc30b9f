using System.Diagnostics;
using System.Globalization;
using System.Net;
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
        using var server = await AppServer.StartAsync(connection, ct);
        using var http = server.Client();
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
}
