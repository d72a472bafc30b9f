using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class ConsoleTests(BrowserApp app)
{
    [Fact]
    public async Task The_vendor_admin_adds_a_tier_and_a_product_line_and_sees_it_in_the_audit_log()
    {
        var page = await app.SignedInPageAsync("admin@valueweb.demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Name of tier 5").FillAsync("Diamond");
        await page.GetByLabel("Rank of tier 5").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save tiers" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Tiers saved.");
        (await page.GetByLabel("Name of tier 5").InputValueAsync()).ShouldBe("Diamond");

        await page.GetByLabel("Code").FillAsync("ROBO");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Robotics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add product line" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("ROBO");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var log = await page.Locator("table.list").InnerTextAsync();
        log.ShouldContain("program.changed");
        log.ShouldContain("productLine.created");
    }

    [Fact]
    public async Task A_partner_admin_invites_a_colleague_from_the_people_page()
    {
        var page = await app.SignedInPageAsync("admin@bergmann.demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        (await page.Locator("table.list").InnerTextAsync()).ShouldNotContain("alpenglow");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Paul Presales");
        await page.GetByLabel("E-mail").FillAsync("paul@bergmann.example");
        await page.GetByLabel("Role").SelectOptionAsync("PartnerSales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("paul@bergmann.example");
        (await app.LatestEmailLinkAsync("paul@bergmann.example")).ShouldStartWith("/invitations/");
    }
}
