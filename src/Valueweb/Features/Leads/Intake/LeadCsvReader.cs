using System.Runtime.CompilerServices;
using System.Text;

namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// Reads a lead file record by record (RFC 4180: fields in double quotes may hold the delimiter, quotes written twice and line
/// breaks), never holding more than a buffer of it. Skips a UTF-8 byte order mark, tells "," from ";" by the header, counts
/// physical lines so that each record knows the line it starts on, and skips blank records. Lenient where spreadsheets are
/// sloppy: a quote inside an unquoted field is text, text after a closing quote is kept, short rows read as empty fields.
/// </summary>
public sealed class LeadCsvReader : IDisposable
{
    /// <summary>The longest record read; a longer one is almost always a quote that is never closed.</summary>
    public const int MaxRecordChars = 4 * 1024 * 1024;

    private const int ChunkChars = 64 * 1024;

    private enum Parsed
    {
        Row,
        End,
        NeedMore,
    }

    private readonly TextReader text;
    private readonly ByteCountingStream? counter;
    private readonly IProgress<LeadImportProgress>? progress;
    private readonly List<string> fields = new(32);
    private char[] buffer = new char[ChunkChars];
    private char[] scratch = new char[256];
    private int scratchLength;
    private int pos;
    private int end;
    private bool eof;
    private int line = 1;
    private long charsRead;

    private LeadCsvReader(TextReader text, ByteCountingStream? counter, long? totalBytes, IProgress<LeadImportProgress>? progress)
    {
        this.text = text;
        this.counter = counter;
        this.progress = progress;
        TotalBytes = totalBytes;
    }

    /// <summary>The delimiter of the file: ";" when its header has more semicolons than commas outside quotes, else ",".</summary>
    public char Delimiter { get; private set; } = ',';

    /// <summary>The header's fields; empty for an empty file.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The line of the header (1 unless the file starts with blank lines).</summary>
    public int HeaderLine { get; private set; }

    /// <summary>Records read after the header.</summary>
    public int Rows { get; private set; }

    /// <summary>Bytes of the file read so far (characters for a reader opened on text).</summary>
    public long BytesRead => counter?.Count ?? charsRead;

    /// <summary>The size of the file when known: given, or the rest of a seekable stream.</summary>
    public long? TotalBytes { get; }

    public LeadImportProgress Progress => new(BytesRead, TotalBytes, Rows);

    /// <summary>Opens a file given as bytes (UTF-8, or UTF-16 with its byte order mark) and reads its header.</summary>
    public static LeadCsvReader Open(Stream stream, long? totalBytes = null, IProgress<LeadImportProgress>? progress = null, bool leaveOpen = false)
    {
        var reader = Create(stream, totalBytes, progress, leaveOpen);
        reader.Start();
        return reader;
    }

    /// <summary>Opens a file given as bytes without blocking on it (a request body) and reads its header.</summary>
    public static async Task<LeadCsvReader> OpenAsync(Stream stream, long? totalBytes = null, IProgress<LeadImportProgress>? progress = null,
        bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        var reader = Create(stream, totalBytes, progress, leaveOpen);
        while (!reader.HeaderInBuffer()) await reader.FillAsync(cancellationToken);
        reader.SkipMarkAndSniff();
        if (await reader.ReadAsync(cancellationToken) is { } header) reader.TakeHeader(header);
        return reader;
    }

    /// <summary>Opens a file given as text and reads its header; progress then counts characters.</summary>
    public static LeadCsvReader Open(TextReader text, long? totalChars = null, IProgress<LeadImportProgress>? progress = null)
    {
        var reader = new LeadCsvReader(text, null, totalChars, progress);
        reader.Start();
        return reader;
    }

    private static LeadCsvReader Create(Stream stream, long? totalBytes, IProgress<LeadImportProgress>? progress, bool leaveOpen)
    {
        totalBytes ??= stream.CanSeek ? stream.Length - stream.Position : null;
        var counter = new ByteCountingStream(stream, leaveOpen);
        var text = new StreamReader(counter, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: ChunkChars);
        return new LeadCsvReader(text, counter, totalBytes, progress);
    }

    private void Start()
    {
        while (!HeaderInBuffer()) Fill();
        SkipMarkAndSniff();
        if (TryRead(out var header)) TakeHeader(header);
    }

    private void SkipMarkAndSniff()
    {
        if (pos < end && buffer[pos] == '\uFEFF') pos++;
        Delimiter = SniffDelimiter();
    }

    private void TakeHeader(LeadCsvRow header)
    {
        Header = header.Fields;
        HeaderLine = header.Line;
        Rows = 0;
    }

