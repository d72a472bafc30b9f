using System.Runtime.CompilerServices;

namespace Valueweb.Features.Leads.Intake;

/// <summary>How to read a lead file: the user's column mapping, the system its ids belong to, its size and where to report progress.</summary>
public sealed record LeadImportOptions
{
    /// <summary>Field name → header, over the recognised columns ("email" → "E-Mail Addr"); an empty header leaves a field out.</summary>
    public IReadOnlyDictionary<string, string?>? Mapping { get; init; }
    /// <summary>The system the file's record ids belong to, when the header does not tell it.</summary>
    public string? SourceSystem { get; init; }
    public long? TotalBytes { get; init; }
    public IProgress<LeadImportProgress>? Progress { get; init; }
}

/// <summary>
/// Reads a lead file from its header to its end, one row at a time: recognises the columns, checks and normalises each row, and
/// counts a lead found again on a later line once. Storing the good rows is the caller's; nothing here touches a database.
/// </summary>
public sealed class LeadCsvImport : IDisposable
{
    private readonly LeadRowValidation validation;
    private readonly LeadsSeenInFile seen = new();

    private LeadCsvImport(LeadCsvReader reader, LeadImportOptions options)
    {
        Reader = reader;
        Columns = LeadColumns.Recognise(reader.Header, options.Mapping);
        validation = new LeadRowValidation(Columns, options.SourceSystem);
    }

    public LeadCsvReader Reader { get; }

    /// <summary>The mapping preview; check <see cref="LeadColumnMap.Errors"/> before reading rows.</summary>
    public LeadColumnMap Columns { get; }

    public LeadImportTally Tally { get; } = new();

    public static LeadCsvImport Open(Stream stream, LeadImportOptions? options = null)
    {
        options ??= new LeadImportOptions();
        return new LeadCsvImport(LeadCsvReader.Open(stream, options.TotalBytes, options.Progress), options);
    }

    public static async Task<LeadCsvImport> OpenAsync(Stream stream, LeadImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LeadImportOptions();
        var reader = await LeadCsvReader.OpenAsync(stream, options.TotalBytes, options.Progress, cancellationToken: cancellationToken);
        return new LeadCsvImport(reader, options);
    }

    public IEnumerable<LeadRowOutcome> Read()
    {
        EnsureMapped();
        while (Reader.TryRead(out var row)) yield return Next(row);
    }

    public async IAsyncEnumerable<LeadRowOutcome> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureMapped();
        while (await Reader.ReadAsync(cancellationToken) is { } row) yield return Next(row);
    }

    private LeadRowOutcome Next(LeadCsvRow row)
    {
        var outcome = validation.Check(row);
        if (outcome.Identity is { } identity && !seen.TryAdd(identity, row.Line, out var firstLine)) outcome = outcome.AsDuplicateOf(firstLine);
        Tally.Count(outcome);
        return outcome;
    }

    private void EnsureMapped()
    {
        if (Columns.Errors.Any) throw new InvalidOperationException("The column mapping has errors: show Columns.Errors instead of reading rows.");
    }

    public void Dispose() => Reader.Dispose();
}
