using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Valueweb.Features.Webhooks;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Webhooks;

/// <summary>Without the installation's permission, webhooks never reach loopback, private or link-local networks, nor plain http.</summary>
public sealed class WebhookAddressTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("not a url")]
    public async Task A_subscription_to_an_internal_or_unsafe_address_is_refused_naming_url(string url)
    {
        var client = await app.ApiAs(ValuewebFactory.PartnerA);
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "lead.*" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("url", out _).ShouldBeTrue(errors.ToString());
    }

    [Fact]
    public async Task Event_types_must_be_types_prefixes_or_everything()
    {
        var client = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.org/hook", eventTypes = new[] { "lead.*", "lead*x" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("eventTypes[1]", out _).ShouldBeTrue(errors.ToString());
        var none = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.org/hook", eventTypes = Array.Empty<string>() });
        (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("eventTypes", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        WebhookAddressGuard.IsInternal(IPAddress.Parse(address)).ShouldBe(isInternal);

    [Fact]
    public async Task The_guard_refuses_internal_addresses_at_delivery_unless_the_installation_allows_them()
    {
        var strict = new WebhookAddressGuard(Options.Create(new WebhookOptions()));
        (await strict.ResolveAsync("127.0.0.1", default)).Refusal.ShouldNotBeNull();
        (await strict.ResolveAsync("localhost", default)).Refusal.ShouldNotBeNull();
        strict.CheckForm("http://example.org/hook", out _).ShouldBe("Use https.");
        var open = new WebhookAddressGuard(Options.Create(new WebhookOptions { AllowPrivateNetworks = true }));
        (await open.ResolveAsync("127.0.0.1", default)).Refusal.ShouldBeNull();
        open.CheckForm("http://127.0.0.1:9/hook", out _).ShouldBeNull();
    }

    [Fact]
    public void Event_type_patterns_match_exact_types_prefixes_and_everything()
    {
        WebhookFanOut.Matches("lead.* dealRegistration.approved", "lead.accepted").ShouldBeTrue();
        WebhookFanOut.Matches("lead.* dealRegistration.approved", "dealRegistration.approved").ShouldBeTrue();
        WebhookFanOut.Matches("lead.* dealRegistration.approved", "dealRegistration.rejected").ShouldBeFalse();
        WebhookFanOut.Matches("lead.*", "leads.imported").ShouldBeFalse();
        WebhookFanOut.Matches("*", "partner.activated").ShouldBeTrue();
    }

    [Fact]
    public void A_receiver_refuses_a_signature_older_than_five_minutes()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
        var signedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var header = WebhookSecrets.Signature("whsec_test", signedAt.ToUnixTimeSeconds(), body);
        WebhookReceiver.Verify("whsec_test", header, body, signedAt.AddMinutes(4)).ShouldBeNull();
        WebhookReceiver.Verify("whsec_test", header, body, signedAt.AddMinutes(6)).ShouldBe("too old");
        WebhookReceiver.Verify("whsec_other", header, body, signedAt).ShouldBe("wrong signature");
        header.ShouldStartWith($"t={signedAt.ToUnixTimeSeconds()},v1=");
    }
}
