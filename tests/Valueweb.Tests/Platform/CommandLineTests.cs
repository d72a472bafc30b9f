using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>The verbs of the one executable: migrate, seed demo, users create-admin, on this run's engine.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output)> Run(string connection, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(AppProcess.AppDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["VALUEWEB_DATABASE"] = TestDatabases.Engine.ToString().ToLowerInvariant();
        info.Environment["VALUEWEB_CONNECTION"] = connection;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Migrate_seed_and_create_admin_prepare_a_new_database()
    {
        var connection = await TestDatabases.EmptyAsync();
        var migrate = await Run(connection, "migrate");
        migrate.Code.ShouldBe(0, migrate.Output);
        await using (var migrated = Valueweb.Data.DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection)))
            migrate.Output.ShouldContain($"applied {migrated.Database.GetMigrations().Count()} migration(s)");
        (await Run(connection, "migrate")).Output.ShouldContain("applied 0 migration(s)");

        var seed = await Run(connection, "seed", "demo");
        seed.Code.ShouldBe(0, seed.Output);
        seed.Output.ShouldContain("admin@valueweb.demo");
        (await Run(connection, "seed", "demo")).Output.ShouldContain("nothing seeded");

        var admin = await Run(connection, "users", "create-admin", "--email", "ops@example.com", "--name", "Ops", "--password", "Ops-Passw0rd-1");
        admin.Code.ShouldBe(0, admin.Output);
        var duplicate = await Run(connection, "users", "create-admin", "--email", "ops@example.com", "--password", "Ops-Passw0rd-1");
        duplicate.Code.ShouldBe(1);
        duplicate.Output.ShouldContain("already exists");

        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        (await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Partner)).ShouldBeGreaterThanOrEqualTo(40);
        (await db.People.SingleAsync(p => p.Email == "ops@example.com")).Role.ShouldBe(Role.VendorAdmin);
        (await db.Users.AnyAsync(u => u.NormalizedEmail == "OPS@EXAMPLE.COM")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_engine_is_refused_with_a_clear_message()
    {
        var result = await Run("Data Source=/tmp/none.db", "migrate", "--database", "oracle");
        result.Code.ShouldNotBe(0);
        result.Output.ShouldContain("use sqlite or postgres");
    }
}
