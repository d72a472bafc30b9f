using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Intake;

/// <summary>Which column of a lead file fills which field: the answer of <see cref="LeadColumns.Recognise"/>, and the page's mapping preview.</summary>
public sealed class LeadColumnMap
{
    private readonly int[] indexes;

    internal LeadColumnMap(string[] header, LeadFileFormat format, int[] indexes, IReadOnlyList<RecognisedColumn> recognised,
        IReadOnlyList<IgnoredColumn> ignored, IReadOnlyList<string> warnings, FieldErrors errors)
    {
        Header = header;
        Format = format;
        this.indexes = indexes;
        Recognised = recognised;
        Ignored = ignored;
        Warnings = warnings;
        Errors = errors;
    }

    public IReadOnlyList<string> Header { get; }

    public LeadFileFormat Format { get; }

    /// <summary>The system the file's record ids belong to: "salesforce", "hubspot", or "csv" for any other file.</summary>
    public string SourceSystem => Format switch
    {
        LeadFileFormat.Salesforce => "salesforce",
        LeadFileFormat.HubSpot => "hubspot",
        _ => "csv",
    };

    /// <summary>The columns that are imported, left to right.</summary>
    public IReadOnlyList<RecognisedColumn> Recognised { get; }

    /// <summary>The columns that are not, left to right.</summary>
    public IReadOnlyList<IgnoredColumn> Ignored { get; }

    /// <summary>Problems of the header that make every row bad (no column for a name, none to reach anyone).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Mistakes in the user's mapping, keyed "mapping.{field}". A file is not imported with these.</summary>
    public FieldErrors Errors { get; }

    /// <summary>The column of a field, or -1.</summary>
    public int IndexOf(LeadField field) => indexes[(int)field];

    public bool Has(LeadField field) => indexes[(int)field] >= 0;

    /// <summary>The raw value of a field in a row, or null when the field has no column or the row is short.</summary>
    public string? Value(IReadOnlyList<string> fields, LeadField field)
    {
        var i = indexes[(int)field];
        return i >= 0 && i < fields.Count ? fields[i] : null;
    }
}
