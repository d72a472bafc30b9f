using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Demo;
using Valueweb.Features.Identity;

namespace Valueweb.Platform;

/// <summary>Set once migrations and seeding are done: until then /healthz answers 503.</summary>
public sealed class Readiness
{
    private volatile bool ready;
    public bool IsReady => ready;
    public void MarkReady() => ready = true;
}

/// <summary>Migrates (always on SQLite, on request on PostgreSQL), seeds the demo into a new database, then reports ready.</summary>
internal sealed class StartupWork(IServiceScopeFactory scopes, IOptions<ValuewebOptions> options, Readiness readiness,
    IHostApplicationLifetime lifetime, IServer server, TimeProvider clock, ILogger<StartupWork> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ValuewebDb>();
        db.Tenant.Become(true, Guid.Empty);
        var seeded = false;
        if (o.Migrate || o.Database == DatabaseEngine.Sqlite)
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (o.SeedDemo)
            {
                var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
                seeded = await DemoProgram.SeedIfEmptyAsync(db, hasher, clock, cancellationToken);
            }
        }
        lifetime.ApplicationStarted.Register(() => Announce(o, seeded));
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // another node or the operator migrates (valueweb migrate): answer 503 on /healthz until the schema is there
            log.LogWarning("The database is not migrated yet: run 'valueweb migrate' (or 'serve --migrate'). /healthz answers 503 until then.");
            _ = WaitForMigrationAsync(lifetime.ApplicationStopping);
            return;
        }
        readiness.MarkReady();
    }

    private async Task WaitForMigrationAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ValuewebDb>();
                if (!(await db.Database.GetPendingMigrationsAsync(stopping)).Any())
                {
                    readiness.MarkReady();
                    log.LogInformation("The database is migrated: ready.");
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning(e, "Checking the database's migrations failed; trying again");
            }
        }
    }

    private void Announce(ValuewebOptions o, bool seeded)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses) Console.WriteLine($"Valueweb is running at {address} ({o.Database})");
        if (seeded || o.SeedDemo) DemoProgram.PrintSignIns(Console.Out);
        log.LogInformation("Valueweb ready on {Engine}", o.Database);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
