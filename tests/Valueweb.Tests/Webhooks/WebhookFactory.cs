using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Webhooks;

/// <summary>The application with webhooks allowed to reach the test's receiver on 127.0.0.1 over plain http.</summary>
public sealed class WebhookFactory : ValuewebFactory
{
    public WebhookReceiver Receiver { get; }

    public WebhookFactory() => Receiver = new WebhookReceiver(() => Clock.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Valueweb:Webhooks:AllowPrivateNetworks", "true");
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Subscribes the receiver's path for this person, and gives the receiver the secret shown once.</summary>
    public async Task<(Guid Id, string Secret)> SubscribeAsync(string email, string path, params string[] eventTypes)
    {
        var client = await ApiAs(email);
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = Receiver.Url(path), eventTypes });
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        var body = JsonDocument.Parse(text).RootElement;
        var secret = body.GetProperty("secret").GetString()!;
        Receiver.Secret(path, secret);
        return (body.GetProperty("id").GetGuid(), secret);
    }

    /// <summary>The subscription's delivery log, newest first.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string email, Guid subscription)
    {
        var client = await ApiAs(email);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{subscription}/deliveries?limit=100");
        return page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
