using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Valueweb.Data;
using Valueweb.Features.Leads;
using Valueweb.Features.Leads.Import;
using Valueweb.Platform.Jobs;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Import;

/// <summary>The bulk store writes rows EF Core reads back as its own, never twice; the routing queue routes each queued lead once.</summary>
public sealed class LeadBulkStoreTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task Stored_rows_read_back_through_EF_Core_exactly_and_a_known_identity_is_not_stored_again()
    {
        var cloud = await app.Db(db => db.ProductLines.Where(l => l.Code == "CLOUD").Select(l => l.Id).SingleAsync());
        var known = await app.Db(db => db.Leads.Select(l => l.Identity).FirstAsync());
        var batch = new[]
        {
            Row("bst1-a", LeadStatus.Queued, [cloud]),
            Row("bst1-b", LeadStatus.Nurture, []),
            Row("bst1-c", LeadStatus.Queued, [cloud], identity: known),
        };
        var stored = await app.Db(db => new LeadBulkStore(db, app.Clock).StoreAsync(batch, default));
        stored.ShouldBe(new LeadBatchStored(2, 1));
        (await app.Db(db => new LeadBulkStore(db, app.Clock).StoreAsync(batch, default))).ShouldBe(new LeadBatchStored(0, 0));

        var now = app.Clock.GetUtcNow();
        var a = batch[0];
        var read = await app.Db(db => db.Leads.AsNoTracking().Include(l => l.ProductLines).SingleAsync(l => l.Id == a.Id));
        (read.Identity, read.Channel, read.Source, read.SourceSystem, read.SourceRecordId, read.FirstName, read.LastName, read.Company).ShouldBe(
            (a.Identity, "import", "web", "salesforce", "bst1-a-id", "Ada", "Lovelace", "bst1-a"));
        (read.Email, read.Phone, read.Website, read.CountryCode, read.City, read.Latitude, read.Longitude, read.Employees).ShouldBe(
            ("ada@bst1-a.example", "+49 30 1", (string?)null, "DE", "Berlin", 52.52, 13.405, 320));
        (read.Score, read.Qualified, read.ScoreReasons, read.RedFlag, read.Status, read.PartnerId, read.Round, read.Version, read.Currency, read.ValueMinor).ShouldBe(
            (45, true, "[]", false, LeadStatus.Queued, (Guid?)null, 0, 1L, "EUR", (long?)null));
        (read.CreatedAt, read.UpdatedAt).ShouldBe((now, now));
        read.ProductLines.Select(p => p.ProductLineId).ShouldBe([cloud]);
        (await app.Db(db => db.Leads.CountAsync(l => l.Company == "bst1-c"))).ShouldBe(0);

        // The other ways of storing a batch on PostgreSQL: known identities looked up first, and through the staging tables.
        foreach (var way in new[] { LeadBulkStore.Way.LookedUp, LeadBulkStore.Way.Staged })
        {
            var more = new[] { Row($"bst1-{way}", LeadStatus.Queued, [cloud]), batch[1] };
            (await app.Db(db => new LeadBulkStore(db, app.Clock) { Next = way }.StoreAsync(more, default))).ShouldBe(new LeadBatchStored(1, 1));
            (await app.Db(db => db.LeadProductLines.CountAsync(p => p.LeadId == more[0].Id))).ShouldBe(1);
        }

        // Found in the database by the values EF Core writes for an id and a time.
        var ids = batch.Select(b => b.Id).ToList();
        (await app.Db(db => db.Leads.CountAsync(l => ids.Contains(l.Id) && l.CreatedAt == now && l.UpdatedAt >= now))).ShouldBe(2);
        (await app.Db(db => db.LeadProductLines.CountAsync(p => p.LeadId == a.Id && p.ProductLineId == cloud))).ShouldBe(1);

        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var queued = await cm.GetFromJsonAsync<JsonElement>("/api/v1/leads?status=queued&limit=100");
        queued.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(a.Id);
    }

    [Fact]
    public async Task Two_nodes_running_the_routing_queue_at_once_route_every_queued_lead_once()
    {
        var lines = await app.Db(db => db.ProductLines.Select(l => l.Id).ToListAsync());
        var leads = Enumerable.Range(0, 40).Select(i => Row($"rq2-{i}", LeadStatus.Queued, [lines[i % lines.Count]])).ToList();
        (await app.Db(db => new LeadBulkStore(db, app.Clock).StoreAsync(leads, default))).Inserted.ShouldBe(40);

        async Task RunAsync()
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ValuewebDb>().Tenant.Become(true, Guid.Empty);
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == LeadRoutingQueue.Kind);
            await handler.HandleAsync(new Job { Kind = LeadRoutingQueue.Kind, Payload = JsonSerializer.Serialize(new LeadRoutingQueue.Payload(Guid.NewGuid(), 0)) }, default);
        }
        await Task.WhenAll(Task.Run(RunAsync), Task.Run(RunAsync));

        var ids = leads.Select(l => l.Id).ToList();
        (await app.Db(db => db.Leads.CountAsync(l => ids.Contains(l.Id) && l.Status == LeadStatus.Queued))).ShouldBe(0);
        var decisions = await app.Db(db => db.LeadRoutings.Where(r => ids.Contains(r.LeadId)).GroupBy(r => r.LeadId).Select(g => g.Count()).ToListAsync());
        decisions.Count.ShouldBe(40);
        decisions.ShouldAllBe(n => n == 1);
        (await app.Db(db => db.Leads.Where(l => ids.Contains(l.Id)).Select(l => l.Round).Distinct().ToListAsync())).ShouldBe([1]);
    }

    private static ImportedLead Row(string company, LeadStatus status, Guid[] lines, string? identity = null) => new()
    {
        Id = Ids.New(),
        Identity = identity ?? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(company)))[..32].ToLowerInvariant(),
        Source = "web",
        SourceSystem = "salesforce",
        SourceRecordId = company + "-id",
        FirstName = "Ada",
        LastName = "Lovelace",
        Company = company,
        Title = "",
        Email = $"ada@{company}.example",
        Phone = "+49 30 1",
        CountryCode = "DE",
        City = "Berlin",
        Latitude = 52.52,
        Longitude = 13.405,
        Industry = "",
        Segment = "",
        Employees = 320,
        Description = "",
        Score = 45,
        Qualified = status == LeadStatus.Queued,
        ScoreReasons = "[]",
        Status = status,
        ProductLines = lines,
    };
}
