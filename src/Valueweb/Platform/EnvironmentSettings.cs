namespace Valueweb.Platform;

/// <summary>VALUEWEB_DATABASE and VALUEWEB_CONNECTION as configuration keys; command-line options and test settings override them.</summary>
public static class EnvironmentSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> FromVariables()
    {
        var engine = Environment.GetEnvironmentVariable("VALUEWEB_DATABASE");
        if (!string.IsNullOrWhiteSpace(engine))
            yield return new("Valueweb:Database", ValuewebOptions.ParseEngine(engine).ToString());
        var connection = Environment.GetEnvironmentVariable("VALUEWEB_CONNECTION");
        if (!string.IsNullOrWhiteSpace(connection))
            yield return new("Valueweb:Connection", connection);
    }
}
