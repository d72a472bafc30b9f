using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Webhooks;

/// <summary>Signed deliveries to a real receiver: who hears what, retries with the same event id, redelivery and rotation.</summary>
public sealed class WebhookDeliveryTests(WebhookFactory app) : IClassFixture<WebhookFactory>
{
    private const string Url = "/api/v1/webhooks";

    private async Task<Guid> RegisterDealAsync(string email, string customer, string domain)
    {
        var client = await app.ApiAs(email);
        var line = await DealApi.LineAsync(client, "Collaboration");
        return (await DealApi.RegisterAsync(client, DealApi.Body(customer, domain, [line]))).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_partner_hears_only_events_about_itself_while_the_vendor_hears_all()
    {
        var (partnerHook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "alpenglow", "lead.*", "dealRegistration.*");
        var (vendorHook, _) = await app.SubscribeAsync(ValuewebFactory.VendorAdmin, "vendor", "*");

        var own = await RegisterDealAsync(ValuewebFactory.PartnerA, "Glockenspitz Hütten AG", "glockenspitz-huetten.de");
        var competitor = await RegisterDealAsync(ValuewebFactory.PartnerB, "Rabenfels Mühle GmbH", "rabenfels-muehle.de");
        await app.RunJobsAsync();

        var toPartner = app.Receiver.To("alpenglow");
        var toVendor = app.Receiver.To("vendor");
        toPartner.ShouldContain(c => c.SubjectId == own && c.Type == "dealRegistration.submitted");
        toPartner.ShouldNotContain(c => c.SubjectId == competitor, "a partner never hears about a competitor's registration");
        toVendor.ShouldContain(c => c.SubjectId == own && c.Type == "dealRegistration.submitted");
        toVendor.ShouldContain(c => c.SubjectId == competitor && c.Type == "dealRegistration.submitted");
        app.Receiver.Calls.Where(c => c.Refusal is not null).ShouldBeEmpty("every delivery is signed with the subscription's secret, within five minutes");
        toPartner.Select(c => c.EventId).ShouldBeUnique();

        var body = JsonDocument.Parse(toPartner.First(c => c.SubjectId == own).Body).RootElement;
        body.GetProperty("subjectType").GetString().ShouldBe("dealRegistration");
        body.GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow());
        body.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Object);

        var log = await app.DeliveriesAsync(ValuewebFactory.PartnerA, partnerHook);
        var delivered = log.Single(d => d.GetProperty("eventId").GetGuid() == toPartner.First(c => c.SubjectId == own).EventId);
        delivered.GetProperty("state").GetString().ShouldBe("delivered");
        delivered.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32().ShouldBe(200);
        delivered.GetProperty("attemptLog")[0].GetProperty("response").GetString().ShouldBe("answered 200");

