using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Valueweb.Data;
using Valueweb.Features.Demo;
using Valueweb.Features.Identity;
using Valueweb.Platform;

namespace Valueweb.BrowserTests;

/// <summary>The application on a real Kestrel port with its own seeded SQLite database, and a Chromium to drive it.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private IPlaywright? playwright;
    private string connection = "";
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "valueweb-browser", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        connection = $"Data Source={Path.Combine(folder, "valueweb.db")}";
        await using (var db = DatabaseRegistration.CreateSystemContext(new ValuewebOptions { Database = DatabaseEngine.Sqlite, Connection = connection }))
        {
            await db.Database.MigrateAsync();
            await DemoProgram.SeedIfEmptyAsync(db, AccountPasswords.Hasher, TimeProvider.System, default);
        }
        SqliteConnection.ClearAllPools();
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Valueweb:Database", "Sqlite");
        builder.UseSetting("Valueweb:Connection", connection);
        builder.UseSetting("Valueweb:SeedDemo", "false");
        builder.UseSetting("Valueweb:RateLimitScale", "1000");
        // Webhooks may reach a test's receiver on 127.0.0.1 over plain http.
        builder.UseSetting("Valueweb:Webhooks:AllowPrivateNetworks", "true");
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoProgram.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 30000 });
            await page.Locator("[data-testid=person]").WaitForAsync(new() { Timeout = 30000 });
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Sign-in of {email} did not finish; the page at {page.Url} shows:\n{await page.ContentAsync()}", e);
        }
        return page;
    }

    public ValuewebDb Database() => DatabaseRegistration.CreateSystemContext(new ValuewebOptions { Database = DatabaseEngine.Sqlite, Connection = connection });

    /// <summary>The link in the newest e-mail queued for an address, relative to the site.</summary>
    public async Task<string> LatestEmailLinkAsync(string address)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(new ValuewebOptions { Database = DatabaseEngine.Sqlite, Connection = connection });
        var payloads = await db.Jobs.Where(j => j.Kind == "email.send").OrderByDescending(j => j.CreatedAt).Select(j => j.Payload).ToListAsync();
        foreach (var p in payloads)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(p);
            if (doc.RootElement.GetProperty("to").GetString() != address) continue;
            var m = System.Text.RegularExpressions.Regex.Match(doc.RootElement.GetProperty("body").GetString()!, @"https?://[^/\s]+(/\S+)");
            if (m.Success) return m.Groups[1].Value;
        }
        throw new InvalidOperationException($"No e-mail with a link to {address}.");
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;
