using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>POST /api/v1/lead-settings/simulate replays the demo's leads under proposed rules: the answer shows the change, the database does not.</summary>
public sealed class SimulationApiTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task Proposed_rules_change_the_distribution_in_the_answer_and_nothing_in_the_database()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var (settings, _) = await LeadRulesApi.GetAsync(cm);
        var before = await LeadRulesApi.FingerprintAsync(app);

        var same = await LeadRulesApi.SimulateAsync(cm, new { });
        same.GetProperty("changed").GetInt32().ShouldBe(0);
        same.GetProperty("now").GetRawText().ShouldBe(same.GetProperty("proposed").GetRawText());
        var leads = same.GetProperty("now").GetProperty("leads").GetInt32();
        leads.ShouldBe(await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Leads)));
        (await LeadRulesApi.SimulateAsync(cm, new { limit = 5 })).GetProperty("now").GetProperty("leads").GetInt32().ShouldBe(5);

        var quota = await LeadRulesApi.SimulateAsync(cm, new { routing = LeadRulesApi.Routing(settings, r => r["capacity"]!["dailyQuota"] = 1) });
        quota.GetProperty("changed").GetInt32().ShouldBeGreaterThan(0);
        var partners = quota.GetProperty("partners").EnumerateArray().ToList();
        partners.ShouldAllBe(p => p.GetProperty("proposed").GetInt32() <= 1, "nobody takes more than one lead a day");
        partners.ShouldContain(p => p.GetProperty("change").GetInt32() < 0);
        Fallbacks(quota, "proposed").ShouldBeGreaterThan(Fallbacks(quota, "now"));
        quota.GetProperty("examples").EnumerateArray().ShouldContain(e => e.GetProperty("explanation").GetString()!.Contains("dailyQuota"));

        var anywhere = await LeadRulesApi.SimulateAsync(cm, new
        {
            routing = LeadRulesApi.Routing(settings, r => r["steps"] = new JsonArray(new JsonObject { ["kind"] = "productLine" })),
        });
        anywhere.GetProperty("changed").GetInt32().ShouldBeGreaterThan(0);
        anywhere.GetProperty("proposed").GetProperty("routed").GetInt32().ShouldBeGreaterThan(anywhere.GetProperty("now").GetProperty("routed").GetInt32(),
            "without the territory step, leads from countries no partner covers find one");
        anywhere.GetProperty("examples").EnumerateArray().ShouldContain(e => e.GetProperty("proposed").GetProperty("outcome").GetString() == "routed"
            && e.GetProperty("explanation").GetString()!.Contains("Winner:"));
        anywhere.GetProperty("countries").EnumerateArray().ShouldContain(c => c.GetProperty("proposed").GetInt32() > c.GetProperty("now").GetInt32());

        (await LeadRulesApi.FingerprintAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task Bad_proposals_are_named_and_partners_may_not_simulate()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var response = await cm.PostAsJsonAsync(LeadRulesApi.SimulateUrl, new
        {
            limit = 0,
            routing = new { steps = Array.Empty<object>(), capacity = new { maxOpenLeads = 0, dailyQuota = 1 } },
            qualification = new { threshold = 1, rules = new[] { new { field = "country", values = new[] { "Atlantis" }, points = 5, label = "Atlantis" } } },
        });
        var errors = await LeadRulesApi.ErrorsOf(response);
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["limit", "routing.capacity.maxOpenLeads", "qualification.rules[0].values[0]"], ignoreOrder: true);

        foreach (var email in new[] { ValuewebFactory.PartnerA, ValuewebFactory.PartnerB })
        {
            var partner = await app.ApiAs(email);
            (await partner.PostAsJsonAsync(LeadRulesApi.SimulateUrl, new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    private static int Fallbacks(JsonElement result, string side) =>
        result.GetProperty(side).GetProperty("vendorQueue").GetInt32() + result.GetProperty(side).GetProperty("directSales").GetInt32();
}
