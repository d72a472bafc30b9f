using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Webhooks;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;
using Valueweb.Tests.Leads.Rules;

namespace Valueweb.Tests.Webhooks;

/// <summary>
/// The admins' webhook pages, used as a browser without script would: add a subscription and see its secret once, rotate
/// and disable it after a confirmation, read the delivery log and redeliver; a competitor's subscription is not found.
/// </summary>
public sealed partial class WebhookPagesTests(WebhookFactory app) : IClassFixture<WebhookFactory>
{
    private const string List = "/webhooks";

    [GeneratedRegex("whsec_[A-Za-z0-9_-]+")]
    private static partial Regex Secret();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"[^\"]+\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"(/webhooks/[0-9a-f-]{36}\\?cursor=[^\"]+)\"")]
    private static partial Regex OlderLink();

    [GeneratedRegex("<a [^>]*href=\"/webhooks\"[^>]*class=\"active\"[^>]*>Webhooks</a>|<a [^>]*class=\"active\"[^>]*href=\"/webhooks\"[^>]*>Webhooks</a>")]
    private static partial Regex ActiveWebhooksLink();

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return Text(html);
    }

    private async Task<Guid> RegisterDealAsync(string email, string customer, string domain)
    {
        var client = await app.ApiAs(email);
        var line = await DealApi.LineAsync(client, "Collaboration");
        return (await DealApi.RegisterAsync(client, DealApi.Body(customer, domain, [line]))).GetProperty("id").GetGuid();
    }

    // Subscriptions and deliveries are each organisation's own, even to the system: the tests look past that filter by name.
    private static IQueryable<WebhookSubscription> Subscriptions(ValuewebDb db) => db.WebhookSubscriptions.IgnoreQueryFilters([ValuewebDb.TenantFilter]);

    private static IQueryable<WebhookDelivery> Deliveries(ValuewebDb db) => db.WebhookDeliveries.IgnoreQueryFilters([ValuewebDb.TenantFilter]);

    private Task<WebhookSubscription> StoredAsync(Guid id) => app.Db(db => Subscriptions(db).AsNoTracking().SingleAsync(s => s.Id == id));

    [Fact]
    public async Task A_subscription_added_on_the_page_shows_its_secret_once_and_the_same_form_sent_again_adds_nothing()
    {
        var cobalt = await PageSession.SignInAsync(app, ValuewebFactory.PartnerC);
        Text(await cobalt.GetAsync(List)).ShouldContain("No subscription yet. Add one below");
        var sales = await PageSession.SignInAsync(app, "sales@alpenglow.demo");
        (await sales.GetAsync("/")).ShouldNotContain("href=\"/webhooks\"", Case.Sensitive, "only admins have the entry");
        var denied = await sales.Client.GetAsync(List);
        denied.StatusCode.ShouldBe(HttpStatusCode.Found);
        denied.Headers.Location!.ToString().ShouldContain("denied", Case.Insensitive);

        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var html = await page.GetAsync(List);
        ActiveWebhooksLink().IsMatch(html).ShouldBeTrue("the navigation has an entry for webhooks, lit up here");
        var key = PageSession.HiddenValue(html, "Form.Key");

        // Refused: the API's messages next to their fields, each refused pattern named, the input kept.
        var refused = await TextOf(await page.PostAsync(List, "add", html, new()
        {
            ["Form.Key"] = key,
            ["Form.Url"] = "ftp://example.org/hook",
            ["Form.EventTypes"] = "lead.*, lead*x",
        }));
        refused.ShouldContain("Please correct the fields marked below.");
        HtmlForm.Around(refused, "webhook-url").ShouldContain("An absolute http or https URL.");
        HtmlForm.Around(refused, "webhook-events").ShouldContain("\"lead*x\": An event type (\"lead.accepted\"), a prefix (\"lead.*\") or \"*\".");
        var kept = HtmlForm.Fields(refused);
        kept["Form.Url"].ShouldBe("ftp://example.org/hook");
        kept["Form.EventTypes"].ShouldBe("lead.*, lead*x");
        kept["Form.Key"].ShouldBe(key);
        Secret().IsMatch(refused).ShouldBeFalse();
        var none = await TextOf(await page.PostAsync(List, "add", html, new() { ["Form.Key"] = key, ["Form.Url"] = app.Receiver.Url("page-a"), ["Form.EventTypes"] = " \n, " }));
        HtmlForm.Around(none, "webhook-events").ShouldContain("At least one event type");

        // Added: the secret is on this answer, with the warning, and on no other page.
        var fields = new Dictionary<string, string>
        {
            ["Form.Key"] = key,
            ["Form.Url"] = app.Receiver.Url("page-a"),
            ["Form.EventTypes"] = "dealRegistration.*\r\nlead.*",
        };
        var response = await page.PostAsync(List, "add", html, fields);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue("a page with a secret on it is not kept by the browser");
        var added = await TextOf(response);
        added.ShouldContain("Subscription added");
        added.ShouldContain("it will not be shown again");
        var secret = Secret().Match(added).Value;
        secret.ShouldNotBeNullOrEmpty();
        var id = await app.Db(db => Subscriptions(db).Where(s => s.Url == app.Receiver.Url("page-a")).Select(s => s.Id).SingleAsync());
        (await StoredAsync(id)).EventTypes.ShouldBe("dealRegistration.* lead.*");
        HtmlForm.Fields(added)["Form.Key"].ShouldNotBe(key, "the next subscription is another form");

        // The same form sent again (a double click, a reload): one subscription, and the secret is not shown a second time.
        var again = await TextOf(await page.PostAsync(List, "add", html, fields));
        again.ShouldContain("This form was already sent");
        again.ShouldContain($"href=\"/webhooks/{id}\"");
        Secret().IsMatch(again).ShouldBeFalse();
        (await app.Db(db => Subscriptions(db).CountAsync(s => s.Url == app.Receiver.Url("page-a")))).ShouldBe(1);

        var list = Text(await page.GetAsync(List));
        list.ShouldContain(app.Receiver.Url("page-a"));
        list.ShouldContain("dealRegistration.*");
        list.ShouldContain("Active");
        Secret().IsMatch(list).ShouldBeFalse();
        Secret().IsMatch(await page.GetAsync($"/webhooks/{id}")).ShouldBeFalse();

        // The secret shown is the one deliveries are signed with.
        app.Receiver.Secret("page-a", secret);
        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Gletscherblick Sennerei AG", "gletscherblick-sennerei.de");
        await app.RunJobsAsync();
        var call = app.Receiver.To("page-a").Single(c => c.SubjectId == deal);
        call.Refusal.ShouldBeNull();
    }

    [Fact]
    public async Task Another_partners_subscription_answers_the_same_not_found_page_as_a_missing_one()
    {
        var (hook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "isolated", "*");
        var before = await StoredAsync(hook);

        var bergmann = await PageSession.SignInAsync(app, ValuewebFactory.PartnerB);
        var foreign = await bergmann.Client.GetAsync($"/webhooks/{hook}");
        var missing = await bergmann.Client.GetAsync($"/webhooks/{Guid.CreateVersion7()}");
        var malformed = await bergmann.Client.GetAsync("/webhooks/not-an-id");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var foreignHtml = Token().Replace(await foreign.Content.ReadAsStringAsync(), "");
        foreignHtml.ShouldBe(Token().Replace(await missing.Content.ReadAsStringAsync(), ""), "a competitor's subscription looks exactly like none");
        foreignHtml.ShouldNotContain(app.Receiver.Url("isolated"));
        var vendor = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        (await vendor.Client.GetAsync($"/webhooks/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the vendor sees its own subscriptions only");

        // Nor can its forms be posted: the answer is the one a missing id gets (the page has no such form), and nothing changes.
        var own = await bergmann.GetAsync(List);
        own.ShouldNotContain(app.Receiver.Url("isolated"));
        var delivery = Guid.CreateVersion7().ToString();
        foreach (var (form, fields) in new (string, Dictionary<string, string>)[]
        {
            ("act", new() { ["Acting.Action"] = "disable", ["Acting.Version"] = "1", ["Acting.Confirmed"] = "true" }),
            ("act", new() { ["Acting.Action"] = "rotate", ["Acting.Version"] = "1", ["Acting.Confirmed"] = "true" }),
            ("redeliver", new() { ["Redelivering.Key"] = "k", ["Redelivering.DeliveryId"] = delivery }),
        })
        {
            var posted = await bergmann.PostAsync($"/webhooks/{hook}", form, own, fields);
            var toNone = await bergmann.PostAsync($"/webhooks/{Guid.CreateVersion7()}", form, own, fields);
            ((int)posted.StatusCode).ShouldBeInRange(400, 499, form);
            posted.StatusCode.ShouldBe(toNone.StatusCode, form);
            (await posted.Content.ReadAsStringAsync()).ShouldBe(await toNone.Content.ReadAsStringAsync(), form);
        }
        var after = await StoredAsync(hook);
        after.Active.ShouldBeTrue();
        after.Secret.ShouldBe(before.Secret);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task Rotating_asks_first_then_shows_the_new_secret_once_and_the_next_delivery_is_signed_with_it()
    {
        var (hook, oldSecret) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "rotating", "dealRegistration.submitted");
        var stored = await StoredAsync(hook);
        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var path = $"/webhooks/{hook}";
        var html = await page.GetAsync(path);
        var version = PageSession.HiddenValue(html, "Acting.Version");

        var confirm = await TextOf(await page.PostAsync(path, "act", html, new() { ["Acting.Action"] = "rotate", ["Acting.Version"] = version }));
        confirm.ShouldContain("A new secret replaces the current one at once");
        confirm.ShouldContain("Yes, rotate the secret");
        Secret().IsMatch(confirm).ShouldBeFalse();
        (await StoredAsync(hook)).Secret.ShouldBe(stored.Secret, "nothing changes before the confirmation");

        var confirmed = await TextOf(await page.PostAsync(path, "act", confirm, new()
        {
            ["Acting.Action"] = "rotate",
            ["Acting.Version"] = PageSession.HiddenValue(confirm, "Acting.Version"),
            ["Acting.Confirmed"] = "true",
        }));
        confirmed.ShouldContain("Secret rotated");
        confirmed.ShouldContain("it will not be shown again");
        var newSecret = Secret().Match(confirmed).Value;
        newSecret.ShouldNotBeNullOrEmpty();
        newSecret.ShouldNotBe(oldSecret);
        var rotated = await StoredAsync(hook);
        rotated.SecretRotatedAt.ShouldBe(app.Clock.GetUtcNow());

        // The confirmation of a page read before the rotation is stale: the secret is not rotated a second time.
        var stale = await TextOf(await page.PostAsync(path, "act", confirm, new() { ["Acting.Action"] = "rotate", ["Acting.Version"] = version, ["Acting.Confirmed"] = "true" }));
        stale.ShouldContain("The subscription changed meanwhile");
        Secret().IsMatch(stale).ShouldBeFalse();
        (await StoredAsync(hook)).Secret.ShouldBe(rotated.Secret);
        Secret().IsMatch(await page.GetAsync(path)).ShouldBeFalse("the new secret was shown once");

        app.Receiver.Secret("rotating", newSecret);
        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Almrausch Käserei KG", "almrausch-kaeserei.de");
        await app.RunJobsAsync();
        var call = app.Receiver.To("rotating").Single(c => c.SubjectId == deal);
        call.Refusal.ShouldBeNull();
        WebhookReceiver.Verify(oldSecret, call.Signature, Encoding.UTF8.GetBytes(call.Body), app.Clock.GetUtcNow()).ShouldBe("wrong signature");
    }

    [Fact]
    public async Task Disabling_asks_first_saying_what_happens_then_the_subscription_hears_nothing_more()
    {
        var (hook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "disabling", "dealRegistration.submitted");
        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var path = $"/webhooks/{hook}";
        var html = await page.GetAsync(path);

        var unversioned = await TextOf(await page.PostAsync(path, "act", html, new() { ["Acting.Action"] = "disable", ["Acting.Confirmed"] = "true" }));
        unversioned.ShouldContain("The form did not say which version of the subscription it changes");
        (await StoredAsync(hook)).Active.ShouldBeTrue();

        var confirm = await TextOf(await page.PostAsync(path, "act", html, new() { ["Acting.Action"] = "disable", ["Acting.Version"] = PageSession.HiddenValue(html, "Acting.Version") }));
        confirm.ShouldContain("will hear no more events, for good");
        confirm.ShouldContain("cannot be enabled again");
        confirm.ShouldContain("Yes, disable it");
        (await StoredAsync(hook)).Active.ShouldBeTrue("nothing changes before the confirmation");

        var done = await TextOf(await page.PostAsync(path, "act", confirm, new()
        {
            ["Acting.Action"] = "disable",
            ["Acting.Version"] = PageSession.HiddenValue(confirm, "Acting.Version"),
            ["Acting.Confirmed"] = "true",
        }));
        done.ShouldContain($"Disabled: {app.Receiver.Url("disabling")} hears no more events.");
        done.ShouldContain("pill-bad\">Disabled</span>");
        done.ShouldNotContain("Rotate the secret");
        (await StoredAsync(hook)).Active.ShouldBeFalse();
        var api = await app.ApiAs(ValuewebFactory.PartnerA);
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{hook}")).GetProperty("active").GetBoolean().ShouldBeFalse();
        Text(await page.GetAsync(List)).ShouldContain("Disabled");

        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Zirbenstube Tischlerei GmbH", "zirbenstube-tischlerei.de");
        await app.RunJobsAsync();
        app.Receiver.To("disabling").ShouldNotContain(c => c.SubjectId == deal);
    }

    [Fact]
    public async Task Redeliver_on_the_page_queues_one_new_attempt_with_the_same_event_id_and_the_paged_log_shows_every_attempt()
    {
        var (hook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "redelivering", "dealRegistration.submitted");
        var first = await RegisterDealAsync(ValuewebFactory.PartnerA, "Edelweiss Bergbahn AG", "edelweiss-bergbahn.de");
        var second = await RegisterDealAsync(ValuewebFactory.PartnerA, "Enzian Brennerei GmbH", "enzian-brennerei.de");
        await app.RunJobsAsync();
        var deliveries = await app.Db(db => Deliveries(db).Where(d => d.SubscriptionId == hook).OrderBy(d => d.Id).ToListAsync());
        deliveries.Count.ShouldBe(2);
        var (older, newer) = (deliveries[0], deliveries[1]);
        app.Receiver.To("redelivering").Single(c => c.SubjectId == first).EventId.ShouldBe(older.EventId);

        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var path = $"/webhooks/{hook}";
        var html = await page.GetAsync(path);
        var log = Text(html);
        log.ShouldContain(older.EventId.ToString());
        log.ShouldContain(newer.EventId.ToString());
        log.ShouldContain("dealRegistration.submitted");
        log.ShouldContain("pill-good\">Delivered</span>");
        log.ShouldContain("answered 200");
        log.ShouldContain("First attempt");

        // Paged like the API: a limit, and a cursor to the older deliveries.
        var one = await page.GetAsync($"{path}?limit=1");
        one.ShouldContain(newer.EventId.ToString());
        one.ShouldNotContain(older.EventId.ToString());
        var next = WebUtility.HtmlDecode(OlderLink().Match(one).Groups[1].Value);
        next.ShouldContain("limit=1");
        var rest = await page.GetAsync(next);
        rest.ShouldContain(older.EventId.ToString());
        rest.ShouldNotContain(newer.EventId.ToString());
        (await page.GetAsync($"{path}?cursor=not-ours")).ShouldContain("Not a cursor this list gave out.");

        // Redeliver the older one: a job for a new attempt, once, even when the form is sent twice.
        var fields = new Dictionary<string, string>
        {
            ["Redelivering.Key"] = PageSession.HiddenValue(html, "Redelivering.Key"),
            ["Redelivering.DeliveryId"] = older.Id.ToString(),
        };
        var queued = await TextOf(await page.PostAsync(path, "redeliver", html, fields));
        queued.ShouldContain($"Redelivery queued: event {older.EventId}");
        var again = await TextOf(await page.PostAsync(path, "redeliver", html, fields));
        again.ShouldContain($"Redelivery queued: event {older.EventId}");
        var jobs = await app.Db(db => db.Jobs.Where(j => j.Kind == WebhookDeliveryJob.KindName).Select(j => j.Payload).ToListAsync());
        var redeliveries = jobs.Select(p => JsonSerializer.Deserialize<WebhookDeliveryJob.Payload>(p, JsonSerializerOptions.Web)!)
            .Where(p => p.DeliveryId == older.Id && p.Redelivery).ToList();
        redeliveries.Count.ShouldBe(1, "the same form sent twice queues one redelivery");
        redeliveries[0].Attempt.ShouldBe(2);
        (await app.Db(db => Deliveries(db).SingleAsync(d => d.Id == older.Id))).State.ShouldBe(WebhookDeliveryState.Pending);

        await app.RunJobsAsync();
        var calls = app.Receiver.To("redelivering").Where(c => c.SubjectId == first).ToList();
        calls.Count.ShouldBe(2);
        calls[1].EventId.ShouldBe(calls[0].EventId);
        calls[1].Refusal.ShouldBeNull();
        app.Receiver.To("redelivering").Count(c => c.SubjectId == second).ShouldBe(1);

        var after = Text(await page.GetAsync(path));
        after.ShouldContain("Redelivery");
        after.ShouldContain("2 attempt(s) of dealRegistration.submitted");
    }
}
