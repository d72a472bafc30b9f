using System.Text.Json;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// The user's column mapping of an import (field name → header) as it is checked, stored and read back, and whether a file's
/// columns can be imported at all: a mapping that names no lead field or no column of the file, or a header without a column for
/// a name or without one to reach anyone (every row would be bad), is refused with errors keyed "mapping.{field}".
/// </summary>
public static class LeadImportMapping
{
    public const int MaxHeaderLength = 200;

    /// <summary>Why the columns cannot be imported, keyed by field; none when they can.</summary>
    public static FieldErrors Check(LeadColumnMap columns)
    {
        var errors = new FieldErrors();
        foreach (var (key, messages) in columns.Errors.All)
            foreach (var message in messages) errors.Add(key, message);
        if (errors.Any) return errors;
        bool Has(LeadField f) => columns.Has(f);
        if (!Has(LeadField.Company) && !Has(LeadField.FirstName) && !Has(LeadField.LastName) && !Has(LeadField.FullName))
            errors.Add("mapping.company", "No column for a company or a person's name: map one, such as company or lastName.");
        if (!Has(LeadField.Email) && !Has(LeadField.Phone) && !Has(LeadField.Mobile))
            errors.Add("mapping.email", "No column for an e-mail or a phone: map one, such as email or phone.");
        return errors;
    }

    /// <summary>Checks the shape of a mapping before it meets a file: field names and header lengths.</summary>
    public static FieldErrors Validate(IReadOnlyDictionary<string, string?>? mapping)
    {
        var errors = new FieldErrors();
        foreach (var (field, header) in mapping ?? new Dictionary<string, string?>())
        {
            if (!LeadColumns.TryParseField(field, out var f)) errors.Add($"mapping.{field}", "Not a lead field.");
            else if (header is { Length: > MaxHeaderLength }) errors.Add($"mapping.{LeadColumns.Name(f)}", $"At most {MaxHeaderLength} characters.");
        }
        return errors;
    }

    public static string ToJson(IReadOnlyDictionary<string, string?>? mapping) =>
        JsonSerializer.Serialize(mapping ?? new Dictionary<string, string?>(), JsonSerializerOptions.Web);

    public static IReadOnlyDictionary<string, string?> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>A source system as the user names it, as a key ("Salesforce" → "salesforce"); null for none.</summary>
    public static string? SourceSystem(string? name) => name is null || LeadText.Key(name) is not { Length: > 0 } key ? null : key;
}
