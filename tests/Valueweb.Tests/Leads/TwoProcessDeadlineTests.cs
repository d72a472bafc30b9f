using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads;
using Valueweb.Platform.Jobs;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>Two application processes share the deadline timers: when offers lapse, each lead moves on exactly once.</summary>
public sealed class TwoProcessDeadlineTests
{
    [Fact]
    public async Task Lapsed_offers_move_on_exactly_once_even_with_both_nodes_holding_a_timer_for_the_same_lead()
    {
        var connection = await TestDatabases.CloneAsync();
        var settings = new Dictionary<string, string> { ["Valueweb__RateLimitScale"] = "1000", ["Valueweb__JobPollMilliseconds"] = "50" };
        await using var first = await AppProcess.StartAsync(connection, settings);
        await using var second = await AppProcess.StartAsync(connection, settings);

        using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = ValuewebFactory.ChannelManager, password = ValuewebFactory.Password });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (string Country, string City)[] places = [("DE", "Munich"), ("DE", "Berlin"), ("FR", "Lyon"), ("FR", "Paris"), ("GB", "London"), ("US", "Chicago"), ("IT", "Milan"), ("ES", "Madrid")];
        Guid[] lines = [await Deals.DealApi.LineAsync(client, "Cloud Platform"), await Deals.DealApi.LineAsync(client, "Security Suite"), await Deals.DealApi.LineAsync(client, "Networking")];
        var leads = Enumerable.Range(0, 120).Select(i => LeadApi.Body($"Zeitgrenze {i} GmbH", $"buyer{i}@zeitgrenze-{i}.example", places[i % places.Length].Country,
            places[i % places.Length].City, [lines[i % lines.Length]])).ToArray();
        var batch = await client.PostAsJsonAsync("/api/v1/leads/batch", new { leads });
        batch.EnsureSuccessStatusCode();

        // Every offer's deadline has passed; each lead has a second timer, as if a node had scheduled it twice.
        List<Guid> offered;
        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection)))
        {
            offered = await db.Leads.Where(l => l.Company.StartsWith("Zeitgrenze") && l.Status == LeadStatus.Offered).Select(l => l.Id).ToListAsync();
            offered.Count.ShouldBeGreaterThan(10);
            var past = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.Leads.Where(l => offered.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.DeadlineAt, past));
            await db.LeadOffers.Where(o => offered.Contains(o.LeadId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.DeadlineAt, past));
            foreach (var id in offered)
                db.Jobs.Add(new Job { Kind = LeadTimers.DeadlineKind, DueAt = past, CreatedAt = past, Payload = JsonSerializer.Serialize(new LeadTimers.Payload(id, 1), JsonSerializerOptions.Web) });
            await db.SaveChangesAsync();
            await db.Jobs.Where(j => j.Kind == LeadTimers.DeadlineKind && j.State == JobState.Pending).ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, past));
        }

        var until = DateTime.UtcNow.AddSeconds(90);
        List<Job> timers;
        do
        {
            await Task.Delay(250);
            await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
            var cutoff = DateTimeOffset.UtcNow;
            timers = await db.Jobs.AsNoTracking().Where(j => j.Kind == LeadTimers.DeadlineKind && j.DueAt < cutoff).ToListAsync();
        }
        while (timers.Any(j => j.State != JobState.Done) && DateTime.UtcNow < until);
        timers.ShouldAllBe(j => j.State == JobState.Done, first.Output.ToString() + second.Output);
        // On PostgreSQL both nodes work the timers at the same moment. SQLite lets one writer in at a time, so one node may
        // happen to take them all there; exactly-once is checked on both.
        if (TestDatabases.Engine == Valueweb.Platform.DatabaseEngine.Postgres)
            timers.Select(j => j.CompletedBy).Distinct().Count().ShouldBe(2, "both nodes took part");

        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection)))
        {
            var offers = await db.LeadOffers.AsNoTracking().Where(o => offered.Contains(o.LeadId)).ToListAsync();
            var lapsed = await db.Events.AsNoTracking().Where(e => e.Type == "lead.lapsed" && offered.Contains(e.SubjectId)).Select(e => e.SubjectId).ToListAsync();
            var now = await db.Leads.AsNoTracking().Where(l => offered.Contains(l.Id)).ToListAsync();
            foreach (var lead in now)
            {
                lapsed.Count(id => id == lead.Id).ShouldBe(1, $"lead {lead.Company} lapses once");
                offers.Count(o => o.LeadId == lead.Id && o.Round == 1).ShouldBe(1);
                offers.Single(o => o.LeadId == lead.Id && o.Round == 1).Outcome.ShouldBe(OfferOutcome.Lapsed);
                lead.Round.ShouldBe(2, $"lead {lead.Company} moved on once");
                offers.Count(o => o.LeadId == lead.Id && o.Outcome == OfferOutcome.Pending).ShouldBeLessThanOrEqualTo(1);
            }
            // The partners' open-lead counts agree with the leads they hold: no release or take was applied twice.
            var holding = await db.Leads.AsNoTracking().Where(l => l.PartnerId != null && (l.Status == LeadStatus.Offered || l.Status == LeadStatus.Accepted
                    || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified))
                .GroupBy(l => l.PartnerId!.Value).Select(g => new { Partner = g.Key, Count = g.Count() }).ToListAsync();
            var loads = await db.PartnerLeadLoads.AsNoTracking().ToListAsync();
            foreach (var load in loads) load.OpenLeads.ShouldBe(holding.SingleOrDefault(h => h.Partner == load.PartnerId)?.Count ?? 0, $"open leads of {load.PartnerId}");
        }
    }
}
