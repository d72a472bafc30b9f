using System.Globalization;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// The error report kept with an import (<see cref="LeadImport.ErrorReport"/>): the rows not imported, as <see cref="LeadErrorReport"/>
/// writes them, up to <see cref="LeadImport.MaxReportedRows"/> rows (or <see cref="LeadImport.MaxReportChars"/> characters),
/// then a last row telling how many more there were. The command line writes the whole report to a file besides.
/// </summary>
public sealed class LeadImportReport
{
    private readonly StringWriter text = new(CultureInfo.InvariantCulture);
    private readonly LeadErrorReport report;
    private int listed;
    private int left;

    public LeadImportReport(IReadOnlyList<string> header, char delimiter)
    {
        report = new LeadErrorReport(text, header, delimiter);
    }

    /// <summary>Rows not imported, listed or not.</summary>
    public int Rows { get; private set; }

    public void Write(LeadRowOutcome outcome)
    {
        if (outcome.Kind == LeadRowKind.Good) return;
        Rows++;
        var written = text.GetStringBuilder();
        var before = written.Length;
        if (left == 0 && listed < LeadImport.MaxReportedRows) report.Write(outcome);
        if (written.Length > before && written.Length <= LeadImport.MaxReportChars) listed++;
        else
        {
            written.Length = before;
            left++;
        }
    }

    public override string ToString()
    {
        if (left == 0) return text.ToString();
        var note = string.Create(CultureInfo.InvariantCulture,
            $",\"… and {left:N0} more {(left == 1 ? "row" : "rows")} not imported, not listed: the report keeps the first {listed:N0}.\"\r\n");
        return text + note;
    }
}
