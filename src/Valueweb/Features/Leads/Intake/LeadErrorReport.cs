namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// The rows of an import that were not imported, as a CSV file to download and fix: "line,reason" and then the row's own fields
/// under the file's own header, so that the fixed rows can be imported again. Duplicates within the file are listed too, with
/// the line they repeat. Written as the import goes, never held in memory.
/// </summary>
public sealed class LeadErrorReport
{
    private readonly TextWriter writer;
    private readonly char delimiter;
    private readonly int width;

    public LeadErrorReport(TextWriter writer, IReadOnlyList<string> header, char delimiter = ',')
    {
        this.writer = writer;
        this.delimiter = delimiter;
        width = header.Count;
        writer.Write("line");
        writer.Write(delimiter);
        writer.Write("reason");
        foreach (var name in header)
        {
            writer.Write(delimiter);
            Field(name);
        }
        writer.Write("\r\n");
    }

    /// <summary>Rows written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Writes a bad or duplicate row; a good one is not written.</summary>
    public void Write(LeadRowOutcome outcome)
    {
        if (outcome.Kind == LeadRowKind.Good) return;
        writer.Write(outcome.Line);
        writer.Write(delimiter);
        Field(string.Join("; ", outcome.Reasons));
        for (var i = 0; i < Math.Max(width, outcome.Fields.Length); i++)
        {
            writer.Write(delimiter);
            if (i < outcome.Fields.Length) Field(outcome.Fields[i]);
        }
        writer.Write("\r\n");
        Count++;
    }

    private void Field(string value)
    {
        var needsQuotes = value.AsSpan().IndexOfAny(delimiter, '"', '\n') >= 0 || value.Contains('\r', StringComparison.Ordinal)
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        if (!needsQuotes)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
