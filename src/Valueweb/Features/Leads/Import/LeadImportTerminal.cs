using System.Diagnostics;
using System.Globalization;
using System.Text;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// An import's progress on the command line: one line rewritten in place on a terminal; a line every
/// <see cref="Every"/> when the output goes to a file or a pipe.
/// </summary>
internal sealed class LeadImportProgressLine(TextWriter output, bool terminal)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly long started = Stopwatch.GetTimestamp();
    private long printed = Stopwatch.GetTimestamp();
    private int width;

    public void Show(LeadImportCounts c)
    {
        var seconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, 0.001);
        var percent = c.Fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{100 * f,5:0.0} %  ") : "";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{percent}{c.Rows:N0} rows  {c.Rows / seconds:N0} rows/s  ({c.Imported:N0} imported, {c.Duplicates:N0} duplicates, {c.Bad:N0} bad)");
        if (terminal)
        {
            output.Write("\r" + text.PadRight(width));
            width = text.Length;
            output.Flush();
            return;
        }
        if (Stopwatch.GetElapsedTime(printed) < Every) return;
        printed = Stopwatch.GetTimestamp();
        output.WriteLine(text);
    }

    /// <summary>Ends the line being rewritten, so that what follows starts on a line of its own.</summary>
    public void End()
    {
        if (!terminal || width == 0) return;
        output.WriteLine();
        width = 0;
    }
}

/// <summary>
/// The rows an import from the command line did not import: all of them into the report file beside the lead file (created
/// with the first one), the first <see cref="LeadImportCommand.ShownRows"/> bad ones kept to print.
/// </summary>
internal sealed class RejectedRows(string reportPath, IReadOnlyList<string> header, char delimiter) : IDisposable
{
    private readonly List<string> shown = [];
    private StreamWriter? writer;
    private LeadErrorReport? report;
    private int bad;

    public void Write(LeadRowOutcome row)
    {
        if (report is null)
        {
            writer = new StreamWriter(reportPath, append: false, new UTF8Encoding(true));
            report = new LeadErrorReport(writer, header, delimiter);
        }
        report.Write(row);
        if (row.Kind != LeadRowKind.Bad) return;
        bad++;
        if (shown.Count < LeadImportCommand.ShownRows) shown.Add(row.Describe());
    }

    public void Print(TextWriter output)
    {
        if (bad > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bad rows ({bad:N0}), not imported:"));
            foreach (var line in shown) output.WriteLine("  " + line);
            if (bad > shown.Count) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {bad - shown.Count:N0} more"));
        }
        if (report is not null) output.WriteLine($"Every row not imported, with its reason: {reportPath}");
    }

    public void Dispose()
    {
        writer?.Dispose();
        writer = null;
    }
}
