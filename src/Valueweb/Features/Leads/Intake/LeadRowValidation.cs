using System.Globalization;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// Checks one row of a lead file and normalises it into a <see cref="LeadDraft"/>. A row is bad when it has neither a company nor
/// a person's name; when there is no way to reach anyone (no valid e-mail and no phone); when its e-mail is invalid; when its
/// country cannot be recognised. Every reason is given, short, in that order (an invalid e-mail without a phone is given as the
/// invalid e-mail alone).
/// </summary>
public sealed class LeadRowValidation(LeadColumnMap columns, string? sourceSystem = null)
{
    public const string NoName = "no company and no person's name";
    public const string NoReach = "no valid e-mail and no phone";

    private readonly string system = sourceSystem ?? columns.SourceSystem;

    public LeadColumnMap Columns => columns;

    public LeadRowOutcome Check(LeadCsvRow row)
    {
        var fields = row.Fields;
        string? Value(LeadField field) => LeadText.Trimmed(columns.Value(fields, field));

        List<string>? reasons = null;
        void Reason(string reason) => (reasons ??= []).Add(reason);
        if (row.Problem is { } problem) Reason(problem);

        var first = Value(LeadField.FirstName);
        var last = Value(LeadField.LastName);
        if (first is null && last is null && Value(LeadField.FullName) is { } full)
        {
            var space = full.LastIndexOf(' ');
            if (space < 0) last = full;
            else
            {
                first = full[..space].TrimEnd();
                last = full[(space + 1)..];
            }
        }
        var company = Value(LeadField.Company);
        if (company is null && first is null && last is null) Reason(NoName);

        var rawEmail = Value(LeadField.Email);
        string? email = null;
        var emailInvalid = false;
        if (rawEmail is not null)
        {
            if (LeadEmail.TryNormalise(rawEmail, out var normalised)) email = normalised;
            else emailInvalid = true;
        }
        var phone = Phone(Value(LeadField.Phone));
        var mobile = Phone(Value(LeadField.Mobile));
        // An invalid e-mail is the reason to give when it is also why no one can be reached: fixing it fixes both.
        if (email is null && phone is null && mobile is null && !emailInvalid) Reason(NoReach);
        if (emailInvalid) Reason($"invalid e-mail {LeadText.Quoted(rawEmail!)}");

        var rawCountry = Value(LeadField.Country);
        string? country = null;
        if (rawCountry is not null && (country = CountryNames.Recognise(rawCountry)) is null) Reason($"unknown country {LeadText.Quoted(rawCountry)}");

        if (reasons is not null) return LeadRowOutcome.Bad(row, reasons);

        var rowSystem = Value(LeadField.SourceSystem) is { } named ? LeadText.Key(named) : system;
        var id = Value(LeadField.SourceRecordId);
        if (id is not null && rowSystem == "salesforce") id = SalesforceId.Canonical(id);
        var draft = new LeadDraft
        {
            SourceSystem = rowSystem,
            SourceRecordId = id,
            FirstName = first,
            LastName = last,
            Company = company,
            Title = Value(LeadField.Title),
            Email = email,
            Phone = phone,
            Mobile = mobile,
            Website = Value(LeadField.Website),
            Street = Value(LeadField.Street),
            City = Value(LeadField.City),
            State = Value(LeadField.State),
            PostalCode = Value(LeadField.PostalCode),
            Country = country,
            Industry = Value(LeadField.Industry),
            Employees = EmployeeRange.TryParse(Value(LeadField.Employees), out var employees) ? employees : null,
            AnnualRevenue = Amount(Value(LeadField.AnnualRevenue)),
            Source = LeadSources.Normalise(Value(LeadField.LeadSource)),
            ProductInterests = Interests(Value(LeadField.ProductInterest)),
            Segment = Value(LeadField.Segment),
            Description = Value(LeadField.Description),
            Rating = Value(LeadField.Rating),
            Status = Value(LeadField.Status),
        };
        return LeadRowOutcome.Good(row, draft, LeadIdentity.Of(draft));
    }

    /// <summary>A phone is a value with a digit in it; "n/a" and "-" are none.</summary>
    private static string? Phone(string? value) => value is not null && value.AsSpan().IndexOfAnyInRange('0', '9') >= 0 ? value : null;

    /// <summary>Salesforce writes a multi-select picklist as "A;B".</summary>
    private static IReadOnlyList<string> Interests(string? value)
    {
        if (value is null) return [];
        if (!value.Contains(';', StringComparison.Ordinal)) return [value];
        return value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// An amount as people write it: "$1,500,000", "1.500.000 €", "2.5M", "750k", "1 200 000". Of "," and ".", the last one is the
    /// decimal point when both appear or when it is not followed by exactly three digits. Null when there is no number.
    /// </summary>
    internal static long? Amount(string? value)
    {
        if (value is null) return null;
        Span<char> number = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        var multiplier = 1m;
        var negative = false;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) || c is '.' or ',')
            {
                if (length == number.Length) return null;
                number[length++] = c;
            }
            else if (c == '-' && length == 0) negative = true;
            else if (length > 0 && char.IsAsciiLetter(c))
            {
                multiplier = char.ToLowerInvariant(c) switch { 'k' => 1_000m, 'm' => 1_000_000m, 'b' => 1_000_000_000m, _ => 1m };
                break;
            }
        }
        var digits = number[..length].Trim(".,");
        if (digits.IsEmpty) return null;
        var lastSeparator = digits.LastIndexOfAny('.', ',');
        var decimalAt = -1;
        if (lastSeparator >= 0)
        {
            var both = digits.Contains('.') && digits.Contains(',');
            var once = digits.Count(digits[lastSeparator]) == 1;
            if (both || (once && digits.Length - lastSeparator - 1 != 3)) decimalAt = lastSeparator;
        }
        Span<char> plain = stackalloc char[digits.Length];
        var n = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            if (i == decimalAt) plain[n++] = '.';
            else if (char.IsAsciiDigit(digits[i])) plain[n++] = digits[i];
        }
        if (!decimal.TryParse(plain[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return null;
        amount *= multiplier;
        if (amount > long.MaxValue) return null;
        return (long)Math.Round(negative ? -amount : amount, MidpointRounding.AwayFromZero);
    }
}
