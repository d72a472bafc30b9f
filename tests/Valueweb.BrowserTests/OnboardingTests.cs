using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class OnboardingTests(BrowserApp app)
{
    [Fact]
    public async Task A_company_applies_is_approved_accepts_the_agreement_and_edits_its_profile()
    {
        // a visitor applies through the public form, first with a mistake
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Become a partner", Exact = true }).ClickAsync();
        await visitor.GetByLabel("Company name").FillAsync("Fjordline Data AS");
        await visitor.GetByLabel("City").SelectOptionAsync("Oslo, NO");
        await visitor.GetByLabel("System integrator").CheckAsync();
        await visitor.GetByLabel("Your name").FillAsync("Ingrid Fjord");
        await visitor.GetByLabel("Your e-mail").FillAsync("ingrid@fjordline");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        (await visitor.Locator(".field-error").AllInnerTextsAsync()).ShouldContain(t => t.Contains("e-mail", StringComparison.OrdinalIgnoreCase));
        (await visitor.GetByLabel("Company name").InputValueAsync()).ShouldBe("Fjordline Data AS");
        await visitor.GetByLabel("Your e-mail").FillAsync("ingrid@fjordline.example");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        (await visitor.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("channel manager will review");

        // the channel manager finds the application and approves it
        var cm = await app.SignedInPageAsync("cm@valueweb.demo");
        await cm.GotoAsync("/partners?status=Applied");
        await cm.GetByRole(AriaRole.Link, new() { Name = "Fjordline Data AS" }).ClickAsync();
        await cm.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        (await cm.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("approved");

        // the applicant follows the e-mailed invitation and chooses a password
        var link = await app.LatestEmailLinkAsync("ingrid@fjordline.example");
        var applicant = await app.NewPageAsync();
        await applicant.GotoAsync(link);
        await applicant.GetByLabel("Password").FillAsync("Fjordline-2026!");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await applicant.GetByLabel("E-mail").FillAsync("ingrid@fjordline.example");
        await applicant.GetByLabel("Password").FillAsync("Fjordline-2026!");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // accepts the agreement and becomes active
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Read and accept the program agreement" }).ClickAsync();
        await applicant.GetByLabel("I accept this agreement for my company").CheckAsync();
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Accept the agreement" }).ClickAsync();
        (await applicant.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("active partner");

        // edits the profile and lists the company in the locator
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Our company", Exact = true }).ClickAsync();
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Edit profile" }).ClickAsync();
        await applicant.GetByLabel("Public description").FillAsync("Data platforms for the Nordics.");
        await applicant.GetByLabel("List us in the public partner locator").CheckAsync();
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        (await applicant.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Profile saved");

        // a visitor finds it in the locator near a city
        var finder = await app.NewPageAsync();
        await finder.GotoAsync("/");
        await finder.GetByRole(AriaRole.Link, new() { Name = "Find a partner", Exact = true }).ClickAsync();
        await finder.GetByLabel("Near").SelectOptionAsync("Oslo, NO");
        await finder.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var first = finder.Locator(".cards .card").First;
        (await first.Locator("h3").InnerTextAsync()).ShouldBe("Fjordline Data AS");
        (await first.InnerTextAsync()).ShouldContain("Data platforms for the Nordics.");
    }
}
