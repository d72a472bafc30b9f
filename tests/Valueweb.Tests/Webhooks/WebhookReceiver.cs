using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Valueweb.Tests.Webhooks;

/// <summary>
/// A receiver of webhooks on 127.0.0.1, written the way an integrator would: it checks the signature with the secret
/// it was given and refuses a timestamp more than five minutes from its clock (the test's clock), then answers with
/// the status planned for its path (200 when nothing is planned).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly HttpListener listener = new();
    private readonly Func<DateTimeOffset> now;
    private readonly Task loop;
    private readonly ConcurrentDictionary<string, string> secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> plans = new();
    private readonly ConcurrentDictionary<string, int> always = new();

    public sealed record Call(string Path, Guid EventId, string Type, Guid SubjectId, string Signature, string Body, string? Refusal);

    public ConcurrentQueue<Call> Calls { get; } = new();
    public string BaseUrl { get; }

    public WebhookReceiver(Func<DateTimeOffset> now)
    {
        this.now = now;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url(string path) => $"{BaseUrl}/{path}";

    public void Secret(string path, string secret) => secrets[path] = secret;

    public void Plan(string path, params int[] statuses) => plans[path] = new ConcurrentQueue<int>(statuses);

    public void AlwaysAnswer(string path, int status) => always[path] = status;

    public List<Call> To(string path) => Calls.Where(c => c.Path == path).ToList();

    /// <summary>The check a receiver makes: null when the header signs this body with this secret within five minutes of now.</summary>
    public static string? Verify(string secret, string? header, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header)) return "no signature";
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts.TryGetValue("v1", out var v1))
            return "malformed signature";
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance) return "too old";
        byte[] signedText = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signedText);
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return "malformed signature";
        }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "wrong signature";
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
            var path = context.Request.Url!.AbsolutePath.Trim('/');
            var header = context.Request.Headers["Valueweb-Signature"];
            var refusal = secrets.TryGetValue(path, out var secret) ? Verify(secret, header, body, now()) : "no secret for this path";
            if (context.Request.ContentType != "application/json") refusal ??= "not JSON";
            var json = JsonDocument.Parse(body).RootElement;
            Calls.Enqueue(new Call(path, json.GetProperty("id").GetGuid(), json.GetProperty("type").GetString()!, json.GetProperty("subjectId").GetGuid(),
                header ?? "", Encoding.UTF8.GetString(body), refusal));
            var status = refusal is not null ? 400
                : always.TryGetValue(path, out var fixedStatus) ? fixedStatus
                : plans.TryGetValue(path, out var plan) && plan.TryDequeue(out var next) ? next : 200;
            context.Response.StatusCode = status;
            var answer = Encoding.UTF8.GetBytes(refusal ?? $"answered {status}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
