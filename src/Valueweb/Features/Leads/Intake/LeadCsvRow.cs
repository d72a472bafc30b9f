namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// One record of a lead file: the physical line it starts on (the header is line 1; a quoted field may span lines), its
/// fields as written, and what is wrong with its form when the file ends inside a quoted field.
/// </summary>
public readonly record struct LeadCsvRow(int Line, string[] Fields, string? Problem = null);

/// <summary>How far a file has been read: bytes of the total when it is known, and records so far.</summary>
public readonly record struct LeadImportProgress(long BytesRead, long? TotalBytes, int Rows)
{
    /// <summary>0 to 1, or null when the size of the file is not known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1d, (double)BytesRead / TotalBytes.Value) : null;
}

/// <summary>A file that cannot be read on from a line on (a record larger than <see cref="LeadCsvReader.MaxRecordChars"/>).</summary>
public sealed class LeadCsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
