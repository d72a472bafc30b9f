namespace Valueweb.Features.Leads.Intake;

/// <summary>Small text rules shared by the intake: trimmed values, and keys for comparing what people write.</summary>
public static class LeadText
{
    /// <summary>The value without surrounding white space, or null when nothing is left.</summary>
    public static string? Trimmed(string? value)
    {
        if (value is null || value.Length == 0) return null;
        if (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])) return value;
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Lower-case words joined by "-": "Trade Show" → "trade-show", "ORGANIC_SEARCH" → "organic-search".</summary>
    public static string Key(string value)
    {
        var result = new System.Text.StringBuilder(value.Length);
        var gap = false;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (gap && result.Length > 0) result.Append('-');
                result.Append(char.ToLowerInvariant(c));
                gap = false;
            }
            else gap = true;
        }
        return result.ToString();
    }

    /// <summary>A value cut for a message: at most <paramref name="length"/> characters, with "…" when cut.</summary>
    public static string Quoted(string value, int length = 60)
    {
        var text = value.Trim().ReplaceLineEndings(" ");
        return $"'{(text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…"))}'";
    }
}
