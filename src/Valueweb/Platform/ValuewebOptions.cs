namespace Valueweb.Platform;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Installation settings, from configuration section "Valueweb" or VALUEWEB_* environment variables.</summary>
public sealed class ValuewebOptions
{
    public DatabaseEngine Database { get; set; } = DatabaseEngine.Sqlite;
    public string Connection { get; set; } = "";
    /// <summary>Apply migrations when the server starts (always on SQLite; opt-in on PostgreSQL).</summary>
    public bool Migrate { get; set; }
    /// <summary>Seed the demo program when the database is new.</summary>
    public bool SeedDemo { get; set; }
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>Whether this node claims and runs background jobs.</summary>
    public bool RunJobs { get; set; } = true;
    public int JobPollMilliseconds { get; set; } = 1000;
    /// <summary>The largest lead file the import accepts for upload (the command line reads files of any size).</summary>
    public long LeadImportMaxBytes { get; set; } = 200L * 1024 * 1024;
    public SmtpOptions Smtp { get; set; } = new();

    public string EffectiveConnection => Connection.Length > 0
        ? Connection
        : Database == DatabaseEngine.Sqlite ? "Data Source=data/valueweb.db" : "Host=127.0.0.1;Database=valueweb;Username=postgres";

    /// <summary>Reads VALUEWEB_DATABASE / VALUEWEB_CONNECTION over whatever configuration gave.</summary>
    public static ValuewebOptions FromEnvironment(ValuewebOptions? start = null)
    {
        var o = start ?? new ValuewebOptions();
        var engine = Environment.GetEnvironmentVariable("VALUEWEB_DATABASE");
        if (!string.IsNullOrWhiteSpace(engine)) o.Database = ParseEngine(engine);
        var connection = Environment.GetEnvironmentVariable("VALUEWEB_CONNECTION");
        if (!string.IsNullOrWhiteSpace(connection)) o.Connection = connection;
        return o;
    }

    public static DatabaseEngine ParseEngine(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseEngine.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseEngine.Postgres,
        _ => throw new ArgumentException($"Unknown database engine '{value}': use sqlite or postgres."),
    };
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "valueweb@localhost";
}
