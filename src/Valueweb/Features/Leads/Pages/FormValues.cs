using System.Globalization;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Pages;

/// <summary>A tier of the program, as the rules forms list it.</summary>
public sealed record TierChoice(Guid Id, string Name, int Rank);

/// <summary>
/// Reading the text of form fields into numbers, with errors named like the API's fields so they show next to the
/// field the person typed into. Numbers are written and read in the invariant culture (what number inputs send).
/// </summary>
public static class FormValues
{
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Text(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A whole number that must be given.</summary>
    public static int Whole(string? text, string field, FieldErrors errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, "A whole number.");
        return 0;
    }

    /// <summary>A whole number, or null when the field is left empty.</summary>
    public static int? OptionalWhole(string? text, string field, FieldErrors errors) =>
        string.IsNullOrWhiteSpace(text) ? null : Whole(text, field, errors);

    public static double Number(string? text, string field, FieldErrors errors)
    {
        if (double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, "A number.");
        return 0;
    }

    public static decimal? Amount(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, "An amount, such as 50000 or 50000.50.");
        return null;
    }

    /// <summary>Rows in the order of their position numbers (rows without one keep their place), empty rows left out.</summary>
    public static List<T> Ordered<T>(IEnumerable<T?> rows, Func<T, string?> position, Func<T, bool> isEmpty) where T : class =>
        rows.Select((row, index) => (row, index))
            .Where(r => r.row is not null && !isEmpty(r.row))
            .OrderBy(r => int.TryParse(position(r.row!), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : r.index + 1)
            .ThenBy(r => r.index)
            .Select(r => r.row!).ToList();

    /// <summary>Values typed into one field: separated by semicolons, or by commas when there is no semicolon.</summary>
    public static List<string> List(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var separator = text.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        return text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>Values written back into one field, so that <see cref="List"/> reads them again as they were.</summary>
    public static string Join(IEnumerable<string>? values)
    {
        var list = values?.ToList() ?? [];
        if (!list.Any(v => v.Contains(',', StringComparison.Ordinal))) return string.Join(", ", list);
        return string.Join("; ", list) + (list.Count == 1 ? ";" : "");
    }
}
