namespace Valueweb.Platform.Api;

/// <summary>ETags derive from the version column the application increments.</summary>
public static class ETags
{
    public static string For(long version) => $"\"v{version}\"";

    public static bool TryParse(string? header, out long version)
    {
        version = 0;
        if (string.IsNullOrWhiteSpace(header)) return false;
        var h = header.Trim();
        if (h.StartsWith("W/", StringComparison.Ordinal)) h = h[2..];
        h = h.Trim('"');
        return h.StartsWith('v') && long.TryParse(h[1..], out version);
    }
}
