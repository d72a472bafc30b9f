using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Valueweb.Data;
using Valueweb.Features.Leads.Import;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Jobs;

namespace Valueweb.Bench;

/// <summary>Garbage collections during a phase: by generation, and the time the process was paused for them.</summary>
public sealed record GcUse(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long AllocatedBytes)
{
    public static GcUse Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    public GcUse Since(GcUse start) => new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused, AllocatedBytes - start.AllocatedBytes);
}

/// <summary>The figures of one import run and of the raw COPY of the same rows.</summary>
public sealed record ImportRun(LeadFileStats File, LeadImportCounts Counts, TimeSpan Elapsed, double? PeakMiB, bool PeakReset, CpuUse Cpu, GcUse Gc,
    int ReadRows, TimeSpan ReadElapsed, int RawRows, TimeSpan RawElapsed, CpuUse RawCpu)
{
    public const double RatioGoal = 0.5;
    public const double MemoryGoalMiB = 512;

    public double Rate => File.Rows / Elapsed.TotalSeconds;
    public double RawRate => RawRows / RawElapsed.TotalSeconds;
    public double Ratio => Rate / RawRate;
}

/// <summary>
/// Lead import at scale: a generated Salesforce export of N rows is imported into a fresh PostgreSQL database in process, by the
/// same <see cref="LeadImporter"/> the command line uses (read, check, normalise, deduplicate, store, queue for routing — not the
/// routing itself); then, in the same run, the rows it would store are read again into memory (untimed but for a figure of its
/// own) and binary-COPYed into an empty table of the Leads table's shape (its columns, keys and indexes): the raw rate. Runs under
/// the application's runtime settings (see <see cref="UnderApplicationRuntimeAsync"/>).
/// </summary>
public static class ImportScenario
{
    /// <summary>
    /// Runs this bench again as a child process under the application's own runtime settings (valueweb.runtimeconfig.json:
    /// server GC, no quick JIT), the ones <c>valueweb import leads</c> and the import job run with; null when already under them.
    /// </summary>
    public static async Task<int?> UnderApplicationRuntimeAsync(string[] args, CancellationToken ct)
    {
        if (System.Runtime.GCSettings.IsServerGC) return null;
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(typeof(ImportScenario).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["DOTNET_TC_QuickJit"] = "0";
        info.Environment["DOTNET_TC_QuickJitForLoops"] = "0";
        using var child = Process.Start(info)!;
        await child.WaitForExitAsync(ct);
        return child.ExitCode;
    }

    public static async Task<ImportRun> RunAsync(string connection, int rows, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"valueweb-bench-leads-{rows}.csv");
        var generating = Stopwatch.StartNew();
        var file = LeadFileGenerator.Write(path, rows);
        Console.WriteLine(FormattableString.Invariant(
            $"generated {path}: {file.Rows:N0} rows, {file.Bytes / 1048576.0:F0} MiB, {file.Bad:N0} bad, {file.Repeated:N0} repeated, in {generating.Elapsed.TotalSeconds:F1} s"));
        try
        {
            var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
            var (counts, elapsed, peak, reset, cpu, gc) = await ImportAsync(options, path, ct);
            Console.WriteLine(FormattableString.Invariant(
                $"imported in {elapsed.TotalSeconds:F1} s: {counts.Imported:N0} new, {counts.Duplicates:N0} duplicates, {counts.Bad:N0} bad, {counts.Queued:N0} queued for routing"));
            var (raw, readElapsed) = await ReadAsync(options, path, ct);
            var (rawElapsed, rawCpu) = await CopyAsync(connection, raw, ct);
            return new ImportRun(file, counts, elapsed, peak, reset, cpu, gc, raw.Count, readElapsed, raw.Count, rawElapsed, rawCpu);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".errors.csv");
        }
    }

    private static async Task<(LeadImportCounts, TimeSpan, double?, bool, CpuUse, GcUse)> ImportAsync(ValuewebOptions options, string path, CancellationToken ct)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(options);
        var clock = TimeProvider.System;
        var length = new FileInfo(path).Length;
        var import = new LeadImport { FileName = Path.GetFileName(path), State = LeadImportState.Running, UploadedAt = clock.GetUtcNow(), TotalBytes = length };
        db.LeadImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var importer = new LeadImporter(db, new Journal(db, new CurrentActor(), new HttpContextAccessor(), clock), new JobQueue(db, clock, new JobSignal()), clock);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var file = await LeadCsvImport.OpenAsync(stream, new LeadImportOptions { TotalBytes = length }, ct);
        var progress = new LeadImportProgressLine(Console.Out, !Console.IsOutputRedirected);

        await db.Database.OpenConnectionAsync(ct);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var reset = ProcessMemory.ResetPeak(Environment.ProcessId);
        var cpu = await CpuMeter.StartAsync(Environment.ProcessId, options.Connection, ct);
        var gc = GcUse.Now();
        var watch = Stopwatch.StartNew();
        var result = await importer.RunAsync(import.Id, file, new LeadImportWatch
        {
            Progress = (c, _) =>
            {
                progress.Show(c);
                return Task.CompletedTask;
            },
        }, ct);
        watch.Stop();
        progress.End();
        var used = await cpu.StopAsync(ct);
        var peak = ProcessMemory.PeakMiB(Environment.ProcessId);
        return (result.Counts, watch.Elapsed, peak, reset, used, GcUse.Now().Since(gc));
    }

    /// <summary>The rows the import stores, read and checked again the same way, into memory: what the raw COPY writes.</summary>
    private static async Task<(List<ImportedLead>, TimeSpan)> ReadAsync(ValuewebOptions options, string path, CancellationToken ct)
    {
        LeadImportRules rules;
        await using (var db = DatabaseRegistration.CreateSystemContext(options)) rules = await LeadImportRules.LoadAsync(db, ct);
        var watch = Stopwatch.StartNew();
        var rows = new List<ImportedLead>(1 << 20);
        using (var file = LeadCsvImport.Open(File.OpenRead(path)))
            foreach (var row in file.Read())
                if (row.Kind == LeadRowKind.Good) rows.Add(rules.Apply(row.Draft!, row.Identity!.Value));
        return (rows, watch.Elapsed);
    }

    private static async Task<(TimeSpan, CpuUse)> CopyAsync(string connection, List<ImportedLead> rows, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        // The same shape: its columns, keys and indexes (LIKE ... INCLUDING ALL), and the foreign key LIKE leaves out.
        const string Create = """
            CREATE TABLE "LeadsRaw" (LIKE "Leads" INCLUDING ALL);
            ALTER TABLE "LeadsRaw" ADD FOREIGN KEY ("PartnerId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT;
            """;
        await using (var create = new NpgsqlCommand(Create, conn)) await create.ExecuteNonQueryAsync(ct);
        var now = DateTime.UtcNow;
        // No collection of the rows held in memory while the COPY runs.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = await CpuMeter.StartAsync(Environment.ProcessId, connection, ct);
        var watch = Stopwatch.StartNew();
        // The fastest way this process has to send them: the import's own binary COPY encoder, one stream.
        using (var stream = conn.BeginRawBinaryCopy($"COPY \"LeadsRaw\" ({LeadBulkStore.CopyColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            var w = new PgCopyRows(stream);
            w.Header();
            foreach (var l in rows) LeadBulkStore.WriteLead(w, l, now);
            w.Complete();
        }
        watch.Stop();
        var used = await cpu.StopAsync(ct);
        await using (var drop = new NpgsqlCommand("DROP TABLE \"LeadsRaw\"", conn)) await drop.ExecuteNonQueryAsync(ct);
        return (watch.Elapsed, used);
    }

    public static void Print(TextWriter w, ImportRun run)
    {
        var c = run.Counts;
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant($"file: {run.File.Rows:N0} rows, {run.File.Bytes / 1048576.0:F0} MiB ({run.File.Bad:N0} bad, {run.File.Repeated:N0} repeated)"));
        w.WriteLine(FormattableString.Invariant(
            $"import (read, check, normalise, deduplicate, insert, queue): {run.File.Rows:N0} rows in {run.Elapsed.TotalSeconds:F1} s = {run.Rate:N0} rows/s"));
        w.WriteLine(FormattableString.Invariant(
            $"  {c.Imported:N0} imported, {c.Duplicates:N0} duplicates, {c.Bad:N0} bad, {c.Queued:N0} queued for routing; CPU: bench process {run.Cpu.BenchSeconds:F1} s, PostgreSQL {run.Cpu.DatabaseSeconds:F1} s"));
        w.WriteLine(FormattableString.Invariant(
            $"  GC: {run.Gc.Gen0} gen0, {run.Gc.Gen1} gen1, {run.Gc.Gen2} gen2 collections, paused {run.Gc.Paused.TotalSeconds:F1} s, {run.Gc.AllocatedBytes / 1073741824.0:F1} GiB allocated"));
        w.WriteLine(FormattableString.Invariant(
            $"  reading and checking alone (no database, one thread): {run.ReadRows:N0} good rows in {run.ReadElapsed.TotalSeconds:F1} s = {run.File.Rows / run.ReadElapsed.TotalSeconds:N0} file rows/s"));
        w.WriteLine(FormattableString.Invariant(
            $"raw binary COPY of the same {run.RawRows:N0} rows into a table of the Leads shape: {run.RawElapsed.TotalSeconds:F1} s = {run.RawRate:N0} rows/s"));
        w.WriteLine(FormattableString.Invariant($"  CPU: bench process {run.RawCpu.BenchSeconds:F1} s, PostgreSQL {run.RawCpu.DatabaseSeconds:F1} s"));
        w.WriteLine();
        var ratioMet = run.Ratio >= ImportRun.RatioGoal ? "MET" : "NOT MET";
        w.WriteLine(FormattableString.Invariant($"goal: import >= 50 % of the raw COPY rate — {ratioMet} ({100 * run.Ratio:F0} %)"));
        var memoryMet = run.PeakMiB is { } p ? (p <= ImportRun.MemoryGoalMiB ? "MET" : "NOT MET") : "n/a";
        var how = run.PeakReset ? "peak working set during the import" : "peak working set of the process (not resettable here)";
        w.WriteLine($"goal: peak memory <= 512 MiB — {memoryMet} ({how}: {ProcessMemory.Format(run.PeakMiB)})");
    }
}