    /// <summary>Whether the first record ends in the buffer (or the file ends), so that its delimiter can be told.</summary>
    private bool HeaderInBuffer()
    {
        if (eof) return true;
        var quoted = false;
        var seenText = false;
        for (var i = pos; i < end; i++)
        {
            var c = buffer[i];
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is ('\n' or '\r') && seenText) return true;
            else if (c is not ('\n' or '\r' or '\uFEFF')) seenText = true;
        }
        return end - pos >= MaxRecordChars;
    }

    private char SniffDelimiter()
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        var seenText = false;
        for (var i = pos; i < end; i++)
        {
            var c = buffer[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c is '\n' or '\r')
            {
                if (seenText) break;
                continue;
            }
            seenText = true;
        }
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>The next record, or false at the end of the file.</summary>
    public bool TryRead(out LeadCsvRow row)
    {
        while (true)
        {
            switch (Parse(out row))
            {
                case Parsed.Row:
                    Rows++;
                    return true;
                case Parsed.End:
                    return false;
                default:
                    Fill();
                    break;
            }
        }
    }

    /// <summary>The next record, or null at the end of the file; waits only when the buffer is used up.</summary>
    public async ValueTask<LeadCsvRow?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            switch (Parse(out var row))
            {
                case Parsed.Row:
                    Rows++;
                    return row;
                case Parsed.End:
                    return null;
                default:
                    await FillAsync(cancellationToken);
                    break;
            }
        }
    }

    public IEnumerable<LeadCsvRow> ReadAll()
    {
        while (TryRead(out var row)) yield return row;
    }

    public async IAsyncEnumerable<LeadCsvRow> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken) is { } row) yield return row;
    }

    private void Fill()
    {
        if (!MakeRoom()) return;
        Filled(text.Read(buffer, end, buffer.Length - end));
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (!MakeRoom()) return;
        Filled(await text.ReadAsync(buffer.AsMemory(end, buffer.Length - end), cancellationToken));
    }

    /// <summary>Moves the unread part of the buffer to its start, growing the buffer for a long record; false at the end of the file.</summary>
    private bool MakeRoom()
    {
        if (eof) return false;
        if (pos > 0)
        {
            Array.Copy(buffer, pos, buffer, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end > buffer.Length / 2)
        {
            if (buffer.Length >= MaxRecordChars)
                throw new LeadCsvFormatException(line, $"Line {line} starts a record of more than {MaxRecordChars:N0} characters: is a quote not closed?");
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        return true;
    }

    private void Filled(int read)
    {
        if (read == 0) eof = true;
        end += read;
        charsRead += read;
        progress?.Report(Progress);
    }

    /// <summary>
    /// Reads the record at the start of the unread buffer. When the buffer ends inside it, nothing is consumed and the record is
    /// read again from its start once there is more (that happens once per buffer, so it costs nothing worth keeping state for).
    /// </summary>
    private Parsed Parse(out LeadCsvRow row)
    {
        row = default;
        var d = Delimiter;
        while (true)
        {
            if (pos >= end) return eof ? Parsed.End : Parsed.NeedMore;
            fields.Clear();
            var i = pos;
            var breaks = 0;
            var anyText = false;
            string? problem = null;
            while (true)
            {
                string value;
                if (i < end && buffer[i] == '"')
                {
                    i++;
                    var segment = i;
                    var escaped = false;
                    int closedAt;
                    scratchLength = 0;
                    while (true)
                    {
                        var k = buffer.AsSpan(i, end - i).IndexOfAny('"', '\n', '\r');
                        if (k < 0)
                        {
                            if (!eof) return Parsed.NeedMore;
                            closedAt = i = end;
                            problem = "a quoted field is not closed";
                            break;
                        }
                        i += k;
                        if (buffer[i] == '"')
                        {
                            if (i + 1 >= end && !eof) return Parsed.NeedMore;
                            if (i + 1 < end && buffer[i + 1] == '"')
                            {
                                Keep(segment, i + 1 - segment);
                                i += 2;
                                segment = i;
                                escaped = true;
                                continue;
                            }
                            closedAt = i++;
                            break;
                        }
                        if (buffer[i] == '\r')
                        {
                            if (i + 1 >= end && !eof) return Parsed.NeedMore;
                            if (i + 1 < end && buffer[i + 1] == '\n') i++;
                        }
                        breaks++;
                        i++;
                    }
                    var after = buffer.AsSpan(i, end - i).IndexOfAny(d, '\n', '\r');
                    if (after < 0)
                    {
                        if (!eof) return Parsed.NeedMore;
                        after = end - i;
                    }
                    if (escaped || after > 0)
                    {
                        Keep(segment, closedAt - segment);
                        Keep(i, after);
                        value = new string(scratch, 0, scratchLength);
                    }
                    else value = closedAt == segment ? "" : new string(buffer, segment, closedAt - segment);
                    i += after;
                }
                else
                {
                    var k = buffer.AsSpan(i, end - i).IndexOfAny(d, '\n', '\r');
                    if (k < 0)
                    {
                        if (!eof) return Parsed.NeedMore;
                        k = end - i;
                    }
                    value = k == 0 ? "" : new string(buffer, i, k);
                    i += k;
                }
                anyText |= value.Length > 0;
                fields.Add(value);
                if (i < end && buffer[i] == d)
                {
                    i++;
                    continue;
                }
                if (i < end)
                {
                    if (buffer[i] == '\r')
                    {
                        if (i + 1 >= end && !eof) return Parsed.NeedMore;
                        if (i + 1 < end && buffer[i + 1] == '\n') i++;
                    }
                    i++;
                    breaks++;
                }
                break;
            }
            var start = line;
            line += breaks;
            pos = i;
            if (!anyText && problem is null) continue;
            row = new LeadCsvRow(start, fields.ToArray(), problem);
            return Parsed.Row;
        }
    }

    private void Keep(int from, int length)
    {
        if (length <= 0) return;
        if (scratchLength + length > scratch.Length) Array.Resize(ref scratch, Math.Max(scratch.Length * 2, scratchLength + length));
        Array.Copy(buffer, from, scratch, scratchLength, length);
        scratchLength += length;
    }

    public void Dispose() => text.Dispose();
}
