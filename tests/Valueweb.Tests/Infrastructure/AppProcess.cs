using System.Diagnostics;
using System.Net.Sockets;

namespace Valueweb.Tests.Infrastructure;

/// <summary>The application as a separate operating-system process (a second node), on a database of the test's choosing.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    public string BaseUrl { get; }
    public System.Text.StringBuilder Output { get; } = new();

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public static async Task<AppProcess> StartAsync(string connection, IDictionary<string, string> settings, string[]? args = null, bool waitHealthy = true)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(AppDll());
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var a in args ?? []) info.ArgumentList.Add(a);
        info.Environment["VALUEWEB_DATABASE"] = TestDatabases.Engine.ToString().ToLowerInvariant();
        info.Environment["VALUEWEB_CONNECTION"] = connection;
        if (args is null) info.Environment["Valueweb__SeedDemo"] = "false";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (k, v) in settings) info.Environment[k] = v;
        var p = Process.Start(info)!;
        var app = new AppProcess(p, $"http://127.0.0.1:{port}");
        p.OutputDataReceived += (_, e) => { lock (app.Output) app.Output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (app.Output) app.Output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!waitHealthy) return app;
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    public async Task<System.Net.HttpStatusCode> HealthAsync()
    {
        using var http = new HttpClient();
        try
        {
            return (await http.GetAsync($"{BaseUrl}/healthz")).StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public async Task WaitHealthyAsync(TimeSpan within)
    {
        var app = this;
        var p = process;
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited) throw new InvalidOperationException("The app process exited:\n" + app.Output);
            try
            {
                if ((await http.GetAsync($"{app.BaseUrl}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app process did not become healthy:\n" + app.Output);
    }

    /// <summary>The app's own build output, beside this test build (same configuration).</summary>
    public static string AppDll()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Valueweb.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Cannot find the repository root.");
        var dll = Path.Combine(dir.FullName, "src", "Valueweb", "bin", configuration, "net10.0", "valueweb.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build src/Valueweb first.", dll);
        return dll;
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Kills the process at once, as a crash would (SIGKILL).</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
