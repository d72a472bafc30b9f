using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Valueweb.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed partial class WebhookTests(BrowserApp app)
{
    [GeneratedRegex(@"/webhooks/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex SubscriptionPage();

    /// <summary>Reloads the page until the locator's text satisfies the check (deliveries are made by the job runner, a moment later).</summary>
    private static async Task<string> ReloadUntilAsync(IPage page, ILocator locator, Func<string, bool> check)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await locator.CountAsync() > 0 ? await locator.First.InnerTextAsync() : "";
            if (check(text)) return text;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The page never showed what was expected; it shows:\n{await page.Locator("main").InnerTextAsync()}");
            await Task.Delay(300);
            await page.ReloadAsync();
        }
    }

    [Fact]
    public async Task An_admin_subscribes_a_receiver_keeps_the_secret_shown_once_and_follows_a_delivery_and_its_redelivery_in_the_log()
    {
        await using var inbox = new WebhookInbox();
        var source = "webhook-" + Guid.NewGuid().ToString("N")[..6];

        // The vendor admin adds a subscription from the navigation; a refused pattern is named next to its field, the input kept.
        var admin = await app.SignedInPageAsync("admin@valueweb.demo");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Exact = true }).WaitForAsync();
        await admin.GetByLabel("URL", new() { Exact = true }).FillAsync(inbox.Url);
        await admin.GetByLabel("Event types").FillAsync("lead.received, lead*");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the subscription" }).ClickAsync();
        (await admin.Locator(".field-error").AllInnerTextsAsync()).ShouldContain(t => t.Contains("\"lead*\"", StringComparison.Ordinal));
        (await admin.GetByLabel("URL", new() { Exact = true }).InputValueAsync()).ShouldBe(inbox.Url);
        await admin.GetByLabel("Event types").FillAsync("lead.received");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the subscription" }).ClickAsync();

        // The secret, once, with its warning; the receiving system keeps it.
        (await admin.Locator(".secret-once").InnerTextAsync()).ShouldContain("it will not be shown again");
        var secret = await admin.GetByTestId("webhook-secret").InputValueAsync();
        secret.ShouldStartWith("whsec_");
        inbox.Secret = secret;
        var row = admin.Locator("table.list tr").Filter(new() { HasText = inbox.Url });
        (await row.InnerTextAsync()).ShouldContain("Active");
        await row.GetByRole(AriaRole.Link, new() { Name = inbox.Url }).ClickAsync();
        await admin.WaitForURLAsync(SubscriptionPage());
        (await admin.ContentAsync()).ShouldNotContain(secret, Case.Sensitive, "the secret is shown once");
        (await admin.Locator("main").InnerTextAsync()).ShouldContain("Nothing delivered yet");

        // An event: a visitor asks for sales on the public form, and the lead is received.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/lead-form?source={source}");
        await visitor.GetByLabel("First name").FillAsync("Resi");
        await visitor.GetByLabel("Last name").FillAsync("Brandl");
        await visitor.GetByLabel("Company").FillAsync($"Watzmann Seilbahn {source}");
        await visitor.GetByLabel("E-mail").FillAsync($"resi@watzmann-{source}.de");
        await visitor.GetByLabel("Country").FillAsync("Germany");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        (await visitor.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Thank you");
        await visitor.Context.CloseAsync();

        var received = (await inbox.WaitForAsync(d => d.Body.Contains(source, StringComparison.Ordinal))).Single();
        received.Type.ShouldBe("lead.received");
        received.SignedWithSecret.ShouldBeTrue("the delivery is signed with the secret the page showed");

        // The delivery log shows it delivered, with its attempt.
        var delivery = admin.Locator("table.deliveries > tbody > tr").Filter(new() { HasText = received.EventId.ToString() });
        var text = await ReloadUntilAsync(admin, delivery, t => t.Contains("Delivered", StringComparison.Ordinal));
        text.ShouldContain("lead.received");
        text.ShouldContain("200");
        var attempts = admin.Locator("tr.attempts").Filter(new() { HasText = "attempt(s) of lead.received" });
        await attempts.Locator("summary").ClickAsync();
        var log = await attempts.InnerTextAsync();
        log.ShouldContain("First attempt");
        log.ShouldContain("received");

        // Redeliver: the same event again, and the log shows the second attempt as a redelivery.
        await delivery.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Redeliver") }).ClickAsync();
        (await admin.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain($"Redelivery queued: event {received.EventId}");
        var both = await inbox.WaitForAsync(d => d.EventId == received.EventId, 2);
        both.ShouldAllBe(d => d.SignedWithSecret);
        await ReloadUntilAsync(admin, admin.Locator("tr.attempts summary"), t => t.StartsWith("2 attempt(s)", StringComparison.Ordinal));
        await admin.Locator("tr.attempts summary").First.ClickAsync();
        (await admin.Locator("tr.attempts").First.InnerTextAsync()).ShouldContain("Redelivery");

        // Done with it: disabling asks first and says what happens.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        (await admin.Locator("form.confirm").InnerTextAsync()).ShouldContain("will hear no more events");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Yes, disable it" }).ClickAsync();
        (await admin.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("hears no more events");
        (await admin.Locator("dl.facts").InnerTextAsync()).ShouldContain("Disabled");
    }
}
