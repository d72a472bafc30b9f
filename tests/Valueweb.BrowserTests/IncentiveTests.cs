using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class IncentiveTests(BrowserApp app)
{
    [GeneratedRegex(@"/payouts/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex BatchPage();

    [Fact]
    public async Task A_partner_reads_its_statement_line_by_line_and_disputes_a_line_which_finance_then_answers()
    {
        // The demo's referral fee was earned when Bergmann won the deal Alpenglow had registered, 30 days ago.
        var period = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var partner = await app.SignedInPageAsync("admin@alpenglow.demo");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Earnings", Exact = true }).ClickAsync();
        await partner.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync(period);
        await partner.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Heading, new() { Name = $"Statement for {period}" }).CountAsync()).ShouldBe(1);
        var lines = await partner.GetByRole(AriaRole.Table, new() { Name = "Lines" }).InnerTextAsync();
        lines.ShouldContain("split 60%");
        lines.ShouldContain("Referral fee 500.00 EUR");
        (await partner.ContentAsync()).ShouldNotContain("Bergmann", customMessage: "the statement names the customer, never the partner who closed the deal");

        await partner.GetByRole(AriaRole.Link, new() { Name = "Referral fee", Exact = true }).ClickAsync();
        (await partner.Locator("p.explanation").InnerTextAsync()).ShouldContain("you referred the customer");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Dispute this line" }).ClickAsync();
        (await partner.Locator(".field-error").First.InnerTextAsync()).ShouldNotBeEmpty("an empty comment is refused next to the field");
        await partner.GetByLabel("What is wrong with this line?").FillAsync("Our agreement says 750 EUR for referrals in aerospace.");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Dispute this line" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Your dispute was sent");
        var line = partner.Url;
        (await partner.Locator("article.card").InnerTextAsync()).ShouldContain("750 EUR");

        // Finance answers from the disputes list; the partner reads the answer and the adjustment on the same line.
        var finance = await app.SignedInPageAsync("finance@valueweb.demo");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Disputes", Exact = true }).ClickAsync();
        var row = finance.Locator("tr").Filter(new() { HasText = "750 EUR for referrals" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Referral fee" }).ClickAsync();
        await finance.GetByLabel("Uphold").CheckAsync();
        await finance.GetByLabel("Answer to the partner").FillAsync("Right: aerospace referrals pay 750 EUR.");
        await finance.GetByLabel("Adjustment (EUR, optional)").FillAsync("250");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        (await finance.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Answered");

        await partner.GotoAsync(line);
        var answer = await partner.Locator("article.card").InnerTextAsync();
        answer.ShouldContain("Upheld");
        answer.ShouldContain("aerospace referrals pay 750 EUR");
        await partner.GetByRole(AriaRole.Link, new() { Name = "the adjustment line" }).ClickAsync();
        (await partner.Locator("p.explanation").InnerTextAsync()).ShouldContain("Adjustment of 250.00 EUR");
    }

    [Fact]
    public async Task Finance_builds_a_batch_reviews_it_approves_it_and_marks_it_paid()
    {
        var finance = await app.SignedInPageAsync("finance@valueweb.demo");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Payouts", Exact = true }).ClickAsync();
        await finance.GetByLabel("Pay lines up to and including").FillAsync(DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await finance.GetByRole(AriaRole.Button, new() { Name = "Build a batch" }).ClickAsync();
        await finance.WaitForURLAsync(BatchPage());
        (await finance.Locator("dl.facts").InnerTextAsync()).ShouldContain("Draft");
        (await finance.GetByRole(AriaRole.Table).InnerTextAsync()).ShouldContain("Alpenglow IT");

        await finance.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        (await finance.Locator("form.confirm").InnerTextAsync()).ShouldContain("will be approved for payment");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Yes, approve" }).ClickAsync();
        (await finance.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Approved");

        await finance.GetByLabel("Payment reference (optional)").FillAsync("SEPA-TEST-42");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Mark as paid" }).ClickAsync();
        (await finance.Locator("form.confirm").InnerTextAsync()).ShouldContain("SEPA-TEST-42");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Yes, mark as paid" }).ClickAsync();
        (await finance.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Paid");
        var facts = await finance.Locator("dl.facts").InnerTextAsync();
        facts.ShouldContain("Paid");
        facts.ShouldContain("SEPA-TEST-42");
        (await finance.GetByRole(AriaRole.Button, new() { Name = "Mark as paid" }).CountAsync()).ShouldBe(0, "a paid batch offers no further step");

        var download = await finance.RunAndWaitForDownloadAsync(() => finance.GetByRole(AriaRole.Link, new() { Name = "Export lines (CSV)" }).ClickAsync());
        var path = await download.PathAsync();
        var csv = await File.ReadAllLinesAsync(path!);
        csv[0].ShouldStartWith("batch_id,partner_id,partner_name,line_id");
        csv.Length.ShouldBeGreaterThan(1);
    }
}
