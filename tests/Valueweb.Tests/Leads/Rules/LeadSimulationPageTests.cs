using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>The simulation page replays recent leads or a file's under proposed rules; it shows the change and stores nothing.</summary>
public sealed partial class LeadSimulationPageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const string Path = "/lead-rules/simulate";

    private const string Csv = """
        First Name,Last Name,Company,Email,Country,City,Industry,Number of Employees,Lead Source,Product Interest
        Ada,Lovelace,Analytical Engines GmbH,ada@analytical.example,DE,Munich,Manufacturing,1200,Trade Show,Security Suite
        Kenji,Sato,Sakura Precision K.K.,kenji@sakura.example,JP,Tokyo,Manufacturing,5000,Trade Show,Security Suite
        Nobody,,,,,,,,,
        Grace,Hopper,Harbour Systems Ltd,grace@harbour.example,GB,London,Logistics,800,Referral,Cloud Platform
        """;

    [Fact]
    public async Task A_proposed_daily_quota_shows_where_recent_leads_would_go_and_nothing_is_stored()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var html = await page.GetAsync(Path);
        var fields = HtmlForm.Fields(html);
        fields["Form.Routing.DailyQuota"].ShouldNotBe("1");
        var before = await LeadRulesApi.FingerprintAsync(app);

        var text = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields) { ["Form.Routing.DailyQuota"] = "1" });
        var summary = Summary().Match(text);
        summary.Success.ShouldBeTrue(text);
        int.Parse(summary.Groups[2].Value).ShouldBeGreaterThan(0, "a daily quota of one sends leads elsewhere");
        text.ShouldContain("Partners whose share changes most");
        text.ShouldContain("<svg class=\"chart\"");
        text.ShouldContain("Leads routed per tier of the partner");
        text.ShouldContain("Why, under the proposed rules");
        HtmlForm.Fields(text)["Form.Routing.DailyQuota"].ShouldBe("1", "the proposal stays in the form");

        var refused = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields) { ["Form.Routing.MaxOpenLeads"] = "0" });
        refused.ShouldContain("The simulation did not run");
        HtmlForm.Around(refused, "max-open").ShouldContain("Must be at least 1.");

        (await LeadRulesApi.FingerprintAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task A_pasted_or_uploaded_file_is_replayed_without_the_territory_step()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var html = await page.GetAsync(Path);
        var fields = new Dictionary<string, string>(HtmlForm.Fields(html))
        {
            ["Form.Source"] = "file",
            ["Form.Routing.Steps[0].Kind"] = "",
            ["Form.Routing.Steps[0].Parameter"] = "",
        };
        var before = await LeadRulesApi.FingerprintAsync(app);

        var pasted = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields) { ["Form.Csv"] = Csv });
        var summary = Summary().Match(pasted);
        summary.Success.ShouldBeTrue(pasted);
        summary.Groups[1].Value.ShouldBe("3");
        pasted.ShouldContain("leads of the file");
        pasted.ShouldContain("Some rows of the file were left out");
        pasted.ShouldContain("Sakura Precision K.K.", customMessage: "the Japanese lead finds a partner once the territory step is gone");

        // The same file, uploaded as a browser would.
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("rules"), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Csv)), "CsvFile", "leads.csv");
        var uploaded = await page.Client.PostAsync(Path, form);
        var uploadedText = WebUtility.HtmlDecode(await uploaded.Content.ReadAsStringAsync());
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, uploadedText);
        Summary().Match(uploadedText).Groups[1].Value.ShouldBe("3", uploadedText);

        var nothing = await page.SubmitForPageAsync(Path, "rules", new Dictionary<string, string>(fields) { ["Form.Csv"] = "" });
        HtmlForm.Around(nothing, "csv-text").ShouldContain("Choose a CSV file or paste its text.");
        (await LeadRulesApi.FingerprintAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task The_rules_page_sends_its_fields_to_the_simulation_before_saving()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var api = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var (before, _) = await LeadRulesApi.GetAsync(api);
        var html = await page.GetAsync("/lead-rules");
        var fields = new Dictionary<string, string>(HtmlForm.Fields(html)) { ["Form.Routing.DailyQuota"] = "1" };
        var response = await page.PostAsync(Path, "rules", html, fields);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        Summary().Match(text).Success.ShouldBeTrue(text);
        HtmlForm.Fields(text)["Form.Routing.DailyQuota"].ShouldBe("1");
        (await LeadRulesApi.GetAsync(api)).Settings.ToJsonString().ShouldBe(before.ToJsonString(), "simulating saves nothing");
    }

    [GeneratedRegex(@"Of (\d+) (?:recent leads|leads of the file), (\d+) would go somewhere else")]
    private static partial Regex Summary();
}
