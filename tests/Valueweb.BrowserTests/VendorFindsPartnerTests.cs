using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class VendorFindsPartnerTests(BrowserApp app)
{
    [Fact]
    public async Task A_vendor_signs_in_and_finds_a_partner()
    {
        var page = await app.SignedInPageAsync("admin@valueweb.demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Partners" }).ClickAsync();
        await page.GetByLabel("Search").FillAsync("bergmann");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        page.Url.ShouldContain("q=bergmann");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bergmann Systemhaus" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Bergmann Systemhaus");
        (await page.Locator("dl.facts").InnerTextAsync()).ShouldContain("DE");
    }

    [Fact]
    public async Task A_partner_cannot_open_another_partners_page_by_url()
    {
        var vendor = await app.SignedInPageAsync("admin@valueweb.demo");
        await vendor.GotoAsync("/partners?q=bergmann");
        var href = await vendor.GetByRole(AriaRole.Link, new() { Name = "Bergmann Systemhaus" }).GetAttributeAsync("href");

        var partner = await app.SignedInPageAsync("admin@alpenglow.demo");
        var response = await partner.GotoAsync(href!);
        response!.Status.ShouldBe(404);
        (await partner.Locator("h1").InnerTextAsync()).ShouldBe("Not found");
        (await partner.ContentAsync()).ShouldNotContain("Bergmann");
    }
}
