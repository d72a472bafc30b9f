using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Leads.Import;
using Valueweb.Tests.Infrastructure;
using Valueweb.Tests.Leads.Import;
using Valueweb.Tests.Leads.Rules;

namespace Valueweb.Tests.Leads;

/// <summary>
/// Importing a lead file on the pages, as a browser without script would: upload (a form posted twice stores one import), check the
/// columns, start, follow the progress, read the bad rows by line and download them; partners are refused.
/// </summary>
public sealed partial class LeadImportPageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const string Path = "/leads/import";

    [Fact]
    public async Task The_channel_manager_uploads_checks_the_columns_starts_and_reads_the_bad_rows_by_line()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var fileName = "Leads ipg1.csv";
        var csv = ImportApi.Salesforce("ipg1");
        var html = await page.GetAsync(Path);
        html.ShouldContain("Upload and preview");
        var key = PageSession.HiddenValue(html, "Upload.Key");

        var empty = await UploadAsync(page, html, null, fileName, key);
        var emptyText = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        empty.StatusCode.ShouldBe(HttpStatusCode.OK, emptyText);
        HtmlForm.Around(emptyText, "import-file").ShouldContain("Choose the CSV file to import.");

        // Uploading stores the file and shows its page; the same form posted again shows the same import.
        var uploaded = await UploadAsync(page, html, csv, fileName, key);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Found, await uploaded.Content.ReadAsStringAsync());
        var location = uploaded.Headers.Location!.ToString();
        var id = Guid.Parse(ImportPage().Match(location).Groups[1].Value);
        var again = await UploadAsync(page, html, csv, fileName, key);
        again.Headers.Location!.ToString().ShouldBe(location);
        (await app.Db(db => db.LeadImports.CountAsync(i => i.FileName == fileName))).ShouldBe(1);
        var other = await UploadAsync(page, html, ImportApi.HubSpot("ipg1"), "Other ipg1.csv", key);
        other.Headers.Location!.ToString().ShouldNotBe(location, "the same form sent again with another file (after going back) is another upload");
        (await app.Db(db => db.LeadImports.CountAsync(i => i.FileName == "Other ipg1.csv"))).ShouldBe(1);

        // The preview: each lead field with the column recognised for it, the columns left out, the first rows with their fate.
        var preview = await page.GetAsync(location);
        var previewText = WebUtility.HtmlDecode(preview);
        previewText.ShouldContain("This looks like a Salesforce export");
        var columns = Columns(HtmlForm.Fields(preview));
        columns["email"].ShouldBe("Email");
        columns["company"].ShouldBe("Company");
        columns["sourceRecordId"].ShouldBe("Id");
        columns["employees"].ShouldBe("NumberOfEmployees");
        columns["productInterest"].ShouldBe("ProductInterest__c");
        columns["fullName"].ShouldBe("", "no column of this file holds a whole name");
        HtmlForm.Options(preview, FieldName(preview, "email"))[0].Text.ShouldBe("— not in this file —");
        previewText.ShouldContain("IsConverted");
        previewText.ShouldContain("invalid e-mail 'grace@navy'");
        previewText.ShouldContain("Analytical Engines ipg1 Ltd.");
        preview.ShouldContain("<a href=\"/leads\">Leads</a>", Case.Sensitive, "the lead list is not lit up on an import's page");
        ActiveImportsLink().IsMatch(preview).ShouldBeTrue("the navigation lights up Lead imports");

        // Without a column to reach anyone the file cannot be imported: the API's message next to the field, the choice kept.
        var unreachable = HtmlForm.Fields(preview);
        unreachable[FieldName(preview, "email")] = "";
        unreachable[FieldName(preview, "phone")] = "";
        foreach (var intent in new[] { "check", "start" })
        {
            unreachable["Start.Intent"] = intent;
            var refused = await page.PostAsync(location, "start", preview, unreachable);
            var refusedText = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, refusedText);
            HtmlForm.Around(refusedText, "map-email").ShouldContain("No column for an e-mail or a phone: map one, such as email or phone.");
            Columns(HtmlForm.Fields(refusedText))["email"].ShouldBe("");
        }
        (await app.Db(db => db.LeadImports.Where(i => i.Id == id).Select(i => i.State).SingleAsync())).ShouldBe(LeadImportState.Uploaded);

        // Started as previewed: the page shows the progress, follows it with a script, and reloads itself without one.
        var start = HtmlForm.Fields(preview);
        start["Start.Intent"] = "start";
        var started = await page.PostAsync(location, "start", preview, start);
        started.StatusCode.ShouldBe(HttpStatusCode.Found, await started.Content.ReadAsStringAsync());
        started.Headers.Location!.ToString().ShouldBe(location);
        var running = await page.GetAsync(location);
        running.ShouldContain("<progress");
        running.ShouldContain("data-import-progress=\"/api/v1/lead-imports/" + id + "\"");
        running.ShouldContain("src=\"js/lead-import.js\"");
        running.ShouldContain("<noscript><meta http-equiv=\"refresh\"");
        running.ShouldContain(">Refresh</a>");
        var polled = await page.Client.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}");
        polled.GetProperty("state").GetString().ShouldBe("running", "the script's request is signed by the page's cookie");

        // The start form posted again (a second tab) starts nothing more.
        var twice = await page.PostAsync(location, "start", preview, start);
        WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()).ShouldContain("started already");
        (await app.Db(db => db.Jobs.CountAsync(j => j.Kind == LeadImportJob.KindName && j.Payload.Contains(id.ToString())))).ShouldBe(1);

        await ImportApi.RunJobsAsync(app);
        var done = WebUtility.HtmlDecode(await page.GetAsync(location));
        done.ShouldContain("Done. 8 rows read: 3 new leads imported (2 qualified and sent to routing), 1 duplicate, 4 bad rows.");
        done.ShouldContain("value=\"100\"");
        done.ShouldContain("100 %");
        Rejected(done).ShouldBe([
            (3, "invalid e-mail 'grace@navy'"),
            (5, "no company and no person's name"),
            (6, "no valid e-mail and no phone"),
            (7, "unknown country 'Atlantis'"),
            (10, "duplicate of line 2"),
        ]);
        var report = ReportLink().Match(done);
        report.Success.ShouldBeTrue("the page links the error report");
        var download = await page.Client.GetAsync(report.Groups[1].Value);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await download.Content.ReadAsStringAsync()).ShouldContain("\r\n3,invalid e-mail 'grace@navy',00Qipg1000002AAA,Grace,Hopper");

        // The list: who uploaded which file when, its state and counts, and the way back to it.
        var list = WebUtility.HtmlDecode(await page.GetAsync(Path));
        var row = Regex.Match(list, $"<tr>\\s*<td><a href=\"/leads/import/{id}\">{Regex.Escape(fileName)}</a></td>.*?</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue(list);
        var cells = Regex.Matches(row.Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim()).ToList();
        cells[1].ShouldBe("Carl Channel");
        cells[3].ShouldBe("Done");
        cells.Skip(4).ShouldBe(["100 %", "8", "3", "1", "4"]);
    }

    [Fact]
    public async Task The_page_lists_the_first_hundred_bad_rows_and_tells_how_many_more_the_report_has()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var csv = new StringBuilder("Company,Email,Country\r\n");
        for (var n = 1; n <= 130; n++)
            csv.Append($"Many {n} ipg2 GmbH,{(n <= 120 ? $"nobody-{n}-at-ipg2" : $"it@many-{n}-ipg2.example")},DE\r\n");
        var location = await UploadAndStartAsync(page, csv.ToString(), "many ipg2.csv");
        await ImportApi.RunJobsAsync(app);

        var done = WebUtility.HtmlDecode(await page.GetAsync(location));
        done.ShouldContain("130 rows read: 10 new leads imported");
        var rejected = Rejected(done);
        rejected.Count.ShouldBe(100);
        rejected[0].ShouldBe((2, "invalid e-mail 'nobody-1-at-ipg2'"));
        rejected[^1].Line.ShouldBe(101);
        done.ShouldContain("The first 100 are listed here; 20 more are in the error report.");
    }

    [Fact]
    public async Task A_failed_import_says_so_and_why()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var location = await UploadAndStartAsync(page, ImportApi.HubSpot("ipg3"), "failing ipg3.csv");
        var id = Guid.Parse(ImportPage().Match(location).Groups[1].Value);
        await app.Db(db => db.LeadImports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, LeadImportState.Failed).SetProperty(i => i.Failure, "The import stopped: the database went away.")
            .SetProperty(i => i.FinishedAt, app.Clock.GetUtcNow())));

        var failed = WebUtility.HtmlDecode(await page.GetAsync(location));
        failed.ShouldContain("The import failed: The import stopped: the database went away.");
        failed.ShouldContain(">Failed</span>");
        failed.ShouldNotContain("data-import-progress", Case.Sensitive, "a failed import is not followed any more");
        WebUtility.HtmlDecode(await page.GetAsync(Path)).ShouldContain(">Failed</span>");
    }

    [Fact]
    public async Task A_partner_is_refused_the_import_pages_and_cannot_upload()
    {
        var vendor = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var location = await UploadAndStartAsync(vendor, ImportApi.HubSpot("ipg4"), "vendor ipg4.csv");

        var partner = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        foreach (var path in new[] { Path, location })
        {
            var denied = await partner.Client.GetAsync(path);
            denied.StatusCode.ShouldBe(HttpStatusCode.Found, path);
            denied.Headers.Location!.ToString().ShouldContain("denied", Case.Insensitive, path);
        }
        var inbox = await partner.GetAsync("/leads");
        inbox.ShouldNotContain("href=\"/leads/import\"", Case.Sensitive, "neither the list nor the navigation offers imports to a partner");
        var upload = await UploadAsync(partner, inbox, ImportApi.HubSpot("ipg5"), "partner ipg5.csv", "partner-key-ipg5");
        upload.StatusCode.ShouldBe(HttpStatusCode.Found);
        upload.Headers.Location!.ToString().ShouldContain("denied", Case.Insensitive);
        (await app.Db(db => db.LeadImports.CountAsync(i => i.FileName == "partner ipg5.csv"))).ShouldBe(0);
        (await partner.Client.GetAsync($"{ImportApi.Url}/{Guid.Parse(ImportPage().Match(location).Groups[1].Value)}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Uploads on the page and starts with the columns as recognised; answers the import's page.</summary>
    private static async Task<string> UploadAndStartAsync(PageSession page, string csv, string fileName)
    {
        var html = await page.GetAsync(Path);
        var uploaded = await UploadAsync(page, html, csv, fileName, PageSession.HiddenValue(html, "Upload.Key"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Found, await uploaded.Content.ReadAsStringAsync());
        var location = uploaded.Headers.Location!.ToString();
        var preview = await page.GetAsync(location);
        var started = await page.PostAsync(location, "start", preview, new Dictionary<string, string>(HtmlForm.Fields(preview)) { ["Start.Intent"] = "start" });
        started.StatusCode.ShouldBe(HttpStatusCode.Found, await started.Content.ReadAsStringAsync());
        return location;
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token and the file (none when null).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(PageSession page, string html, string? csv, string fileName, string key)
    {
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue("the page carries an antiforgery token");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("upload"), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(key), "Upload.Key" },
            { new StringContent(""), "Upload.SourceSystem" },
        };
        if (csv is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "File", fileName);
        }
        return await page.Client.PostAsync(Path, form);
    }

    /// <summary>The mapping table's choice per field, by the field's name ("email" → "Email"; "" for not in this file).</summary>
    private static Dictionary<string, string> Columns(Dictionary<string, string> fields) => fields
        .Where(f => f.Key.StartsWith("Start.Columns[", StringComparison.Ordinal) && f.Key.EndsWith("].Field", StringComparison.Ordinal))
        .ToDictionary(f => f.Value, f => fields.GetValueOrDefault(f.Key[..^"Field".Length] + "Header", ""));

    /// <summary>The form name of a field's select ("Start.Columns[7].Header").</summary>
    private static string FieldName(string html, string field) =>
        HtmlForm.Fields(html).Single(f => f.Key.EndsWith("].Field", StringComparison.Ordinal) && f.Value == field).Key[..^"Field".Length] + "Header";

    private static List<(int Line, string Reason)> Rejected(string html)
    {
        var table = Regex.Match(html, "<table class=\"list rejected\".*?</table>", RegexOptions.Singleline);
        table.Success.ShouldBeTrue("the page lists the rows not imported");
        return Regex.Matches(table.Value, "<tr><td class=\"num\">(\\d+)</td><td>(.*?)</td></tr>", RegexOptions.Singleline)
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();
    }

    [GeneratedRegex("/leads/import/([0-9a-f-]{36})$")]
    private static partial Regex ImportPage();

    [GeneratedRegex("<a class=\"button\" href=\"(/api/v1/lead-imports/[0-9a-f-]{36}/errors)\" download>Download the error report</a>")]
    private static partial Regex ReportLink();

    [GeneratedRegex("<a [^>]*href=\"/leads/import\"[^>]*class=\"active\"|<a [^>]*class=\"active\"[^>]*href=\"/leads/import\"")]
    private static partial Regex ActiveImportsLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
