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
        detail: LeadImportSteps.TooLarge(limit));

    private static async Task<IResult> Upload(HttpRequest request, string? fileName, string? sourceSystem, ValuewebDb db, CurrentActor current, Journal journal,
        IdempotencyContext idem, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<ValuewebOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var limit = options.Value.LeadImportMaxBytes;
        try
        {
            var (file, errors) = await LeadImportUpload.ReadAsync(request, ct);
            if (errors is not null) return Problems.Invalid(errors);
            LeadImportUploadResult result;
            try
            {
                result = await LeadImportSteps.UploadAsync(db, journal, current.Required.PersonId, file!.Content, fileName ?? file.Name, sourceSystem, limit,
                    (import, preview) => Idempotency.Record(db, idem, clock.GetUtcNow(), StatusCodes.Status201Created, LeadImportViews.Location(import.Id),
                        JsonSerializer.Serialize(LeadImportViews.View(import, preview), json.Value.SerializerOptions)), ct);
            }
            catch (DbUpdateException) when (idem.Key is not null)
            {
                // Another request with the same key stored its import first: answer what it answered.
                db.ChangeTracker.Clear();
                var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == idem.Key, ct);
                if (winner is null) throw;
                return Idempotency.Replay(winner, idem);
            }
            if (result.TooLarge) return TooLarge(limit);
            if (result.Errors is { } refused) return Problems.Invalid(refused);
            var view = LeadImportViews.View(result.Import!, result.Preview);
            return TypedResults.Created(LeadImportViews.Location(view.Id), view);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            return Problems.Invalid("body", "Not a readable multipart/form-data body.");
        }
    }

    private static async Task<IResult> List(ValuewebDb db, int? limit, string? cursor, CancellationToken ct)
    {
        var q = LeadImportViews.Summaries(db);
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
        if (!Guid.TryParse(id, out var importId) || await LeadImportViews.Summaries(db).FirstOrDefaultAsync(i => i.Id == importId, ct) is not { } import) return Problems.NotFound();
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
        if (!Guid.TryParse(id, out var importId) || !await db.LeadImports.AnyAsync(i => i.Id == importId, ct)) return Problems.NotFound();
        long? version = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            if (!ETags.TryParse(ifMatch, out var v)) return Problems.PreconditionFailed();
            version = v;
        }
        LeadImportStart? body = null;
        if (request.ContentLength > 0 || (request.ContentLength is null && request.ContentType is not null))
        {
            var (read, invalid) = await JsonBody.ReadAsync<LeadImportStart>(request);
            if (invalid is not null) return Problems.Invalid(invalid);
            body = read;
        }
        var result = await LeadImportSteps.StartAsync(db, journal, jobs, importId, version, body?.Mapping, body?.SourceSystem, ct);
        switch (result.Outcome)
        {
            case LeadImportStartOutcome.NotFound: return Problems.NotFound();
            case LeadImportStartOutcome.Stale: return Problems.PreconditionFailed();
            case LeadImportStartOutcome.AlreadyStarted: return AlreadyStarted(result.Import!);
            case LeadImportStartOutcome.Invalid: return Problems.Invalid(result.Errors!);
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(result.Import!.Version);
        return TypedResults.Accepted(LeadImportViews.Location(importId), LeadImportViews.View(result.Import));
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
}
