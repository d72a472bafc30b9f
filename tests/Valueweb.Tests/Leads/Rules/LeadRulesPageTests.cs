using System.Net;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>The lead rules page: a vendor admin edits every rule as plain fields; errors show next to their field; a stale tab is refused.</summary>
public sealed class LeadRulesPageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const string Path = "/lead-rules";

    [Fact]
    public async Task A_vendor_admin_saves_the_rules_and_bad_or_stale_posts_change_nothing()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var api = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var (before, _) = await LeadRulesApi.GetAsync(api);
        var html = await page.GetAsync(Path);
        var fields = HtmlForm.Fields(html);
        fields["Form.Routing.Steps[0].Kind"].ShouldBe("territory");
        fields["Form.Routing.Steps[1].Kind"].ShouldBe("productLine");
        fields["Form.Routing.Steps[2].Kind"].ShouldBe("", "an empty row to add a step");
        var newRule = Enumerable.Range(0, 100).First(i => fields[$"Form.Qualification.Rules[{i}].Field"] == "");
        var alpenglow = (await app.PartnerIdBySlug("alpenglow")).ToString();
        var bergmann = (await app.PartnerIdBySlug("bergmann")).ToString();

        // Bad values: the API's messages next to their fields, every problem at once, the input kept, nothing saved.
        var refused = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields)
        {
            ["Form.AcceptanceHours"] = "0",
            ["Form.Routing.DailyQuota"] = "0",
            ["Form.Routing.Steps[2].Kind"] = "minimumTier",
            ["Form.Routing.Steps[2].Parameter"] = "Diamond",
            ["Form.Qualification.Rules[0].Points"] = "0",
            ["Form.Walls[0].PartnerA"] = alpenglow,
            [$"Form.Qualification.Rules[{newRule}].Values"] = "Tuesday",
        });
        refused.ShouldContain("Nothing was changed");
        HtmlForm.Around(refused, $"rule-field-{newRule}").ShouldContain("One of country, segment, industry");
        HtmlForm.Around(refused, $"rule-values-{newRule}").ShouldContain("value=\"Tuesday\"");
        refused.ShouldContain($"Rule {newRule + 1}: One of country");
        HtmlForm.Around(refused, "acceptance-hours").ShouldContain("Between 1 and 720 hours.");
        HtmlForm.Around(refused, "acceptance-hours").ShouldContain("value=\"0\"");
        HtmlForm.Around(refused, "daily-quota").ShouldContain("Must be at least 1.");
        HtmlForm.Around(refused, "step-value-2").ShouldContain("Name a tier (");
        HtmlForm.Around(refused, "step-value-2").ShouldContain("value=\"Diamond\"");
        HtmlForm.Around(refused, "rule-points-0").ShouldContain("Between -1000 and 1000, not 0.");
        HtmlForm.Around(refused, "wall-b-0").ShouldContain("Choose a partner.");
        var (unchanged, _) = await LeadRulesApi.GetAsync(api);
        unchanged.ToJsonString().ShouldBe(before.ToJsonString());

        // A good change: steps reordered, a rule and a wall added, per-tier hours and limits.
        var tier = HtmlForm.Fields(html)["Form.TierHours[0].TierId"];
        var saved = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields)
        {
            ["Form.Routing.DailyQuota"] = "2",
            ["Form.Routing.Steps[0].Position"] = "2",
            ["Form.Routing.Steps[1].Position"] = "1",
            [$"Form.Qualification.Rules[{newRule}].Field"] = "industry",
            [$"Form.Qualification.Rules[{newRule}].Values"] = "Manufacturing, Food",
            [$"Form.Qualification.Rules[{newRule}].Points"] = "15",
            [$"Form.Qualification.Rules[{newRule}].Label"] = "Makers and bakers",
            ["Form.Walls[0].PartnerA"] = alpenglow,
            ["Form.Walls[0].PartnerB"] = bergmann,
            ["Form.TierHours[0].Hours"] = "24",
            ["Form.Routing.TierLimits[0].DailyQuota"] = "0",
        });
        saved.ShouldContain("The lead rules were saved");
        var (after, _) = await LeadRulesApi.GetAsync(api);
        var routing = after["routing"]!;
        routing["steps"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ShouldBe(["productLine", "territory"]);
        routing["capacity"]!["dailyQuota"]!.GetValue<int>().ShouldBe(2);
        routing["capacity"]!["tiers"]![tier]!["dailyQuota"]!.GetValue<int>().ShouldBe(0);
        var rule = after["qualification"]!["rules"]!.AsArray().Last()!;
        rule["label"]!.GetValue<string>().ShouldBe("Makers and bakers");
        rule["values"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["Manufacturing", "Food"]);
        after["walls"]!.AsArray().Single()!["partnerA"]!.GetValue<string>().ShouldBe(alpenglow);
        after["tierAcceptanceHours"]![tier]!.GetValue<int>().ShouldBe(24);
        after["acceptanceHours"]!.GetValue<int>().ShouldBe(before["acceptanceHours"]!.GetValue<int>());

        // A tab opened before the save still carries the old version.
        var stale = await page.PostAsync(Path, "rules", html, new Dictionary<string, string>(fields) { ["Form.ReminderDays"] = "9" });
        var staleText = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        staleText.ShouldContain("Someone else changed the lead rules meanwhile");
        HtmlForm.Fields(staleText)["Form.ReminderDays"].ShouldBe("9", "the input is kept");
        var (last, _) = await LeadRulesApi.GetAsync(api);
        last.ToJsonString().ShouldBe(after.ToJsonString());
    }

    [Fact]
    public async Task Channel_managers_read_the_rules_without_changing_them_and_partners_are_refused()
    {
        var api = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var (before, _) = await LeadRulesApi.GetAsync(api);
        var cm = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var html = await cm.GetAsync(Path);
        html.ShouldContain("Only a vendor admin changes these rules");
        html.ShouldNotContain("Save the rules");
        HtmlForm.Fields(html).ShouldNotContainKey("Form.AcceptanceHours", "the fields are read-only");
        var post = await cm.PostAsync(Path, "rules", html, new Dictionary<string, string> { ["Form.Version"] = before["version"]!.ToString(), ["Form.AcceptanceHours"] = "5" });
        WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()).ShouldContain("Only a vendor admin may change the lead rules.");
        (await LeadRulesApi.GetAsync(api)).Settings.ToJsonString().ShouldBe(before.ToJsonString());

        foreach (var email in new[] { ValuewebFactory.PartnerA, ValuewebFactory.PartnerB })
        {
            // Signed in with a cookie, a partner is sent to the "denied" page; with a bearer token it is a 403.
            var partner = await PageSession.SignInAsync(app, email);
            var bearer = await app.ApiAs(email);
            foreach (var path in new[] { Path, Path + "/simulate" })
            {
                var denied = await partner.Client.GetAsync(path);
                denied.StatusCode.ShouldBe(HttpStatusCode.Found);
                denied.Headers.Location!.AbsolutePath.ShouldBe("/denied");
                (await bearer.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            }
        }
    }
}
