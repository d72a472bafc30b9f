using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>`serve` on a new database: SQLite migrates by itself (and --no-demo keeps it empty); PostgreSQL waits for `migrate`.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Healthz_answers_200_only_once_the_database_is_migrated()
    {
        var connection = await TestDatabases.EmptyAsync();
        await using var node = await AppProcess.StartAsync(connection, new Dictionary<string, string>(), ["--no-demo"], waitHealthy: false);
        if (TestDatabases.Engine == DatabaseEngine.Sqlite)
        {
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        }
        else
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            HttpStatusCode status;
            while ((status = await node.HealthAsync()) == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
            status.ShouldBe(HttpStatusCode.ServiceUnavailable, node.Output.ToString());
            var migrate = Process.Start(new ProcessStartInfo("dotnet", [AppProcess.AppDll(), "migrate", "--database", "postgres", "--connection", connection])
            {
                RedirectStandardOutput = true,
            })!;
            await migrate.WaitForExitAsync();
            migrate.ExitCode.ShouldBe(0);
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        }
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        (await db.Organisations.CountAsync()).ShouldBe(0); // --no-demo
    }
}
