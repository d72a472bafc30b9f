using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// <c>valueweb import leads FILE [--source-system NAME] [--map field=Header]...</c>: the same import as an upload, from a file on
/// this machine, with progress on the terminal, the bad rows by line, the whole report beside the file (FILE.errors.csv) and a
/// summary. Exit code 0 when the file was read to its end (bad rows or not); 1 when it cannot be read; 2 when its columns cannot
/// be mapped (nothing is imported then). Qualified leads are queued; a running server routes them.
/// </summary>
public static class LeadImportCommand
{
    public const int Unreadable = 1;
    public const int Unmapped = 2;
    public const int ShownRows = 20;

    public static Command Create(Func<ParseResult, ValuewebOptions> options)
    {
        var file = new Argument<string>("FILE") { Description = "the lead file: CSV with a header row (Salesforce and HubSpot exports are recognised)" };
        var system = new Option<string?>("--source-system") { Description = "the system the file's record ids come from (salesforce, hubspot, …), when its header does not tell" };
        var map = new Option<string[]>("--map")
        {
            Description = "read a field from the column of this header: --map email=\"E-Mail Addr\" (repeat for more fields; an empty header leaves the field out)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var leads = new Command("leads", "import leads from a CSV file: bad rows are reported, known leads skipped, qualified leads queued for routing");
        leads.Arguments.Add(file);
        leads.Options.Add(system);
        leads.Options.Add(map);
        leads.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(system), parse.GetValue(map) ?? [], options(parse), Console.Out, ct));
        var import = new Command("import", "bring data in from files");
        import.Subcommands.Add(leads);
        return import;
    }

    public static async Task<int> RunAsync(string path, string? sourceSystem, IReadOnlyList<string> maps, ValuewebOptions options, TextWriter output,
        CancellationToken ct)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var m in maps)
        {
            var at = m.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                output.WriteLine($"--map {m}: write field=Header, such as --map email=\"E-Mail Addr\".");
                return Unmapped;
            }
            mapping[m[..at].Trim()] = m[(at + 1)..];
        }
        var system = LeadImportMapping.SourceSystem(sourceSystem);
        var invalid = LeadImportMapping.Validate(mapping);
        if (system is { Length: > 40 }) invalid.Add("sourceSystem", "At most 40 characters.");
        if (invalid.Any) return Refuse(output, invalid);

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            output.WriteLine($"Cannot read {path}: {e.Message}");
            return Unreadable;
        }
        using var file = await LeadCsvImport.OpenAsync(stream, new LeadImportOptions { Mapping = mapping, SourceSystem = system, TotalBytes = stream.Length }, ct);
        if (file.Columns.Header.Count == 0)
        {
            output.WriteLine($"{path} is empty: a lead file starts with a header row.");
            return Unreadable;
        }
        var check = LeadImportMapping.Check(file.Columns);
        DescribeColumns(output, path, file.Columns);
        if (check.Any) return Refuse(output, check);

        await using var db = DatabaseRegistration.CreateSystemContext(options);
        await db.Database.MigrateAsync(ct);
        var clock = TimeProvider.System;
        var import = new LeadImport
        {
            FileName = LeadImportViews.FileName(path),
            State = LeadImportState.Running,
            UploadedAt = clock.GetUtcNow(),
            TotalBytes = stream.Length,
            Mapping = LeadImportMapping.ToJson(mapping),
            SourceSystem = system,
        };
        db.LeadImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var journal = new Journal(db, new CurrentActor(), new HttpContextAccessor(), clock);
        var importer = new LeadImporter(db, journal, new JobQueue(db, clock, new JobSignal()), clock);
        var progress = new LeadImportProgressLine(output, !Console.IsOutputRedirected && output == Console.Out);
        var rejected = new RejectedRows(path + ".errors.csv", file.Columns.Header, file.Reader.Delimiter);
        LeadImportResult result;
        try
        {
            result = await importer.RunAsync(import.Id, file, new LeadImportWatch
            {
                Progress = (counts, _) =>
                {
                    progress.Show(counts);
                    return Task.CompletedTask;
                },
                Rejected = rejected.Write,
            }, ct);
        }
        catch (Exception e) when (e is LeadCsvFormatException or OperationCanceledException or System.Data.Common.DbException)
        {
            progress.End();
            await FailAsync(db, import.Id, e is OperationCanceledException ? "Cancelled." : e.Message);
            output.WriteLine(e is OperationCanceledException ? "Cancelled: the rows stored so far stay." : $"The import stopped: {e.Message}");
            return Unreadable;
        }
        finally
        {
            rejected.Dispose();
        }
        progress.End();
        rejected.Print(output);
        Summarise(output, result);
        return 0;
    }

    private static int Refuse(TextWriter output, Platform.Api.FieldErrors errors)
    {
        output.WriteLine("The columns cannot be imported:");
        foreach (var (field, messages) in errors.All)
            foreach (var message in messages) output.WriteLine($"  {field}: {message}");
        output.WriteLine("Map the columns with --map field=Header (fields: " + string.Join(", ", Enum.GetValues<LeadField>().Select(LeadColumns.Name)) + ").");
        return Unmapped;
    }

    private static void DescribeColumns(TextWriter output, string path, LeadColumnMap columns)
    {
        var format = columns.Format switch
        {
            LeadFileFormat.Salesforce => "a Salesforce export",
            LeadFileFormat.HubSpot => "a HubSpot export",
            _ => "a CSV file",
        };
        output.WriteLine($"{Path.GetFileName(path)}: {format}; {columns.Recognised.Count} of {columns.Header.Count} columns are imported:");
        output.WriteLine("  " + string.Join(", ", columns.Recognised.Select(r => $"{r.Header} → {LeadColumns.Name(r.Field)}")));
    }

    private static void Summarise(TextWriter output, LeadImportResult result)
    {
        var c = result.Counts;
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count(c.Rows, "row")} read: {c.Imported:N0} imported, {Count(c.Duplicates, "duplicate")}, {c.Bad:N0} bad; {c.Queued:N0} queued for routing."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Elapsed {Elapsed(result.Elapsed)} ({c.Rows / seconds:N0} rows/s)."));
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    public static string Elapsed(TimeSpan t) => t.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s");

    private static async Task FailAsync(ValuewebDb db, Guid importId, string failure)
    {
        var now = TimeProvider.System.GetUtcNow();
        var text = failure.Length > 2000 ? failure[..2000] : failure;
        try
        {
            await db.LeadImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, LeadImportState.Failed).SetProperty(i => i.FinishedAt, now).SetProperty(i => i.Failure, text));
        }
        catch (System.Data.Common.DbException)
        {
            // The database itself failed: the import's row cannot be updated either.
        }
    }
}
