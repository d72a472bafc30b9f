using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Valueweb.Features.Leads.Import;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class LeadImportTests(BrowserApp app)
{
    private const int Rows = 3000;

    [GeneratedRegex(@"/leads/import/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex ImportPage();

    /// <summary>
    /// A file of <see cref="Rows"/> small companies (not qualified: they stay with the vendor and reach no partner's inbox), with
    /// invalid e-mails on lines 501, 1501 and 2501 and the last line repeating the first lead.
    /// </summary>
    private static string Csv(string tag)
    {
        var csv = new StringBuilder("Company,First Name,Last Name,Email,Country,City\r\n");
        for (var n = 1; n <= Rows; n++)
        {
            var lead = n == Rows ? 1 : n;
            var email = n % 1000 == 500 ? $"nobody-{n}-at-{tag}" : $"it-{lead}@firma-{tag}.example";
            csv.Append(CultureInfo.InvariantCulture, $"Firma {lead} {tag} GmbH,Uta,Lind,{email},DE,Munich\r\n");
        }
        return csv.ToString();
    }

    private static async Task<IPage> UploadAsync(IPage page, string fileName, string csv)
    {
        await page.GotoAsync("/leads");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import leads" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Import leads" }).WaitForAsync();
        await page.GetByLabel("Lead file (CSV with a header row)").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await page.WaitForURLAsync(ImportPage());
        return page;
    }

    [Fact]
    public async Task The_channel_manager_imports_a_file_with_bad_rows_sees_it_through_and_downloads_the_bad_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var fileName = $"leads {tag}.csv";
        var page = await UploadAsync(await app.SignedInPageAsync("cm@valueweb.demo"), fileName, Csv(tag));

        // The preview: the recognised column of each field, and the first rows as they would be imported.
        (await page.GetByLabel("E-mail", new() { Exact = true }).InputValueAsync()).ShouldBe("Email");
        (await page.GetByLabel("Company", new() { Exact = true }).InputValueAsync()).ShouldBe("Company");
        (await page.GetByLabel("Full name", new() { Exact = true }).InputValueAsync()).ShouldBe("", "no column holds a whole name");
        (await page.Locator("table.sample").InnerTextAsync()).ShouldContain($"Firma 1 {tag} GmbH");

        // Started, the page follows the import by itself until it is done (the job runs in the background).
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
        await page.Locator("p.notice", new() { HasTextString = "Done." }).WaitForAsync(new() { Timeout = 60_000 });
        (await page.Locator("progress").GetAttributeAsync("value")).ShouldBe("100");
        (await page.Locator("[data-import=percent]").InnerTextAsync()).ShouldBe("100 %");
        (await page.Locator("[data-import=rows]").InnerTextAsync()).ShouldBe("3,000");
        (await page.Locator("[data-import=imported]").InnerTextAsync()).ShouldBe("2,996");
        (await page.Locator("[data-import=duplicates]").InnerTextAsync()).ShouldBe("1");
        (await page.Locator("[data-import=bad]").InnerTextAsync()).ShouldBe("3");
        (await page.Locator("p.notice").InnerTextAsync()).ShouldBe("Done. 3,000 rows read: 2,996 new leads imported, 1 duplicate, 3 bad rows.");

        // The rows not imported, by their line in the file (the header is line 1), and why.
        (await page.Locator("table.rejected tbody td:first-child").AllInnerTextsAsync()).ShouldBe(["501", "1501", "2501", "3001"]);
        (await page.Locator("table.rejected tbody td:nth-child(2)").AllInnerTextsAsync()).ShouldBe([
            $"invalid e-mail 'nobody-500-at-{tag}'",
            $"invalid e-mail 'nobody-1500-at-{tag}'",
            $"invalid e-mail 'nobody-2500-at-{tag}'",
            "duplicate of line 2",
        ]);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the error report" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"leads {tag}.errors.csv");
        var report = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        report.ShouldBe([
            "line,reason,Company,First Name,Last Name,Email,Country,City",
            $"501,invalid e-mail 'nobody-500-at-{tag}',Firma 500 {tag} GmbH,Uta,Lind,nobody-500-at-{tag},DE,Munich",
            $"1501,invalid e-mail 'nobody-1500-at-{tag}',Firma 1500 {tag} GmbH,Uta,Lind,nobody-1500-at-{tag},DE,Munich",
            $"2501,invalid e-mail 'nobody-2500-at-{tag}',Firma 2500 {tag} GmbH,Uta,Lind,nobody-2500-at-{tag},DE,Munich",
            $"3001,duplicate of line 2,Firma 1 {tag} GmbH,Uta,Lind,it-1@firma-{tag}.example,DE,Munich",
        ]);

        // The import is listed for coming back to it later.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lead imports", Exact = true }).First.ClickAsync();
        var row = page.Locator("tr").Filter(new() { HasText = fileName });
        (await row.InnerTextAsync()).ShouldContain("Done");
        await row.GetByRole(AriaRole.Link, new() { Name = fileName }).ClickAsync();
        await page.WaitForURLAsync(ImportPage());
        (await page.Locator("p.notice").InnerTextAsync()).ShouldStartWith("Done.");
    }

    [Fact]
    public async Task A_running_import_is_followed_live_on_its_page_and_its_outcome_shown_when_it_ends()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var page = await UploadAsync(await app.SignedInPageAsync("cm@valueweb.demo"), $"live {tag}.csv", Csv(tag));
        var id = Guid.Parse(ImportPage().Match(page.Url).Groups[1].Value);

        // As a running import whose job this test plays: the counts are the test's, no job runs it.
        await UpdateAsync(id, i => i.State = LeadImportState.Running);
        await page.ReloadAsync();
        (await page.Locator("[data-import=status]").InnerTextAsync()).ShouldContain("Waiting for a server");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await UpdateAsync(id, i =>
        {
            i.StartedAt = DateTimeOffset.UtcNow;
            i.ReadBytes = i.TotalBytes * 42 / 100 + 1;
            (i.Rows, i.Imported, i.Duplicates, i.Bad) = (1260, 1258, 0, 2);
        });
        await page.Locator("[data-import=rows]", new() { HasTextString = "1,260" }).WaitForAsync(new() { Timeout = 10_000 });
        (await page.Locator("[data-import=percent]").InnerTextAsync()).ShouldBe("42 %");
        (await page.EvaluateAsync<double>("() => document.querySelector('progress').value")).ShouldBe(42);
        (await page.Locator("[data-import=imported]").InnerTextAsync()).ShouldBe("1,258");
        (await page.Locator("[data-import=bad]").InnerTextAsync()).ShouldBe("2");
        (await page.Locator("[data-import=status]").InnerTextAsync()).ShouldContain("Reading the file");
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue("the counts change without reloading the page");

        await UpdateAsync(id, i =>
        {
            i.State = LeadImportState.Done;
            i.FinishedAt = DateTimeOffset.UtcNow;
            i.ReadBytes = i.TotalBytes;
            (i.Rows, i.Imported, i.Duplicates, i.Bad) = (3000, 2996, 1, 3);
        });
        await page.Locator("p.notice", new() { HasTextString = "Done." }).WaitForAsync(new() { Timeout = 10_000 });
        (await page.Locator("[data-import=percent]").InnerTextAsync()).ShouldBe("100 %");
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeFalse("the page was loaded again to show the outcome");
    }

    private async Task UpdateAsync(Guid id, Action<LeadImport> change)
    {
        await using var db = app.Database();
        var import = await db.LeadImports.SingleAsync(i => i.Id == id);
        change(import);
        import.Version++;
        await db.SaveChangesAsync();
    }
}
