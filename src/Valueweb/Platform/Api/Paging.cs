using System.Text;

namespace Valueweb.Platform.Api;

/// <summary>A page of a list: items and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Paging
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>Default 25; anything larger than 100 is clamped to 100; less than 1 is 1.</summary>
    public static int Limit(int? requested) => requested is null ? DefaultLimit : Math.Clamp(requested.Value, 1, MaxLimit);

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The parts of a cursor, or null when it is not one of ours.</summary>
    public static string[]? Decode(string? cursor, int parts)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(s)).Split('\u001f');
            return decoded.Length == parts ? decoded : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The id a one-part cursor names; a cursor that is not ours adds an error on "cursor".</summary>
    public static Guid? AfterId(string? cursor, FieldErrors errors)
    {
        if (cursor is null) return null;
        if (Decode(cursor, 1) is [var last] && Guid.TryParse(last, out var id)) return id;
        errors.Add("cursor", "Not a cursor this list gave out.");
        return null;
    }

    /// <summary>The id a one-part cursor names, for pages (a cursor that is not ours starts from the top).</summary>
    public static Guid? AfterId(string? cursor) => Decode(cursor, 1) is [var last] && Guid.TryParse(last, out var id) ? id : null;
}
