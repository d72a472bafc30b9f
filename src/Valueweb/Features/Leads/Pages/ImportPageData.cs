using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Import;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Pages;

/// <summary>A row of an import's error report as the page lists it: the line in the file (the header is line 1) and why.</summary>
public sealed record ImportReportRow(int Line, string Reason);

/// <summary>The first rows of an error report, how many more it has, and its own closing note when it was cut.</summary>
public sealed record ImportReportExcerpt(IReadOnlyList<ImportReportRow> Rows, int More, string? Note);

/// <summary>What the import pages read: imports without their error reports (megabytes each), who uploaded them, the report's first rows.</summary>
public static class ImportPageData
{
    /// <summary>Rows of the error report listed on the page; the downloadable report has them all.</summary>
    public const int ListedRows = 100;

    /// <summary>The names of the people who uploaded these imports (an import from the command line has none).</summary>
    public static async Task<Dictionary<Guid, string>> UploadersAsync(ValuewebDb db, IEnumerable<LeadImport> imports, CancellationToken ct)
    {
        var ids = imports.Where(i => i.UploadedByPersonId is not null).Select(i => i.UploadedByPersonId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    /// <summary>The first <see cref="ListedRows"/> rows of a finished import's error report.</summary>
    public static async Task<ImportReportExcerpt> ReportAsync(ValuewebDb db, Guid id, CancellationToken ct)
    {
        var text = await db.LeadImports.AsNoTracking().Where(i => i.Id == id).Select(i => i.ErrorReport).FirstOrDefaultAsync(ct) ?? "";
        var rows = new List<ImportReportRow>();
        var more = 0;
        string? note = null;
        if (text.Length == 0) return new ImportReportExcerpt(rows, more, note);
        try
        {
            using var reader = LeadCsvReader.Open(new StringReader(text));
            while (reader.TryRead(out var row))
            {
                var reason = row.Fields.Length > 1 ? row.Fields[1] : "";
                if (!int.TryParse(row.Fields[0], System.Globalization.CultureInfo.InvariantCulture, out var line)) note = reason;
                else if (rows.Count < ListedRows) rows.Add(new ImportReportRow(line, reason));
                else more++;
            }
        }
        catch (LeadCsvFormatException)
        {
            // A row too long to read: the rows before it are listed, the download has them all.
        }
        return new ImportReportExcerpt(rows, more, note);
    }
}
