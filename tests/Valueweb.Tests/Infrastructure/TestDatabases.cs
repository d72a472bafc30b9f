using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Valueweb.Data;
using Valueweb.Features.Demo;
using Valueweb.Features.Identity;
using Valueweb.Platform;

namespace Valueweb.Tests.Infrastructure;

/// <summary>
/// Real databases for tests. The engine comes from VALUEWEB_TEST_ENGINE (sqlite, the default, or postgres with
/// VALUEWEB_TEST_PG as the server's connection string). A template is migrated and seeded once per test run;
/// each test database is a clone of it (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL).
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? template;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "valueweb-tests", Environment.ProcessId.ToString());

    public static DatabaseEngine Engine { get; } = ValuewebOptions.ParseEngine(Environment.GetEnvironmentVariable("VALUEWEB_TEST_ENGINE") ?? "sqlite");

    public static string ServerConnection =>
        Environment.GetEnvironmentVariable("VALUEWEB_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres";

    /// <summary>A fresh database holding the migrated schema and the demo program; returns its connection string.</summary>
    public static async Task<string> CloneAsync(bool seeded = true)
    {
        await Gate.WaitAsync();
        try
        {
            var source = await TemplateAsync(seeded);
            var name = "vw_" + Guid.NewGuid().ToString("N")[..20];
            if (Engine == DatabaseEngine.Sqlite)
            {
                var file = Path.Combine(Folder, name + ".db");
                File.Copy(source, file);
                return $"Data Source={file}";
            }
            await using var conn = new NpgsqlConnection(ServerConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", conn);
            await cmd.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ToString();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An empty database (no schema) for tests of migration itself.</summary>
    public static async Task<string> EmptyAsync()
    {
        var name = "vw_" + Guid.NewGuid().ToString("N")[..20];
        if (Engine == DatabaseEngine.Sqlite)
        {
            Directory.CreateDirectory(Folder);
            return $"Data Source={Path.Combine(Folder, name + ".db")}";
        }
        await using var conn = new NpgsqlConnection(ServerConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ToString();
    }

    public static ValuewebOptions Options(string connection) => new() { Database = Engine, Connection = connection };

    private static async Task<string> TemplateAsync(bool seeded)
    {
        if (!seeded)
        {
            var empty = await EmptyAsync();
            await using var db = DatabaseRegistration.CreateSystemContext(Options(empty));
            await db.Database.MigrateAsync();
            return Engine == DatabaseEngine.Sqlite ? new SqliteConnectionStringBuilder(empty).DataSource : new NpgsqlConnectionStringBuilder(empty).Database!;
        }
        if (template is not null) return template;
        var connection = await EmptyAsync();
        await using (var db = DatabaseRegistration.CreateSystemContext(Options(connection)))
        {
            await db.Database.MigrateAsync();
            await DemoProgram.SeedIfEmptyAsync(db, AccountPasswords.Hasher, TimeProvider.System, default);
        }
        if (Engine == DatabaseEngine.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            await using var c = new SqliteConnection(connection);
            await c.OpenAsync();
            await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", c);
            await checkpoint.ExecuteNonQueryAsync();
            await c.CloseAsync();
            SqliteConnection.ClearAllPools();
            template = new SqliteConnectionStringBuilder(connection).DataSource;
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            template = new NpgsqlConnectionStringBuilder(connection).Database!;
        }
        return template;
    }
}
