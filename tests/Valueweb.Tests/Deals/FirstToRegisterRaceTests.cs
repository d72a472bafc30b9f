using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>32 partners register the same customer and product at once: exactly one holds priority, the rest are in conflict.</summary>
public sealed class FirstToRegisterRaceTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const int Partners = 32;

    private static async Task<List<string>> PartnerAdminsAsync(string connection)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        return await db.People.Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { p, o })
            .Where(x => x.o.Kind == OrganisationKind.Partner && x.o.Status == OrganisationStatus.Active && x.p.Role == Role.PartnerAdmin)
            .OrderBy(x => x.p.Email).Select(x => x.p.Email).Take(Partners).ToListAsync();
    }

    private static async Task AssertOneHoldsPriorityAsync(string connection, string customer)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        var rows = await db.DealRegistrations.Where(r => r.CustomerName.ToUpper().StartsWith(customer)).OrderBy(r => r.SubmittedAt).ToListAsync();
        rows.Count.ShouldBe(Partners);
        rows.Select(r => r.PartnerId).Distinct().Count().ShouldBe(Partners);
        rows.Count(r => !r.InConflict).ShouldBe(1, "exactly one registration holds priority");
        rows.Select(r => r.CustomerAccountId).Distinct().Count().ShouldBe(1, "one customer account, matched by all");
        var winner = rows.Single(r => !r.InConflict);
        var conflicts = await db.DealConflicts.Where(c => c.Kind == Valueweb.Features.Deals.ConflictKind.Registration)
            .Join(db.DealRegistrations, c => c.RegistrationId, r => r.Id, (c, r) => new { c.OtherId, r.CustomerName }).Where(x => x.CustomerName.ToUpper().StartsWith(customer)).ToListAsync();
        conflicts.ShouldContain(c => c.OtherId == winner.Id);
    }

    private static object Body(string customer, Guid line, int i) =>
        DealApi.Body(i % 2 == 0 ? customer : customer.ToUpperInvariant() + " GmbH", i % 3 == 0 ? "www." + customer.ToLowerInvariant().Replace(' ', '-') + ".de" : null, [line],
            contactEmail: $"buyer{i}@{customer.ToLowerInvariant().Replace(' ', '-')}.de");

    [Fact]
    public async Task In_one_process()
    {
        var emails = await PartnerAdminsAsync(app.Connection);
        emails.Count.ShouldBe(Partners);
        var clients = new List<HttpClient>();
        foreach (var e in emails) clients.Add(await app.ApiAs(e));
        var line = await DealApi.LineAsync(clients[0], "Cloud Platform");
        using var start = new SemaphoreSlim(0);
        var tasks = clients.Select(async (c, i) =>
        {
            await start.WaitAsync();
            return await c.PostAsJsonAsync(DealApi.Url, Body("Gipfelglueck Sportartikel", line, i));
        }).ToList();
        start.Release(Partners);
        foreach (var r in await Task.WhenAll(tasks)) ((int)r.StatusCode).ShouldBe(201, await r.Content.ReadAsStringAsync());
        await AssertOneHoldsPriorityAsync(app.Connection, "GIPFELGLUECK");
    }

    [Fact]
    public async Task Across_two_application_processes()
    {
        var connection = await TestDatabases.CloneAsync();
        var settings = new Dictionary<string, string> { ["Valueweb__RateLimitScale"] = "1000" };
        await using var first = await AppProcess.StartAsync(connection, settings);
        await using var second = await AppProcess.StartAsync(connection, settings);
        var emails = await PartnerAdminsAsync(connection);
        var clients = new List<HttpClient>();
        for (var i = 0; i < emails.Count; i++)
        {
            var client = new HttpClient { BaseAddress = new Uri(i % 2 == 0 ? first.BaseUrl : second.BaseUrl) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = emails[i], password = ValuewebFactory.Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            clients.Add(client);
        }
        var line = await DealApi.LineAsync(clients[0], "Data & Analytics");
        using var start = new SemaphoreSlim(0);
        var tasks = clients.Select(async (c, i) =>
        {
            await start.WaitAsync();
            return await c.PostAsJsonAsync(DealApi.Url, Body("Talblick Molkerei", line, i));
        }).ToList();
        start.Release(Partners);
        foreach (var r in await Task.WhenAll(tasks)) ((int)r.StatusCode).ShouldBe(201, await r.Content.ReadAsStringAsync() + first.Output + second.Output);
        await AssertOneHoldsPriorityAsync(connection, "TALBLICK");
        foreach (var c in clients) c.Dispose();
    }
}
