using System.Net;
using System.Net.Sockets;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Webhooks;

public static class WebhookFeature
{
    public static IServiceCollection AddWebhookFeature(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Valueweb:Webhooks");
        services.AddSingleton<WebhookAddressGuard>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookCommands>();
        services.AddScoped<WebhookViews>();
        services.AddScoped<IJobHandler, WebhookDeliveryJob>();
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<WebhookAddressGuard>()));
        return services;
    }

    public static IEndpointRouteBuilder MapWebhookFeature(this IEndpointRouteBuilder app) => app.MapWebhookEndpoints();

    /// <summary>
    /// No redirects, no proxy, no cookies; every connection goes to an address the guard has just checked, so a host
    /// whose DNS answer changes after the check (rebinding) still cannot reach an internal address.
    /// </summary>
    private static SocketsHttpHandler Handler(WebhookAddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var (addresses, refusal) = await guard.ResolveAsync(context.DnsEndPoint.Host, ct);
            if (refusal is not null) throw new HttpRequestException("Refused: " + refusal);
            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
            }
            throw new HttpRequestException($"Could not connect to {context.DnsEndPoint.Host}.", last);
        },
    };
}
