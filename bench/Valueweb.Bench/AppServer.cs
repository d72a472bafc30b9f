using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Valueweb.Bench;

/// <summary>
/// The real application (<c>src/Valueweb/bin/Release/net10.0/valueweb.dll serve --database postgres</c>, built first if
/// missing) as a child process on a free loopback port, with rate limits scaled out of the way; stopped on dispose.
/// </summary>
public sealed class AppServer : IDisposable
{
    private readonly StringBuilder output = new();

    private AppServer(Process process, string baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
    }

    public Process Process { get; }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Starts the application against <paramref name="connection"/> and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<AppServer> StartAsync(string connection, CancellationToken ct)
    {
        var dll = AppDll();
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "serve", "--urls", baseUrl, "--database", "postgres", "--connection", connection }) start.ArgumentList.Add(a);
        start.Environment["Valueweb__RateLimitScale"] = "100000";
        var server = new AppServer(Process.Start(start) ?? throw new InvalidOperationException("Could not start the application."), baseUrl);
        server.Process.OutputDataReceived += server.Keep;
        server.Process.ErrorDataReceived += server.Keep;
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(ct);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A client for the application; connections are kept for the whole run.</summary>
    public HttpClient Client() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(BaseUrl) };

    private void Keep(object _, DataReceivedEventArgs e)
    {
        if (e.Data is null) return;
        lock (output)
        {
            if (output.Length < 64_000) output.AppendLine(e.Data);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"The application exited with code {Process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The application did not answer /healthz with 200 within 90 seconds:\n{Output}");
    }

    public void Stop()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Stop();
        Process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>src/Valueweb/bin/Release/net10.0/valueweb.dll, found by walking up to the repository root; built first if missing.</summary>
    private static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Valueweb.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Valueweb.slnx above {AppContext.BaseDirectory}: run the bench from the repository.");
        var dll = Path.Combine(dir.FullName, "src", "Valueweb", "bin", "Release", "net10.0", "valueweb.dll");
        if (File.Exists(dll)) return dll;
        Console.WriteLine("Building src/Valueweb (Release) …");
        var build = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.FullName, UseShellExecute = false };
        foreach (var a in new[] { "build", "src/Valueweb", "-c", "Release" }) build.ArgumentList.Add(a);
        using var p = Process.Start(build) ?? throw new InvalidOperationException("Could not start dotnet build.");
        p.WaitForExit();
        if (p.ExitCode != 0 || !File.Exists(dll)) throw new InvalidOperationException($"dotnet build src/Valueweb -c Release failed (exit {p.ExitCode}).");
        return dll;
    }
}
