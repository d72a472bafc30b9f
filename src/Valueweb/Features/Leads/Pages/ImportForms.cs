using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Pages;

/// <summary>The upload form: the file itself travels as the multipart field <see cref="FileField"/>.</summary>
public sealed class ImportUploadForm
{
    public const string FileField = "File";

    /// <summary>The form's idempotency key: a second post of the same form shows the import the first one stored.</summary>
    public string? Key { get; set; }
    public string? SourceSystem { get; set; }

    /// <summary>What the idempotency record of an upload keeps of its file, to tell a second post of the form from another file sent with it.</summary>
    public static string Fingerprint(string fileName, long length) => $"{fileName}\n{length.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>One row of the mapping table: a lead field and the header of the column it is read from (empty: not in the file).</summary>
public sealed class ImportColumnChoice
{
    public string? Field { get; set; }
    public string? Header { get; set; }
}

/// <summary>The start form of an uploaded import: the version read, the column of each lead field, the source system, and whether to start or only check.</summary>
public sealed class ImportStartForm
{
    public const string Check = "check";
    public const string Start = "start";

    public long? Version { get; set; }
    public string? SourceSystem { get; set; }
    public string? Intent { get; set; }
    public List<ImportColumnChoice> Columns { get; set; } = [];

    /// <summary>The column chosen for each field posted, by field; null for "not in this file". Rows that name no field are left out.</summary>
    public Dictionary<LeadField, string?> Choices()
    {
        var chosen = new Dictionary<LeadField, string?>();
        foreach (var c in Columns)
            if (LeadColumns.TryParseField(c.Field, out var field)) chosen.TryAdd(field, string.IsNullOrEmpty(c.Header) ? null : c.Header);
        return chosen;
    }
}

/// <summary>
/// Between the page's mapping table (a column for every field) and an import's mapping (field → header, only where the person
/// overrides what is recognised): what the table shows for a file and a mapping, and the mapping that makes the file read as the
/// table says.
/// </summary>
public static class ImportMappingChoices
{
    /// <summary>The column each field is read from under <paramref name="columns"/>; null where none.</summary>
    public static Dictionary<LeadField, string?> Of(LeadColumnMap columns) =>
        Enum.GetValues<LeadField>().ToDictionary(f => f, f => columns.Has(f) ? columns.Header[columns.IndexOf(f)] : null);

    /// <summary>
    /// The smallest mapping under which every field of <paramref name="chosen"/> reads its chosen column: the fields that differ
    /// from what is recognised, then those that a choice took their column from (until nothing changes), so that two fields
    /// given one column meet the importer's own "already mapped" error instead of one of them silently losing it.
    /// </summary>
    public static Dictionary<string, string?> Mapping(IReadOnlyList<string> header, IReadOnlyDictionary<LeadField, string?> chosen)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var round = 0; round <= chosen.Count; round++)
        {
            var now = Of(LeadColumns.Recognise(header, mapping));
            var added = false;
            foreach (var (field, column) in chosen)
            {
                var name = LeadColumns.Name(field);
                if (mapping.ContainsKey(name) || string.Equals(now[field], column, StringComparison.Ordinal)) continue;
                mapping[name] = column ?? "";
                added = true;
            }
            if (!added) break;
        }
        return mapping;
    }
}
