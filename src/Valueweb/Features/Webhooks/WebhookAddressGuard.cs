using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Valueweb.Features.Webhooks;

/// <summary>Installation settings of webhooks (configuration section "Valueweb:Webhooks").</summary>
public sealed class WebhookOptions
{
    /// <summary>Allow addresses on loopback, private and link-local networks, and plain http (tests and closed installations).</summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>
/// Keeps webhooks from reaching into the installation's own network: only http(s) URLs, https unless private networks
/// are allowed, and no host that resolves to a loopback, private, link-local, unspecified or multicast address.
/// The delivery connects to the very address that was checked (see <see cref="WebhookFeature"/>), so a second DNS answer cannot slip past.
/// </summary>
public sealed class WebhookAddressGuard(IOptions<WebhookOptions> options)
{
    private bool AllowPrivate => options.Value.AllowPrivateNetworks;

    /// <summary>The reason the URL is refused by its form alone, or null.</summary>
    public string? CheckForm(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url)) return "Required.";
        if (url.Length > WebhookModel.MaxUrl) return $"At most {WebhookModel.MaxUrl} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
            return "An absolute http or https URL.";
        if (parsed.Scheme == "http" && !AllowPrivate) return "Use https.";
        if (parsed.UserInfo.Length > 0) return "No user name or password in the URL.";
        uri = parsed;
        return null;
    }

    /// <summary>Resolves the host and answers the addresses it may connect to, or the reason it may not.</summary>
    public async Task<(IPAddress[] Addresses, string? Refusal)> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return ([], $"The host {host} could not be resolved.");
        }
        if (addresses.Length == 0) return ([], $"The host {host} could not be resolved.");
        if (!AllowPrivate && addresses.FirstOrDefault(IsInternal) is { } bad)
            return ([], $"The host {host} resolves to {bad}, an address on a loopback, private or link-local network.");
        return (addresses, null);
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified, broadcast or multicast.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xfe) == 0xfc;
        }
        return true;
    }
}
