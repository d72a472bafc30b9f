using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Valueweb.BrowserTests;

/// <summary>
/// A system that receives webhooks on 127.0.0.1: it records each delivery, checks its signature with the secret the
/// admin copied from the page, and answers 200.
/// </summary>
public sealed class WebhookInbox : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public sealed record Delivery(Guid EventId, string Type, string Body, bool SignedWithSecret);

    public ConcurrentQueue<Delivery> Received { get; } = new();

    public string Url { get; }

    /// <summary>The signing secret, once the admin has copied it.</summary>
    public string? Secret { get; set; }

    public WebhookInbox()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Url = $"http://127.0.0.1:{port}/valueweb-events";
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Waits until this many deliveries match, and answers them.</summary>
    public async Task<List<Delivery>> WaitForAsync(Func<Delivery, bool> match, int count = 1)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{found.Count} of {count} deliveries arrived; all received: {string.Join(", ", Received.Select(r => r.Type))}");
            await Task.Delay(200);
        }
    }

    private bool Verify(string? header, byte[] body)
    {
        if (Secret is null || header is null) return false;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)) return false;
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > TimeSpan.FromMinutes(5)) return false;
        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        return string.Equals(Convert.ToHexStringLower(mac), v1, StringComparison.Ordinal);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var json = JsonDocument.Parse(body).RootElement;
            Received.Enqueue(new Delivery(json.GetProperty("id").GetGuid(), json.GetProperty("type").GetString()!, Encoding.UTF8.GetString(body),
                Verify(context.Request.Headers["Valueweb-Signature"], body)));
            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync("received"u8.ToArray());
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
