using Valueweb.Data;

namespace Valueweb.Features.Leads.Import;

/// <summary>Where an import of a lead file is: uploaded and previewed, being read, finished, or given up.</summary>
public enum LeadImportState
{
    /// <summary>The file is stored and its columns previewed; nothing is imported until someone starts it.</summary>
    Uploaded = 0,
    /// <summary>Started: waiting for a node to run it, or being read and stored now.</summary>
    Running = 1,
    /// <summary>Read to its end: the good rows are stored and the bad ones reported.</summary>
    Done = 2,
    /// <summary>Could not be read to its end (see <see cref="LeadImport.Failure"/>); the rows stored before stay.</summary>
    Failed = 3,
}

/// <summary>
/// One import of a lead file (a Salesforce or HubSpot export, or any CSV), from the web or the command line: the file's
/// column mapping, its progress while it runs (updated about once a second), its counts and the report of the rows that
/// were not imported. The vendor's alone.
/// </summary>
public sealed class LeadImport
{
    /// <summary>The error report kept with an import stops after this many rows, with a note of how many more there were.</summary>
    public const int MaxReportedRows = 10_000;
    /// <summary>And after this many characters, for files with very long rows.</summary>
    public const int MaxReportChars = 8_000_000;

    public Guid Id { get; set; } = Ids.New();
    public string FileName { get; set; } = "";
    public LeadImportState State { get; set; }
    /// <summary>Who uploaded it; null for an import from the command line.</summary>
    public Guid? UploadedByPersonId { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The system the file's record ids belong to, when the user named it; else the one its header shows.</summary>
    public string? SourceSystem { get; set; }
    /// <summary>The user's column mapping as JSON: field name → header ("email" → "E-Mail Addr").</summary>
    public string Mapping { get; set; } = "{}";
    public long TotalBytes { get; set; }
    public long ReadBytes { get; set; }
    public int Rows { get; set; }
    /// <summary>New leads stored.</summary>
    public int Imported { get; set; }
    /// <summary>Rows of leads already known: earlier in the same file, or already in the database.</summary>
    public int Duplicates { get; set; }
    public int Bad { get; set; }
    /// <summary>Of the new leads, those qualified and waiting to be routed.</summary>
    public int Queued { get; set; }
    /// <summary>The rows not imported, as CSV (line, reason, the row's own fields), cut at <see cref="MaxReportedRows"/>.</summary>
    public string ErrorReport { get; set; } = "";
    public string? Failure { get; set; }
    public long Version { get; set; } = 1;

    public bool IsFinished => State is LeadImportState.Done or LeadImportState.Failed;
}

/// <summary>
/// A part of an uploaded lead file, in order: the file is kept in the database (no node keeps local state), in parts of
/// at most <see cref="PartBytes"/> so that neither storing nor reading it holds the whole file in memory.
/// </summary>
public sealed class LeadImportFile
{
    public const int PartBytes = 1024 * 1024;

    public Guid ImportId { get; set; }
    public int Part { get; set; }
    public byte[] Content { get; set; } = [];
}
