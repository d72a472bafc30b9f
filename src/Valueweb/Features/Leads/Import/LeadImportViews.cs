using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Import;

/// <summary>An import as the API shows it: its state, progress (percent of the file read) and counts.</summary>
public sealed record LeadImportView(
    Guid Id, string FileName, string State, string? SourceSystem, IReadOnlyDictionary<string, string?> Mapping, DateTimeOffset UploadedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long TotalBytes, long ReadBytes, double Percent, int Rows, int Imported, int Duplicates,
    int Bad, int Queued, string? Failure, string? ErrorReport, long Version, LeadColumnPreview? Columns = null);

/// <summary>How the file's columns will be read: recognised header → field, headers that are not imported, mapping errors, the first rows.</summary>
public sealed record LeadColumnPreview(
    string Format, string SourceSystem, IReadOnlyList<RecognisedHeader> Recognised, IReadOnlyList<UnrecognisedHeader> Unrecognised,
    IReadOnlyList<string> Warnings, IDictionary<string, string[]> Errors, IReadOnlyList<PreviewRow> Rows);

public sealed record RecognisedHeader(int Column, string Header, string Field, bool Mapped);

public sealed record UnrecognisedHeader(int Column, string Header, string Why);

/// <summary>One of the first rows: its line in the file, its values by field, and why it would not be imported (none when good).</summary>
public sealed record PreviewRow(int Line, bool Good, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Reasons);

public static class LeadImportViews
{
    public const int PreviewRows = 5;

    public static string Location(Guid id) => $"/api/v1/lead-imports/{id}";

    public static string StateName(LeadImportState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    /// <summary>Percent of the file read, one decimal, never 100 before the import is done.</summary>
    public static double Percent(LeadImport i) => i.State == LeadImportState.Done ? 100
        : i.TotalBytes <= 0 ? 0 : Math.Min(99.9, Math.Floor(i.ReadBytes * 1000d / i.TotalBytes) / 10);

    public static LeadImportView View(LeadImport i, LeadColumnPreview? columns = null) => new(
        i.Id, i.FileName, StateName(i.State), i.SourceSystem, LeadImportMapping.FromJson(i.Mapping), i.UploadedAt, i.StartedAt, i.FinishedAt,
        i.TotalBytes, i.ReadBytes, Percent(i), i.Rows, i.Imported, i.Duplicates, i.Bad, i.Queued, i.Failure,
        i.IsFinished ? Location(i.Id) + "/errors" : null, i.Version, columns);

    /// <summary>The preview of an open file, reading its first <see cref="PreviewRows"/> rows when the mapping allows reading.</summary>
    public static async Task<LeadColumnPreview> PreviewAsync(LeadCsvImport file, CancellationToken ct)
    {
        var c = file.Columns;
        var rows = new List<PreviewRow>(PreviewRows);
        if (!c.Errors.Any)
            await foreach (var row in file.ReadAsync(ct))
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var r in c.Recognised)
                    if (r.Index < row.Fields.Length) values[LeadColumns.Name(r.Field)] = row.Fields[r.Index];
                rows.Add(new PreviewRow(row.Line, row.Kind == LeadRowKind.Good, values, row.Reasons));
                if (rows.Count == PreviewRows) break;
            }
        return new LeadColumnPreview(
            JsonNamingPolicy.CamelCase.ConvertName(c.Format.ToString()), c.SourceSystem,
            c.Recognised.Select(r => new RecognisedHeader(r.Index, r.Header, LeadColumns.Name(r.Field), r.Overridden)).ToList(),
            c.Ignored.Select(r => new UnrecognisedHeader(r.Index, r.Header, r.Why)).ToList(),
            c.Warnings, LeadImportMapping.Check(c).ToDictionary(), rows);
    }

    /// <summary>A file name as the import keeps it: without any folder, at most 200 characters, "leads.csv" when none.</summary>
    public static string FileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        bare = new string(bare.Where(ch => !char.IsControl(ch)).ToArray());
        if (bare.Length == 0) return "leads.csv";
        return bare.Length <= 200 ? bare : bare[^200..];
    }

    /// <summary>Imports without their error reports (which can be megabytes each).</summary>
    public static IQueryable<LeadImport> Summaries(ValuewebDb db) => db.LeadImports.AsNoTracking().Select(i => new LeadImport
    {
        Id = i.Id,
        FileName = i.FileName,
        State = i.State,
        UploadedByPersonId = i.UploadedByPersonId,
        UploadedAt = i.UploadedAt,
        StartedAt = i.StartedAt,
        FinishedAt = i.FinishedAt,
        SourceSystem = i.SourceSystem,
        Mapping = i.Mapping,
        TotalBytes = i.TotalBytes,
        ReadBytes = i.ReadBytes,
        Rows = i.Rows,
        Imported = i.Imported,
        Duplicates = i.Duplicates,
        Bad = i.Bad,
        Queued = i.Queued,
        Failure = i.Failure,
        Version = i.Version,
    });
}
