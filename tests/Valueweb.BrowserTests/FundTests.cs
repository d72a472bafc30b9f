using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class FundTests(BrowserApp app)
{
    [GeneratedRegex(@"/funds/requests/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RequestPage();

    [Fact]
    public async Task A_partner_requests_funds_marketing_approves_part_and_the_partner_claims_with_a_proof_file()
    {
        var day = (int offset) => DateTime.UtcNow.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var partner = await app.SignedInPageAsync("admin@bergmann.demo");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Funds", Exact = true }).ClickAsync();
        await partner.GetByLabel("Activity").FillAsync("Hamburg partner breakfast");
        await partner.GetByLabel("Plan").FillAsync("Breakfast for 30 IT managers with a Cloud Platform demo.");
        await partner.GetByLabel("Starts on").FillAsync(day(-12));
        await partner.GetByLabel("Ends on").FillAsync(day(-11));
        await partner.GetByLabel("Amount (EUR)").FillAsync("99999");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        (await partner.Locator(".field-error").First.InnerTextAsync()).ShouldContain("left", customMessage: "more than the budget has left is refused next to the amount");
        (await partner.GetByLabel("Activity").InputValueAsync()).ShouldBe("Hamburg partner breakfast");
        await partner.GetByLabel("Amount (EUR)").FillAsync("2500");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await partner.WaitForURLAsync(RequestPage());
        var request = partner.Url;
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Submitted");

        var marketing = await app.SignedInPageAsync("marketing@valueweb.demo");
        await marketing.GotoAsync(request);
        await marketing.GetByLabel("Approve (EUR; less than requested to approve in part)").FillAsync("2000");
        await marketing.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        (await marketing.Locator(".field-error").First.InnerTextAsync()).ShouldContain("Say why");
        await marketing.GetByLabel("Reason (required to reject or approve in part; the partner reads it)").FillAsync("Catering is covered up to 2,000 EUR.");
        await marketing.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        (await marketing.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Approved");

        await partner.GotoAsync(request);
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Catering is covered up to 2,000 EUR.");
        await partner.GetByLabel("What was done").FillAsync("Breakfast held: 27 guests, 9 follow-up meetings.");
        await partner.GetByLabel("Amount (EUR, at most 2,000.00 EUR)").FillAsync("1950");
        await partner.GetByLabel("Proof of performance").SetInputFilesAsync(new FilePayload
        {
            Name = "invoice.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
        });
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send the claim" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Your claim was sent");
        var claim = await partner.Locator("article.card").InnerTextAsync();
        claim.ShouldContain("1,950.00 EUR");
        claim.ShouldContain("invoice.pdf");

        var download = await partner.RunAndWaitForDownloadAsync(() => partner.GetByRole(AriaRole.Link, new() { Name = "invoice.pdf" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("invoice.pdf");

        await marketing.GotoAsync(request);
        await marketing.GetByRole(AriaRole.Button, new() { Name = "Approve the claim" }).ClickAsync();
        (await marketing.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("reimbursement is on the partner's statement");
        await partner.GotoAsync(request);
        await partner.GetByRole(AriaRole.Link, new() { Name = "The reimbursement on the statement" }).ClickAsync();
        (await partner.Locator("p.explanation").InnerTextAsync()).ShouldContain("1,950.00 EUR approved of 1,950.00 EUR claimed");
    }
}
