using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Valueweb.Features.Organisations;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class SuspensionTests(BrowserApp app)
{
    [Fact]
    public async Task A_suspended_partner_is_signed_out_on_its_next_click()
    {
        var partner = await app.SignedInPageAsync("admin@cobalt.demo");
        (await partner.Locator("[data-testid=person]").InnerTextAsync()).ShouldNotBeEmpty();

        // the channel manager suspends Cobalt, with a reason and a confirmation step
        var cm = await app.SignedInPageAsync("cm@valueweb.demo");
        await cm.GotoAsync("/partners?q=cobalt");
        await cm.GetByRole(AriaRole.Link, new() { Name = "Cobalt Distribution" }).ClickAsync();
        await cm.GetByLabel("Reason").FillAsync("Missed the compliance review");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        (await cm.Locator("form.confirm").InnerTextAsync()).ShouldContain("signed out at once");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Yes, suspend Cobalt Distribution" }).ClickAsync();
        (await cm.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("suspended");

        await partner.GetByRole(AriaRole.Link, new() { Name = "Our company", Exact = true }).ClickAsync();
        await partner.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        (await partner.Locator("h1").InnerTextAsync()).ShouldBe("Sign in");

        await using var db = app.Database();
        (await db.Organisations.SingleAsync(o => o.Slug == "cobalt")).Status.ShouldBe(OrganisationStatus.Suspended);
        var reactivated = await db.Organisations.SingleAsync(o => o.Slug == "cobalt");
        reactivated.Status = OrganisationStatus.Active;
        await db.SaveChangesAsync();
    }
}
