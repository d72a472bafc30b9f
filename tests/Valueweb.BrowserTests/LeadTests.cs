using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class LeadTests(BrowserApp app)
{
    [GeneratedRegex(@"/leads/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex LeadPage();

    [GeneratedRegex(@"\(in \d+ h\)")]
    private static partial Regex Countdown();

    private async Task SendWebFormAsync(string company, string email)
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/lead-form?source=webinar");
        await visitor.GetByLabel("First name").FillAsync("Vroni");
        await visitor.GetByLabel("Last name").FillAsync("Huber");
        await visitor.GetByLabel("Company").FillAsync(company);
        await visitor.GetByLabel("E-mail").FillAsync("vroni.huber@");
        await visitor.GetByLabel("Country").FillAsync("Germany");
        await visitor.GetByLabel("City").FillAsync("Munich");
        await visitor.GetByLabel("Employees").FillAsync("1500");
        await visitor.GetByLabel("Security Suite", new() { Exact = true }).CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        (await visitor.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("correct the fields");
        (await visitor.Locator(".field-error").AllInnerTextsAsync()).ShouldContain(t => t.Contains("Not a valid e-mail address", StringComparison.Ordinal));
        (await visitor.GetByLabel("Company").InputValueAsync()).ShouldBe(company, "the visitor's input is kept after an error");
        await visitor.GetByLabel("E-mail").FillAsync(email);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        (await visitor.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Thank you");
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task Leads_from_the_web_form_reach_the_nearest_partner_who_accepts_one_and_declines_the_other()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = $"Tegernsee Brauerei {suffix}";
        var second = $"Chiemsee Werft {suffix}";
        await SendWebFormAsync(first, $"it@tegernsee-{suffix}.de");
        await SendWebFormAsync(second, $"it@chiemsee-{suffix}.de");

        // Alpenglow, in Munich and selling Security Suite, finds both in its inbox with the time left to answer.
        var partner = await app.SignedInPageAsync("admin@alpenglow.demo");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await partner.GetByRole(AriaRole.Heading, new() { Name = "Lead inbox" }).WaitForAsync();
        var row = partner.Locator("tr").Filter(new() { HasText = first });
        Countdown().IsMatch(await row.InnerTextAsync()).ShouldBeTrue("the inbox shows the time left to answer");

        await row.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync();
        await partner.WaitForURLAsync(LeadPage());
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Why it came to you");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Accept the lead" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Accepted");
        (await partner.Locator("dl.facts").InnerTextAsync()).ShouldContain("Accepted");

        await partner.GotoAsync("/leads");
        await partner.Locator("tr").Filter(new() { HasText = second }).GetByRole(AriaRole.Link, new() { Name = second }).ClickAsync();
        await partner.WaitForURLAsync(LeadPage());
        var declined = partner.Url;
        await partner.GetByRole(AriaRole.Button, new() { Name = "Decline the lead" }).ClickAsync();
        (await partner.Locator(".field-error").AllInnerTextsAsync()).ShouldNotBeEmpty("a reason is required");
        await partner.GetByLabel("Why decline?").FillAsync("Our security team is booked until spring.");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Decline the lead" }).ClickAsync();
        (await partner.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Declined");
        (await partner.ContentAsync()).ShouldNotContain(second);

        // The vendor sees the declined offer, its reason, and where the lead went next, with the routing explained.
        var cm = await app.SignedInPageAsync("cm@valueweb.demo");
        await cm.GotoAsync(declined);
        var routing = await cm.Locator("section[aria-labelledby=routing-heading]").InnerTextAsync();
        routing.ShouldContain("Our security team is booked until spring.");
        routing.ShouldContain("Declined");
        routing.ShouldContain("Round 2");
        routing.ShouldContain("territory");
    }
}
