namespace Valueweb.Features.Leads.Intake;

/// <summary>A company's size band, by employees: 1–9, 10–49, 50–249, 250–999, 1,000 and more.</summary>
public enum CompanySize
{
    Micro,
    Small,
    Medium,
    Large,
    Enterprise,
}

/// <summary>
/// A number of employees as files give it: one number ("250", "1,200") is a range of one; "51-200" a range; "10,001+" has no
/// upper end. A range counts by its lower end wherever one number is needed (its band, a rule's size range).
/// </summary>
public readonly record struct EmployeeRange(int Min, int? Max)
{
    public CompanySize Band => Min switch
    {
        < 10 => CompanySize.Micro,
        < 50 => CompanySize.Small,
        < 250 => CompanySize.Medium,
        < 1000 => CompanySize.Large,
        _ => CompanySize.Enterprise,
    };

    public override string ToString() => Max == Min ? $"{Min}" : Max is { } max ? $"{Min}-{max}" : $"{Min}+";

    /// <summary>Reads "250", "1,200", "1.200", "51-200", "51 – 200", "51 to 200", "10,001+", "1000 or more"; false for text without a number.</summary>
    public static bool TryParse(string? text, out EmployeeRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.AsSpan();
        Span<long> numbers = stackalloc long[2];
        var count = 0;
        var open = false;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                long n = 0;
                // Digits with thousands separators between them: "1,200", "1.200", "1 200", "1'200".
                while (i < s.Length)
                {
                    if (char.IsAsciiDigit(s[i])) n = Math.Min(n * 10 + (s[i] - '0'), int.MaxValue);
                    else if (!(s[i] is (',' or '.' or '\'' or '’' or ' ' or '\u00A0') && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))) break;
                    i++;
                }
                if (count == 2) return false;
                numbers[count++] = n;
                continue;
            }
            if (c == '+' && count > 0) open = true;
            else if (count > 0 && s[i..].StartsWith("or more", StringComparison.OrdinalIgnoreCase)) open = true;
            i++;
        }
        if (count == 0) return false;
        var min = (int)Math.Min(numbers[0], count == 2 ? numbers[1] : numbers[0]);
        int? max = open && count == 1 ? null : (int)Math.Max(numbers[0], count == 2 ? numbers[1] : numbers[0]);
        range = new EmployeeRange(min, max);
        return true;
    }
}