        // Another organisation's subscription looks like one that does not exist.
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        (await alpenglow.GetAsync($"{Url}/{vendorHook}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alpenglow.GetAsync($"{Url}/{vendorHook}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bergmann.PostAsync($"{Url}/{partnerHook}/rotate-secret", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bergmann.DeleteAsync($"{Url}/{partnerHook}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bergmann.PostAsync($"{Url}/{partnerHook}/deliveries/{delivered.GetProperty("id").GetGuid()}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await alpenglow.GetFromJsonAsync<JsonElement>(Url);
        list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldNotContain(vendorHook);
        (await alpenglow.GetFromJsonAsync<JsonElement>($"{Url}/{partnerHook}")).TryGetProperty("secret", out _).ShouldBeFalse("the secret is shown once");
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_and_the_same_event_id_then_redelivered_and_signed_with_a_rotated_secret()
    {
        var (hook, oldSecret) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "flaky", "dealRegistration.submitted");
        app.Receiver.Plan("flaky", 500, 500);
        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Nebelhorn Kelterei eG", "nebelhorn-kelterei.de");

        await app.RunJobsAsync();
        app.Receiver.To("flaky").Count(c => c.SubjectId == deal).ShouldBe(1);
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        await app.RunJobsAsync();
        app.Receiver.To("flaky").Count(c => c.SubjectId == deal).ShouldBe(1, "the first retry waits a minute");
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.RunJobsAsync();
        app.Receiver.To("flaky").Count(c => c.SubjectId == deal).ShouldBe(2);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.RunJobsAsync();
        var calls = app.Receiver.To("flaky").Where(c => c.SubjectId == deal).ToList();
        calls.Count.ShouldBe(3);
        calls.Select(c => c.EventId).Distinct().Count().ShouldBe(1, "receivers deduplicate by the event id");
        calls.ShouldAllBe(c => c.Refusal == null);

        var delivery = (await app.DeliveriesAsync(ValuewebFactory.PartnerA, hook)).Single();
        delivery.GetProperty("state").GetString().ShouldBe("delivered");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(3);
        delivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([500, 500, 200]);

        // An admin redelivers: a new attempt now, with the same event id.
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var deliveryId = delivery.GetProperty("id").GetGuid();
        (await alpenglow.PostAsync($"{Url}/{hook}/deliveries/{deliveryId}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.RunJobsAsync();
        calls = app.Receiver.To("flaky").Where(c => c.SubjectId == deal).ToList();
        calls.Count.ShouldBe(4);
        calls[^1].EventId.ShouldBe(calls[0].EventId);

        // Rotating the secret: the next delivery is signed with the new one, and the old one no longer verifies it.
        var rotated = await alpenglow.PostAsync($"{Url}/{hook}/rotate-secret", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        newSecret.ShouldNotBe(oldSecret);
        app.Receiver.Secret("flaky", newSecret);
        (await alpenglow.PostAsync($"{Url}/{hook}/deliveries/{deliveryId}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.RunJobsAsync();
        var last = app.Receiver.To("flaky").Last(c => c.SubjectId == deal);
        last.Refusal.ShouldBeNull();
        WebhookReceiver.Verify(oldSecret, last.Signature, Encoding.UTF8.GetBytes(last.Body), app.Clock.GetUtcNow()).ShouldBe("wrong signature");
        var log = (await app.DeliveriesAsync(ValuewebFactory.PartnerA, hook)).Single();
        log.GetProperty("attempts").GetInt32().ShouldBe(5);
        log.GetProperty("attemptLog")[4].GetProperty("redelivery").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_receiver_that_always_fails_is_tried_for_72_hours_then_the_delivery_has_failed()
    {
        var (hook, _) = await app.SubscribeAsync(ValuewebFactory.PartnerA, "dead", "dealRegistration.submitted");
        app.Receiver.AlwaysAnswer("dead", 503);
        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Wolkenstein Sägewerk KG", "wolkenstein-saegewerk.de");
        var started = app.Clock.GetUtcNow();
        await app.RunJobsAsync();

        for (var guard = 0; guard < 30; guard++)
        {
            var d = (await app.DeliveriesAsync(ValuewebFactory.PartnerA, hook)).Single();
            if (d.GetProperty("state").GetString() != "pending") break;
            var next = d.GetProperty("nextAttemptAt").GetDateTimeOffset();
            app.Clock.Advance(next - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await app.RunJobsAsync();
        }

        var delivery = (await app.DeliveriesAsync(ValuewebFactory.PartnerA, hook)).Single();
        delivery.GetProperty("state").GetString().ShouldBe("failed");
        delivery.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var attempts = delivery.GetProperty("attemptLog").EnumerateArray().ToList();
        attempts.ShouldAllBe(a => a.GetProperty("statusCode").GetInt32() == 503);
        (attempts[^1].GetProperty("at").GetDateTimeOffset() - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(72));
        (attempts[^2].GetProperty("at").GetDateTimeOffset() - started).ShouldBeLessThan(TimeSpan.FromHours(72));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.GetProperty("at").GetDateTimeOffset() - a.GetProperty("at").GetDateTimeOffset()).ToList();
        gaps.Take(5).Select(g => Math.Round(g.TotalMinutes)).ShouldBe([1, 5, 30, 120, 360]);
        gaps.Skip(5).ShouldAllBe(g => Math.Round(g.TotalHours) == 12);
        var calls = app.Receiver.To("dead").Where(c => c.SubjectId == deal).ToList();
        calls.Count.ShouldBe(attempts.Count);
        calls.Select(c => c.EventId).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_disabled_subscription_hears_nothing_more_and_a_repeated_create_with_the_same_key_makes_one_subscription()
    {
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        async Task<JsonElement> CreateAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(new { url = app.Receiver.Url("disabled"), eventTypes = new[] { "*" } }) };
            request.Headers.Add("Idempotency-Key", "webhook-disabled-1");
            var response = await alpenglow.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        var first = await CreateAsync();
        var again = await CreateAsync();
        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        var hook = first.GetProperty("id").GetGuid();
        app.Receiver.Secret("disabled", first.GetProperty("secret").GetString()!);

        (await alpenglow.DeleteAsync($"{Url}/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await alpenglow.GetFromJsonAsync<JsonElement>($"{Url}/{hook}")).GetProperty("active").GetBoolean().ShouldBeFalse();
        var deal = await RegisterDealAsync(ValuewebFactory.PartnerA, "Kieselbach Brauerei GmbH", "kieselbach-brauerei.de");
        await app.RunJobsAsync();
        app.Receiver.To("disabled").ShouldNotContain(c => c.SubjectId == deal);
        (await app.DeliveriesAsync(ValuewebFactory.PartnerA, hook)).ShouldBeEmpty();
    }
}
