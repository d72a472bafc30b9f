namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// Checks and normalises an e-mail address by one scan, without regular expressions or allocations beyond the result: one "@",
/// a local part of at most 64 characters (letters, digits and the RFC 5322 atom signs, dots not leading, trailing or doubled),
/// a domain of at least two labels (letters, digits and inner hyphens) whose last label has no digits. Lower-cased.
/// </summary>
public static class LeadEmail
{
    private const string AtomSigns = "!#$%&'*+/=?^_`{|}~-";

    /// <summary>The address lower-cased and trimmed (and without "mailto:"), or false when it is not one.</summary>
    public static bool TryNormalise(string? text, out string email)
    {
        email = "";
        if (text is null) return false;
        var s = text.AsSpan().Trim();
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = s[7..].TrimStart();
        if (!IsValid(s)) return false;
        email = s.Length == text.Length && !HasUpper(s) ? text : s.ToString().ToLowerInvariant();
        return true;
    }

    public static bool IsValid(ReadOnlySpan<char> s)
    {
        if (s.Length is < 6 or > 254) return false;
        var at = s.IndexOf('@');
        if (at is < 1 or > 64 || s[(at + 1)..].Contains('@')) return false;
        var local = s[..at];
        if (local[0] == '.' || local[^1] == '.') return false;
        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (c == '.')
            {
                if (local[i - 1] == '.') return false;
            }
            else if (!char.IsLetterOrDigit(c) && !AtomSigns.Contains(c)) return false;
        }
        var domain = s[(at + 1)..];
        if (domain.Length is < 4 or > 253) return false;
        var labels = 0;
        var labelStart = 0;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i < domain.Length && domain[i] != '.')
            {
                var c = domain[i];
                if (!char.IsLetterOrDigit(c) && c != '-') return false;
                continue;
            }
            var label = domain[labelStart..i];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            labels++;
            labelStart = i + 1;
        }
        if (labels < 2) return false;
        var top = domain[(domain.LastIndexOf('.') + 1)..];
        if (top.Length < 2) return false;
        // A top-level domain is letters, or an internationalised one ("xn--p1ai").
        return top.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || !top.ContainsAnyExcept(LettersOnly);
    }

    private static readonly System.Buffers.SearchValues<char> LettersOnly =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static bool HasUpper(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (char.IsUpper(c)) return true;
        return false;
    }
}
