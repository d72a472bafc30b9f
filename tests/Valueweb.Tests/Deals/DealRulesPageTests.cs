using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>Vendor admins edit the rules of engagement on a page: all fields checked, a stale tab refused, the API reads the result.</summary>
public sealed class DealRulesPageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private static Dictionary<string, string> Fields(string version, string threshold = "0.9") => new()
    {
        ["Form.Version"] = version,
        ["Form.ProtectionDays"] = "60",
        ["Form.ExtensionRule"] = "unlimited",
        ["Form.ExtensionDays"] = "20",
        ["Form.ReminderDays"] = "10",
        ["Form.ConflictThreshold"] = threshold,
        ["Form.OwnDuplicates"] = "refuse",
        ["Form.ReportingCurrency"] = "EUR",
        ["Form.Keys[0]"] = "qualify",
        ["Form.Names[0]"] = "Qualify",
        ["Form.Probabilities[0]"] = "10",
        ["Form.Keys[1]"] = "propose",
        ["Form.Names[1]"] = "Propose",
        ["Form.Probabilities[1]"] = "50",
        ["Form.Keys[2]"] = "commit",
        ["Form.Names[2]"] = "Commit",
        ["Form.Probabilities[2]"] = "95",
        ["Form.Rates"] = "USD 0.9\nGBP 1.2",
    };

    [Fact]
    public async Task A_vendor_admin_changes_the_rules_and_bad_or_stale_posts_change_nothing()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var html = await page.GetAsync("/deal-rules");
        var version = PageSession.HiddenValue(html, "Form.Version");

        var bad = await page.SubmitForPageAsync("/deal-rules", "rules", Fields(version, threshold: "0.1"));
        bad.ShouldContain("Nothing was changed");
        bad.ShouldContain("conflictThreshold");

        var saved = await page.SubmitForPageAsync("/deal-rules", "rules", Fields(version));
        saved.ShouldContain("The rules were saved");
        var api = await app.ApiAs(ValuewebFactory.PartnerA);
        var rules = await api.GetFromJsonAsync<JsonElement>("/api/v1/deal-rules");
        rules.GetProperty("protectionDays").GetInt32().ShouldBe(60);
        rules.GetProperty("extensionRule").GetString().ShouldBe("unlimited");
        rules.GetProperty("ownDuplicates").GetString().ShouldBe("refuse");
        rules.GetProperty("conflictThreshold").GetDouble().ShouldBe(0.9);
        rules.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("probability").GetInt32()).ShouldBe([10, 50, 95]);
        rules.GetProperty("currencyRates").EnumerateArray().Select(r => r.GetProperty("currency").GetString()).ShouldBe(["GBP", "USD"]);

        // A tab opened before the save still carries the old version.
        var staleFields = Fields(version);
        staleFields["Form.ProtectionDays"] = "30";
        var stale = await page.PostAsync("/deal-rules", "rules", html, staleFields);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("changed the rules meanwhile");
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/deal-rules")).GetProperty("protectionDays").GetInt32().ShouldBe(60);
    }
}
