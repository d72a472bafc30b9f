using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads.Import;

public sealed record LeadImportStart(IReadOnlyDictionary<string, string?>? Mapping, string? SourceSystem);

/// <summary>
/// Lead files in through the API, the vendor's alone: upload (the file is kept, its columns previewed), start (with the user's
/// column mapping; the import job runs it), follow its progress, download the rows that were not imported.
/// </summary>
public static class LeadImportEndpoints
{
    /// <summary>Room for a multipart form's own lines around the file.</summary>
    private const long FormOverhead = 1024 * 1024;

    public static IEndpointRouteBuilder MapLeadImportEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<ValuewebOptions>>().Value.LeadImportMaxBytes;
        var group = app.MapGroup("/api/v1/lead-imports").WithTags("Lead imports").RequirePermission(Permission.ManageLeads);
        group.MapPost("/", Upload).WithMetadata(new RequestSizeLimitAttribute(limit + FormOverhead))
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.ContentLength > limit + FormOverhead ? TooLarge(limit) : await next(context))
            .WithIdempotency()
            .WithDescription("The lead file as the body (Content-Type text/csv) or as the field file of a multipart/form-data body; query fileName "
                + "and sourceSystem (optional). Answers the import with its column preview.")
            .Produces<LeadImportView>(201).ProducesValidationProblem().ProducesProblem(413);
        group.MapGet("/", List).Produces<Page<LeadImportView>>();
        group.MapGet("/{id}", Get).Produces<LeadImportView>().ProducesProblem(404);
        group.MapPost("/{id}/start", Start).Produces<LeadImportView>(202).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithDescription("Optional JSON body {mapping: {field: header}, sourceSystem}; optional If-Match.");
        group.MapGet("/{id}/errors", Errors).Produces(200, contentType: "text/csv").ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static IResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
        detail: $"Lead files of at most {limit / (1024 * 1024.0):0.#} MB can be uploaded; import a larger file with `valueweb import leads FILE`.");

    private static async Task<IResult> Upload(HttpRequest request, string? fileName, string? sourceSystem, ValuewebDb db, CurrentActor current, Journal journal,
        IdempotencyContext idem, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<ValuewebOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var limit = options.Value.LeadImportMaxBytes;
        var system = LeadImportMapping.SourceSystem(sourceSystem);
        if (system is { Length: > 40 }) return Problems.Invalid("sourceSystem", "At most 40 characters.");
        try
        {
            var (file, errors) = await LeadImportUpload.ReadAsync(request, ct);
            if (errors is not null) return Problems.Invalid(errors);
            var import = new LeadImport
            {
                FileName = LeadImportViews.FileName(fileName ?? file!.Name),
                UploadedByPersonId = current.Required.PersonId,
                UploadedAt = clock.GetUtcNow(),
                SourceSystem = system,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.LeadImports.Add(import);
            await db.SaveChangesAsync(ct);
            var size = await LeadImportFiles.StoreAsync(db, import.Id, file!.Content, limit, ct);
            if (size is null) return TooLarge(limit);
            if (size == 0) return Problems.Invalid("file", "The file is empty.");
            import.TotalBytes = size.Value;
            LeadColumnPreview preview;
            using (var read = await LeadCsvImport.OpenAsync(LeadImportFiles.Open(db, import.Id), new LeadImportOptions { SourceSystem = system }, ct))
            {
                if (read.Columns.Header.Count == 0) return Problems.Invalid("file", "The file has no header row.");
                preview = await LeadImportViews.PreviewAsync(read, ct);
            }
            journal.Audit("leadImport.uploaded", "leadImport", import.Id, import.FileName);
            var view = LeadImportViews.View(import, preview);
            Idempotency.Record(db, idem, clock.GetUtcNow(), StatusCodes.Status201Created, LeadImportViews.Location(import.Id),
                JsonSerializer.Serialize(view, json.Value.SerializerOptions));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (idem.Key is not null)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == idem.Key, ct);
                if (winner is null) throw;
                return Idempotency.Replay(winner, idem);
            }
            await tx.CommitAsync(ct);
            return TypedResults.Created(LeadImportViews.Location(import.Id), view);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            return Problems.Invalid("body", "Not a readable multipart/form-data body.");
        }
        catch (LeadCsvFormatException e)
        {
            return Problems.Invalid("file", e.Message);
        }
    }

    private static async Task<IResult> List(ValuewebDb db, int? limit, string? cursor, CancellationToken ct)
    {
        var q = Summaries(db);
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(i => i.Id.CompareTo(lastId) < 0);
        }
        var take = Paging.Limit(limit);
        var rows = await q.OrderByDescending(i => i.Id).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<LeadImportView>(rows.Take(take).Select(i => LeadImportViews.View(i)).ToList(), next));
    }

    private static async Task<IResult> Get(string id, ValuewebDb db, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var importId) || await Summaries(db).FirstOrDefaultAsync(i => i.Id == importId, ct) is not { } import) return Problems.NotFound();
        LeadColumnPreview? preview = null;
        if (import.State == LeadImportState.Uploaded)
        {
            using var read = await LeadCsvImport.OpenAsync(LeadImportFiles.Open(db, import.Id),
                new LeadImportOptions { Mapping = LeadImportMapping.FromJson(import.Mapping), SourceSystem = import.SourceSystem }, ct);
            preview = await LeadImportViews.PreviewAsync(read, ct);
        }
        http.Response.Headers.ETag = ETags.For(import.Version);
        return TypedResults.Ok(LeadImportViews.View(import, preview));
    }

    /// <summary>Visibility first (404), then the version when If-Match is sent (412), the state (409), the body and the mapping against the file (400).</summary>
    private static async Task<IResult> Start(string id, HttpRequest request, ValuewebDb db, Journal journal, JobQueue jobs, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var importId) || await db.LeadImports.FirstOrDefaultAsync(i => i.Id == importId, ct) is not { } import) return Problems.NotFound();
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && (!ETags.TryParse(ifMatch, out var version) || version != import.Version)) return Problems.PreconditionFailed();
        if (import.State != LeadImportState.Uploaded) return AlreadyStarted(import);
        LeadImportStart? body = null;
        if (request.ContentLength > 0 || (request.ContentLength is null && request.ContentType is not null))
        {
            var (read, invalid) = await JsonBody.ReadAsync<LeadImportStart>(request);
            if (invalid is not null) return Problems.Invalid(invalid);
            body = read;
        }
        var mapping = body?.Mapping ?? LeadImportMapping.FromJson(import.Mapping);
        var errors = LeadImportMapping.Validate(mapping);
        var system = body?.SourceSystem is { } named ? LeadImportMapping.SourceSystem(named) : import.SourceSystem;
        if (system is { Length: > 40 }) errors.Add("sourceSystem", "At most 40 characters.");
        if (errors.Any) return Problems.Invalid(errors);
        using (var file = await LeadCsvImport.OpenAsync(LeadImportFiles.Open(db, import.Id), new LeadImportOptions { Mapping = mapping, SourceSystem = system }, ct))
        {
            errors = LeadImportMapping.Check(file.Columns);
            if (errors.Any) return Problems.Invalid(errors);
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
            return AlreadyStarted(import);
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(import.Version);
        return TypedResults.Accepted(LeadImportViews.Location(import.Id), LeadImportViews.View(import));
    }

    private static IResult AlreadyStarted(LeadImport import) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already started",
        detail: $"The import is {LeadImportViews.StateName(import.State)}: upload the file again to import it again.");

    private static async Task<IResult> Errors(string id, ValuewebDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var importId)) return Problems.NotFound();
        var import = await db.LeadImports.AsNoTracking().Where(i => i.Id == importId).Select(i => new { i.FileName, i.State, i.ErrorReport }).FirstOrDefaultAsync(ct);
        if (import is null) return Problems.NotFound();
        if (import.State is not (LeadImportState.Done or LeadImportState.Failed))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not finished",
                detail: "The rows that were not imported are listed once the import has read the whole file.");
        var text = import.ErrorReport.Length > 0 ? import.ErrorReport : "line,reason\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(import.FileName) + ".errors.csv");
    }

    /// <summary>Imports without their error reports (which can be megabytes each).</summary>
    private static IQueryable<LeadImport> Summaries(ValuewebDb db) => db.LeadImports.AsNoTracking().Select(i => new LeadImport
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
