using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

/// <summary>What became of an upload: the stored import and its column preview, or why nothing was stored.</summary>
public sealed record LeadImportUploadResult(LeadImport? Import, LeadColumnPreview? Preview, FieldErrors? Errors, bool TooLarge = false);

public enum LeadImportStartOutcome
{
    Started,
    /// <summary>No import of this id (or not one the caller may see).</summary>
    NotFound,
    /// <summary>The version the caller read is no longer the import's.</summary>
    Stale,
    /// <summary>The import is running or finished already.</summary>
    AlreadyStarted,
    /// <summary>The mapping or the source system cannot be used; see the errors, keyed as the API keys them.</summary>
    Invalid,
}

public sealed record LeadImportStartResult(LeadImportStartOutcome Outcome, LeadImport? Import = null, FieldErrors? Errors = null);

/// <summary>
/// The two steps a person takes with a lead file, for the import pages: upload it (the file is stored and its columns
/// previewed, nothing is imported) and start it with a column mapping (the <c>lead.import</c> job runs it). The same checks,
/// messages, audit entries and job for the import pages and for <c>POST /api/v1/lead-imports</c> and
/// <c>POST /api/v1/lead-imports/{id}/start</c>: one path for both.
/// </summary>
public static class LeadImportSteps
{
    public const int MaxSourceSystemLength = 40;

    /// <summary>The answer to a file over the size limit; the same words as the API's 413.</summary>
    public static string TooLarge(long limit) =>
        $"Lead files of at most {limit / (1024 * 1024.0):0.#} MB can be uploaded; import a larger file with `valueweb import leads FILE`.";

    /// <summary>
    /// Stores <paramref name="content"/> as a new import in one transaction and previews its columns. <paramref name="remember"/>
    /// adds what must be saved with the import (a form's idempotency record). Errors are keyed "file" and "sourceSystem".
    /// </summary>
    public static async Task<LeadImportUploadResult> UploadAsync(ValuewebDb db, Journal journal, Guid? personId, Stream content, string? fileName,
        string? sourceSystem, long limit, Action<LeadImport, LeadColumnPreview>? remember, CancellationToken ct)
    {
        var system = LeadImportMapping.SourceSystem(sourceSystem);
        if (system is { Length: > MaxSourceSystemLength }) return Refused("sourceSystem", $"At most {MaxSourceSystemLength} characters.");
        var import = new LeadImport
        {
            FileName = LeadImportViews.FileName(fileName),
            UploadedByPersonId = personId,
            UploadedAt = journal.Now,
            SourceSystem = system,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.LeadImports.Add(import);
        await db.SaveChangesAsync(ct);
        var size = await LeadImportFiles.StoreAsync(db, import.Id, content, limit, ct);
        if (size is null) return RolledBack(db, "file", TooLarge(limit)) with { TooLarge = true };
        if (size == 0) return RolledBack(db, "file", "The file is empty.");
        import.TotalBytes = size.Value;
        LeadColumnPreview preview;
        try
        {
            using var read = await LeadCsvImport.OpenAsync(LeadImportFiles.Open(db, import.Id), new LeadImportOptions { SourceSystem = system }, ct);
            if (read.Columns.Header.Count == 0) return RolledBack(db, "file", "The file has no header row.");
            preview = await LeadImportViews.PreviewAsync(read, ct);
        }
        catch (LeadCsvFormatException e)
        {
            return RolledBack(db, "file", e.Message);
        }
        journal.Audit("leadImport.uploaded", "leadImport", import.Id, import.FileName);
        remember?.Invoke(import, preview);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new LeadImportUploadResult(import, preview, null);
    }

    /// <summary>
    /// Starts an uploaded import with <paramref name="mapping"/> (field → header; null keeps the stored one) and
    /// <paramref name="sourceSystem"/> (null keeps the stored one; empty clears it). Visibility first, then the version when given,
    /// the state, the mapping's shape, the mapping against the file.
    /// </summary>
    public static async Task<LeadImportStartResult> StartAsync(ValuewebDb db, Journal journal, JobQueue jobs, Guid id, long? version,
        IReadOnlyDictionary<string, string?>? mapping, string? sourceSystem, CancellationToken ct)
    {
        if (await db.LeadImports.FirstOrDefaultAsync(i => i.Id == id, ct) is not { } import) return new(LeadImportStartOutcome.NotFound);
        if (version is { } v && v != import.Version) return new(LeadImportStartOutcome.Stale, import);
        if (import.State != LeadImportState.Uploaded) return new(LeadImportStartOutcome.AlreadyStarted, import);
        mapping ??= LeadImportMapping.FromJson(import.Mapping);
        var errors = LeadImportMapping.Validate(mapping);
        var system = sourceSystem is null ? import.SourceSystem : LeadImportMapping.SourceSystem(sourceSystem);
        if (system is { Length: > MaxSourceSystemLength }) errors.Add("sourceSystem", $"At most {MaxSourceSystemLength} characters.");
        if (errors.Any) return new(LeadImportStartOutcome.Invalid, import, errors);
        using (var file = await LeadCsvImport.OpenAsync(LeadImportFiles.Open(db, import.Id), new LeadImportOptions { Mapping = mapping, SourceSystem = system }, ct))
        {
            errors = LeadImportMapping.Check(file.Columns);
            if (errors.Any) return new(LeadImportStartOutcome.Invalid, import, errors);
        }
        import.Mapping = LeadImportMapping.ToJson(mapping);
        import.SourceSystem = system;
        import.State = LeadImportState.Running;
        import.Version++;
        LeadImportJob.Enqueue(jobs, import.Id);
        journal.Audit("leadImport.started", "leadImport", import.Id, import.FileName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Started by someone else in the meantime (the version or the job's dedupe key).
            db.ChangeTracker.Clear();
            return new(LeadImportStartOutcome.AlreadyStarted, import);
        }
        return new(LeadImportStartOutcome.Started, import);
    }

    private static LeadImportUploadResult Refused(string field, string message) => new(null, null, new FieldErrors().Add(field, message));

    /// <summary>Nothing of the upload stays: the caller's transaction rolls back, and the context forgets the import it tracked.</summary>
    private static LeadImportUploadResult RolledBack(ValuewebDb db, string field, string message)
    {
        db.ChangeTracker.Clear();
        return Refused(field, message);
    }
}
