using System.Net;
using System.Text.Json.Nodes;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>PUT /api/v1/lead-settings goes through the one editing path: every bad field named, nothing half-saved, If-Match honoured.</summary>
public sealed class LeadSettingsApiTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task Bad_values_answer_400_naming_each_field_and_change_nothing()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var (before, etag) = await LeadRulesApi.GetAsync(admin);
        var steps = before["routing"]!["steps"]!.AsArray().Count;
        var routing = LeadRulesApi.Routing(before, r =>
        {
            r["capacity"]!["dailyQuota"] = 0;
            r["ranking"]!["tierWeight"] = -1;
            r["steps"]!.AsArray().Add(new JsonObject { ["kind"] = "minimumTier" });
        });
        var errors = await LeadRulesApi.ErrorsOf(await LeadRulesApi.PutAsync(admin, etag, new
        {
            acceptanceHours = 0,
            reminderDays = 400,
            highValue = new { amount = -5m, currency = "EUR" },
            routing,
            qualification = new { threshold = 10, rules = new[] { new { field = "mood", values = new[] { "happy" }, points = 5, label = "Happy" } } },
            walls = new[] { new { partnerA = Guid.NewGuid(), partnerB = Guid.NewGuid() } },
        }));
        var fields = errors.EnumerateObject().Select(e => e.Name).ToList();
        fields.ShouldBe(["acceptanceHours", "reminderDays", "highValue.amount", "qualification.rules[0].field", $"routing.steps[{steps}].minimumTierRank",
            "routing.ranking.tierWeight", "routing.capacity.dailyQuota", "walls[0].partnerA"], ignoreOrder: true);
        errors.GetProperty("acceptanceHours")[0].GetString().ShouldBe("Between 1 and 720 hours.");
        errors.GetProperty("routing.capacity.dailyQuota")[0].GetString().ShouldBe("Must be at least 1.");

        // A body that cannot be read names where reading stopped.
        var unreadable = await LeadRulesApi.ErrorsOf(await LeadRulesApi.PutAsync(admin, etag, new { routing = new { steps = new[] { new { kind = "nowhere" } } } }));
        unreadable.EnumerateObject().Select(e => e.Name).ShouldBe(["routing.steps[0].kind"]);
        var badQualification = await LeadRulesApi.ErrorsOf(await LeadRulesApi.PutAsync(admin, etag, new { qualification = new { threshold = "high" } }));
        badQualification.EnumerateObject().Select(e => e.Name).ShouldBe(["qualification.threshold"]);

        var (after, etagAfter) = await LeadRulesApi.GetAsync(admin);
        etagAfter.ShouldBe(etag);
        after.ToJsonString().ShouldBe(before.ToJsonString());
    }

    [Fact]
    public async Task A_change_needs_the_current_version_and_only_a_vendor_admin_makes_it()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var (before, etag) = await LeadRulesApi.GetAsync(admin);
        (await LeadRulesApi.PutAsync(admin, "\"v999\"", new { reminderDays = 3 })).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var noHeader = new HttpRequestMessage(HttpMethod.Put, LeadRulesApi.Url) { Content = System.Net.Http.Json.JsonContent.Create(new { reminderDays = 3 }) };
        (await admin.SendAsync(noHeader)).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        (await LeadRulesApi.PutAsync(cm, etag, new { reminderDays = 3 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        (await partner.GetAsync(LeadRulesApi.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var routing = LeadRulesApi.Routing(before, r => r["capacity"]!["dailyQuota"] = 2);
        var saved = await LeadRulesApi.PutAsync(admin, etag, new { reminderDays = 3, routing });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var (after, etagAfter) = await LeadRulesApi.GetAsync(admin);
        etagAfter.ShouldNotBe(etag);
        after["reminderDays"]!.GetValue<int>().ShouldBe(3);
        after["routing"]!["capacity"]!["dailyQuota"]!.GetValue<int>().ShouldBe(2);
        after["acceptanceHours"]!.ToJsonString().ShouldBe(before["acceptanceHours"]!.ToJsonString(), "fields left out keep their value");
        (await LeadRulesApi.PutAsync(admin, etag, new { reminderDays = 4 })).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, "the old version is stale now");
    }
}
