namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// Salesforce record ids come in two spellings: 15 characters, case-sensitive (reports), and 18, whose last three characters
/// encode the case of the first fifteen (API exports). Both are written here as the 18-character form, so that a report and an
/// API export of the same lead meet.
/// </summary>
public static class SalesforceId
{
    private const string Suffix = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The 18-character form of a 15- or 18-character id; any other value unchanged.</summary>
    public static string Canonical(string id)
    {
        if (id.Length is not (15 or 18) || !id.AsSpan(0, 15).ContainsOnlyAsciiLettersOrDigits()) return id;
        return string.Create(18, id, static (span, source) =>
        {
            source.AsSpan(0, 15).CopyTo(span);
            for (var chunk = 0; chunk < 3; chunk++)
            {
                var bits = 0;
                for (var i = 0; i < 5; i++)
                    if (char.IsAsciiLetterUpper(source[chunk * 5 + i])) bits |= 1 << i;
                span[15 + chunk] = Suffix[bits];
            }
        });
    }

    private static bool ContainsOnlyAsciiLettersOrDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }
}
