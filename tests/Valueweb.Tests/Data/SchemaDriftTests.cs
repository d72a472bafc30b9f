using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Data;

/// <summary>The hand-written migrations build exactly the schema the EF model describes, on this run's engine.</summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Migrated_schema_matches_the_model()
    {
        var fromModel = await TestDatabases.EmptyAsync();
        var fromMigrations = await TestDatabases.EmptyAsync();
        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(fromModel)))
            await db.Database.EnsureCreatedAsync();
        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(fromMigrations)))
            await db.Database.MigrateAsync();

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(fromMigrations);
        expected.Count.ShouldBeGreaterThan(50);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        (missing.Count + extra.Count).ShouldBe(0,
            "Schema drift.\nIn the model but not migrated:\n  " + string.Join("\n  ", missing) + "\nMigrated but not in the model:\n  " + string.Join("\n  ", extra));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        var connection = await TestDatabases.EmptyAsync();
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        await db.Database.MigrateAsync();
        await db.Database.MigrateAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    private static async Task<SortedSet<string>> DescribeAsync(string connection)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        if (TestDatabases.Engine == DatabaseEngine.Sqlite)
        {
            var tables = await ReadAsync(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '__EF%' AND name NOT LIKE 'sqlite_%'");
            foreach (var t in tables.Select(r => r[0]))
            {
                facts.Add($"table {t}");
                foreach (var c in await ReadAsync(conn, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')"))
                    facts.Add($"column {t}.{c[0]} {c[1]} notnull={c[2]} pk={c[3]}");
                foreach (var i in await ReadAsync(conn, $"SELECT name, \"unique\" FROM pragma_index_list('{t}') WHERE origin = 'c'"))
                {
                    var cols = await ReadAsync(conn, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                    facts.Add($"index {t}.{i[0]} unique={i[1]} ({string.Join(",", cols.Select(x => x[0]))})");
                }
                foreach (var f in await ReadAsync(conn, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}')"))
                    facts.Add($"fk {t}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }
        }
        else
        {
            foreach (var c in await ReadAsync(conn, """
                SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EF%'
                """))
            {
                facts.Add($"table {c[0]}");
                facts.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]}");
            }
            foreach (var i in await ReadAsync(conn, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EF%'"))
                facts.Add($"index {i[0]}.{i[1]} {i[2]}");
            foreach (var f in await ReadAsync(conn, """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype IN ('f', 'p', 'u') AND connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%__EF%'
                """))
                facts.Add($"constraint {f[0]}.{f[1]} {f[2]}");
        }
        return facts;
    }

    private static async Task<List<string[]>> ReadAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }
}
