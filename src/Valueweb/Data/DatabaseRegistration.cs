using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Valueweb.Platform;

namespace Valueweb.Data;

public static class DatabaseRegistration
{
    public static void Configure(DbContextOptionsBuilder builder, ValuewebOptions options)
    {
        if (options.Database == DatabaseEngine.Sqlite)
        {
            var connection = new SqliteConnectionStringBuilder(options.EffectiveConnection);
            if (connection.DataSource.Length > 0 && connection.DataSource != ":memory:")
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(connection.DataSource));
                if (folder is not null) Directory.CreateDirectory(folder);
            }
            if (connection.DefaultTimeout < 30) connection.DefaultTimeout = 30;
            builder.UseSqlite(connection.ToString(), o => o.MigrationsAssembly(typeof(ValuewebDb).Assembly.FullName));
            builder.AddInterceptors(SqliteConnectionTuning.Instance);
        }
        else
        {
            // Statements run again and again (every registration runs the same dozen): let Npgsql prepare them, unless the
            // operator chose otherwise in the connection string. Planning was half of PostgreSQL's time per registration.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.EffectiveConnection);
            if (!options.EffectiveConnection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                connection.MaxAutoPrepare = 200;
                connection.AutoPrepareMinUsages = 2;
            }
            builder.UseNpgsql(connection.ToString(), o => o.MigrationsAssembly(typeof(ValuewebDb).Assembly.FullName));
        }
    }

    /// <summary>Creates a context outside a request (command-line verbs, startup work): it sees everything.</summary>
    public static ValuewebDb CreateSystemContext(ValuewebOptions options)
    {
        var b = new DbContextOptionsBuilder<ValuewebDb>();
        Configure(b, options);
        return new ValuewebDb(b.Options, TenantScope.System());
    }
}
