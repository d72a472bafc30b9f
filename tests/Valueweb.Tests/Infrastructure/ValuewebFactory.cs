using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Tests.Infrastructure;

/// <summary>
/// The application on a database of its own (a clone of the seeded template), with a clock tests move.
/// Intent methods sign people in and reach into the database as the system.
/// </summary>
public class ValuewebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset At)> tokens = new();
    public string Connection { get; protected set; } = "";
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public const string Password = "Demo-Passw0rd!";
    public const string VendorAdmin = "admin@valueweb.demo";
    public const string ChannelManager = "cm@valueweb.demo";
    /// <summary>Two competing partners (same product line, same country) and a third.</summary>
    public const string PartnerA = "admin@alpenglow.demo";
    public const string PartnerB = "admin@bergmann.demo";
    public const string PartnerC = "admin@cobalt.demo";

    public virtual async Task InitializeAsync() => Connection = await TestDatabases.CloneAsync();

    public UnhandledErrors Errors { get; } = new();

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (!Errors.Seen.IsEmpty) throw new InvalidOperationException("The app threw unhandled exceptions:\n" + string.Join("\n\n", Errors.Seen));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Valueweb:Database", TestDatabases.Engine.ToString());
        builder.UseSetting("Valueweb:Connection", Connection);
        builder.UseSetting("Valueweb:Migrate", "true");
        builder.UseSetting("Valueweb:SeedDemo", "false");
        builder.UseSetting("Valueweb:RateLimitScale", "1000");
        builder.UseSetting("Valueweb:RunJobs", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client that calls the API with the bearer token of this person (password: the demo's).</summary>
    public async Task<HttpClient> ApiAs(string email)
    {
        var client = Anonymous();
        string token;
        if (tokens.TryGetValue(email, out var cached) && Clock.GetUtcNow() - cached.At < TimeSpan.FromMinutes(30))
            token = cached.Token;
        else
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenAnswer>())!.AccessToken;
            tokens[email] = (token, Clock.GetUtcNow());
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs work against the database as the system (sees everything).</summary>
    public async Task<T> Db<T>(Func<ValuewebDb, Task<T>> work)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(Connection));
        return await work(db);
    }

    public Task<Guid> OrganisationOf(string email) =>
        Db(db => db.People.Where(p => p.Email == email).Select(p => p.OrganisationId).SingleAsync());

    public Task<Guid> PartnerIdBySlug(string slug) =>
        Db(db => db.Organisations.Where(o => o.Slug == slug && o.Kind == OrganisationKind.Partner).Select(o => o.Id).SingleAsync());

    /// <summary>Runs every job due by the test clock, as a node would.</summary>
    public Task<int> RunJobsAsync() => Services.GetRequiredService<Valueweb.Platform.Jobs.JobRunner>().RunDueAsync(default);

    /// <summary>The e-mails queued for an address (their bodies), oldest first.</summary>
    public Task<List<string>> EmailsTo(string address) => Db(async db =>
        (await db.Jobs.Where(j => j.Kind == "email.send").OrderBy(j => j.CreatedAt).Select(j => j.Payload).ToListAsync())
            .Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty("to").GetString() == address)
            .Select(e => e.GetProperty("subject").GetString() + "\n" + e.GetProperty("body").GetString()).ToList());

    public async Task<string> ETagOf(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
