using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Leads;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>Many leads at once for the same few partners: the database's conditional update keeps every partner within its open-lead limit.</summary>
public sealed class CapacityRaceTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const int Limit = 3;
    private const int Leads = 16;

    [Fact]
    public async Task Sixteen_leads_at_once_never_take_a_partner_past_its_open_lead_limit()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var settings = await LeadApi.GetAsync(admin, "/api/v1/lead-settings");
        var routing = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetProperty("routing").GetRawText())!;
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/lead-settings")
        {
            Content = JsonContent.Create(new { routing = new { steps = routing["steps"], capacity = new { maxOpenLeads = Limit, dailyQuota = 100 }, ranking = routing["ranking"], fallback = "vendorQueue" } }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(admin, "/api/v1/lead-settings"));
        (await admin.SendAsync(put)).EnsureSuccessStatusCode();
        var before = await app.Db(db => db.PartnerLeadLoads.ToDictionaryAsync(l => l.PartnerId, l => l.OpenLeads));

        // Sweden and Data & Analytics: few partners qualify, so their capacity runs out well before the leads do.
        var clients = new List<HttpClient>();
        for (var i = 0; i < Leads; i++) clients.Add(await app.ApiAs(ValuewebFactory.ChannelManager));
        var data = await DealApi.LineAsync(clients[0], "Data & Analytics");
        using var start = new SemaphoreSlim(0);
        var tasks = clients.Select(async (c, i) =>
        {
            await start.WaitAsync();
            return await c.PostAsJsonAsync(LeadApi.Url, LeadApi.Body($"Kapacitet {i} AB", $"inköp{i}@kapacitet-{i}.se", "SE", "Stockholm", [data]));
        }).ToList();
        start.Release(Leads);
        foreach (var r in await Task.WhenAll(tasks)) ((int)r.StatusCode).ShouldBe(201, await r.Content.ReadAsStringAsync());

        var leads = await app.Db(db => db.Leads.Where(l => l.Company.StartsWith("Kapacitet")).ToListAsync());
        leads.Count.ShouldBe(Leads);
        var offered = leads.Where(l => l.Status == LeadStatus.Offered).GroupBy(l => l.PartnerId!.Value).ToList();
        offered.ShouldNotBeEmpty();
        var loads = await app.Db(db => db.PartnerLeadLoads.ToDictionaryAsync(l => l.PartnerId, l => l.OpenLeads));
        foreach (var partner in offered)
        {
            loads[partner.Key].ShouldBe(Limit, "every partner that got leads is filled to its limit, and not past it");
            partner.Count().ShouldBe(Limit - before.GetValueOrDefault(partner.Key));
        }
        leads.Count(l => l.Status == LeadStatus.VendorQueue).ShouldBe(Leads - offered.Sum(g => g.Count()), "the rest wait in the vendor's queue");
        foreach (var (partner, open) in loads) open.ShouldBeLessThanOrEqualTo(Math.Max(Limit, before.GetValueOrDefault(partner)), $"partner {partner}");
    }
}
