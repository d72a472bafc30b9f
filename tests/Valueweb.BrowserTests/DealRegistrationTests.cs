using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class DealRegistrationTests(BrowserApp app)
{
    [GeneratedRegex(@"/deals/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex DealPage();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \(in \d+ days\)$")]
    private static partial Regex ProtectionDate();

    private static async Task FillRegistrationAsync(IPage page, string customer, string domain, string email, string productLine)
    {
        await page.GetByLabel("Company name").FillAsync(customer);
        await page.GetByLabel("Web domain").FillAsync(domain);
        await page.GetByLabel("Country").SelectOptionAsync(new SelectOptionValue { Label = "Germany" });
        await page.GetByLabel("Contact name").FillAsync("Jana Vogt");
        await page.GetByLabel("Contact e-mail").FillAsync(email);
        await page.GetByLabel(productLine, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Estimated value").FillAsync("150000");
        await page.GetByLabel("Expected close date").FillAsync(DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_conflicting_registration_warns_without_naming_the_holder_and_the_channel_manager_rejects_it_side_by_side()
    {
        // Bergmann registers a customer that Alpenglow's approved registration protects for Cloud Platform
        var partner = await app.SignedInPageAsync("admin@bergmann.demo");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Deals", Exact = true }).ClickAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "Register a deal" }).ClickAsync();
        await FillRegistrationAsync(partner, "Nordlicht Energie AG", "www.nordlicht-energie.de", "jana.vogt@nordlicht-energie.de", "Cloud Platform");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Check for conflicts" }).ClickAsync();
        (await partner.Locator("section[aria-labelledby=check-heading]").InnerTextAsync()).ShouldContain("An earlier registration protects this customer");
        (await partner.ContentAsync()).ShouldNotContain("Alpenglow");
        (await partner.GetByLabel("Company name").InputValueAsync()).ShouldBe("Nordlicht Energie AG");

        await partner.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await partner.WaitForURLAsync(DealPage());
        var facts = await partner.Locator("dl.facts").InnerTextAsync();
        facts.ShouldContain("Pending");
        facts.ShouldContain("in conflict");
        (await partner.ContentAsync()).ShouldNotContain("Alpenglow");
        var registration = partner.Url;

        // the channel manager finds it in the queue, with Alpenglow's claim beside it, and rejects it with a reason
        var cm = await app.SignedInPageAsync("cm@valueweb.demo");
        await cm.GetByRole(AriaRole.Link, new() { Name = "Approval queue" }).ClickAsync();
        var item = cm.Locator("section.queue-item").Filter(new() { Has = cm.GetByRole(AriaRole.Heading, new() { Name = "Nordlicht Energie AG", Exact = true }) });
        var sideBySide = await item.InnerTextAsync();
        sideBySide.ShouldContain("Alpenglow IT");
        sideBySide.ShouldContain("Nordlicht Energie GmbH");
        await item.GetByRole(AriaRole.Link, new() { Name = "Decide" }).ClickAsync();
        await cm.GetByLabel("Reason", new() { Exact = true }).FillAsync("An earlier registration holds this customer for Cloud Platform.");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        (await cm.Locator("form.confirm").InnerTextAsync()).ShouldContain("will be rejected");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Yes, reject" }).ClickAsync();
        (await cm.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Rejected");

        // Bergmann sees the decision and why
        await partner.GotoAsync(registration);
        facts = await partner.Locator("dl.facts").InnerTextAsync();
        facts.ShouldContain("Rejected");
        facts.ShouldContain("An earlier registration holds this customer for Cloud Platform.");
        (await partner.ContentAsync()).ShouldNotContain("Alpenglow");
    }

    [Fact]
    public async Task A_registration_without_conflict_is_approved_and_protected()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var customer = $"Polarstern Robotik {suffix} GmbH";
        var domain = $"polarstern-{suffix}.de";
        var partner = await app.SignedInPageAsync("admin@bergmann.demo");
        await partner.GotoAsync("/deals/new");
        await FillRegistrationAsync(partner, customer, domain, $"jana.vogt@{domain}", "Security Suite");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Check for conflicts" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("No conflicts found");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await partner.WaitForURLAsync(DealPage());
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Pending");
        var registration = partner.Url;

        var cm = await app.SignedInPageAsync("cm@valueweb.demo");
        await cm.GotoAsync($"/deals?q={Uri.EscapeDataString(customer)}");
        await cm.GetByRole(AriaRole.Link, new() { Name = customer }).ClickAsync();
        await cm.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        (await cm.Locator("form.confirm").InnerTextAsync()).ShouldContain("will be approved and protected");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Yes, approve" }).ClickAsync();
        (await cm.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Approved");

        await partner.GotoAsync(registration);
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Approved");
        (await partner.Locator("dl.facts .countdown").InnerTextAsync()).ShouldMatch(ProtectionDate().ToString());
    }

    [Fact]
    public async Task The_owning_partner_moves_its_approved_registration_extends_it_once_and_marks_it_won()
    {
        var partner = await app.SignedInPageAsync("admin@bergmann.demo");
        await partner.GotoAsync("/deals?q=Vandenberg&status=approved");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Vandenberg Bouw B.V." }).ClickAsync();
        var registration = partner.Url;
        var stale = await partner.Context.NewPageAsync();
        await stale.GotoAsync(registration);

        await partner.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync("negotiate");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Stage is now Negotiate");

        await partner.GetByRole(AriaRole.Button, new() { Name = "Extend protection" }).ClickAsync();
        (await partner.Locator("form.confirm").InnerTextAsync()).ShouldContain("30 days longer");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Yes, extend protection" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Protection extended until");
        (await partner.GetByRole(AriaRole.Button, new() { Name = "Extend protection" }).CountAsync()).ShouldBe(0);

        // a tab opened before those changes holds an old version: its change is refused, and it shows the current state
        await stale.GetByLabel("Why was it lost?").FillAsync("Budget frozen.");
        await stale.GetByRole(AriaRole.Button, new() { Name = "Mark as lost" }).ClickAsync();
        await stale.GetByRole(AriaRole.Button, new() { Name = "Yes, mark as lost" }).ClickAsync();
        (await stale.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Someone changed this registration meanwhile");

        await partner.GetByLabel("Actual value (EUR)").FillAsync("70000");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Mark as won" }).ClickAsync();
        (await partner.Locator("form.confirm").InnerTextAsync()).ShouldContain("70,000.00 EUR");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Yes, mark as won" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Marked as won");
        var facts = await partner.Locator("dl.facts").InnerTextAsync();
        facts.ShouldContain("Won");
        facts.ShouldContain("70,000.00 EUR");
        (await partner.Locator("table.list").Last.InnerTextAsync()).ShouldContain("Marked as won");
    }
}
