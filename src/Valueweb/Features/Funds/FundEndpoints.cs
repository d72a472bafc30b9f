using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Files;

namespace Valueweb.Features.Funds;

public sealed record ActivityTag(Guid? FundRequestId);

/// <summary>
/// Market development funds through the API: vendor marketing keeps pools, budgets and themes and decides; partners
/// request and claim for their own company (another partner's request, claim or file answers 404, like a missing one).
/// </summary>
public static class FundEndpoints
{
    public static IEndpointRouteBuilder MapFundEndpoints(this IEndpointRouteBuilder app)
    {
        var pools = app.MapGroup("/api/v1/fund-pools").WithTags("Funds").RequirePermission(Permission.ManageFunds);
        pools.MapGet("/", async (FundViews views, CancellationToken ct) => TypedResults.Ok(await views.PoolsAsync(ct))).Produces<List<PoolView>>();
        pools.MapPost("/", async (HttpRequest request, FundPlanning planning, CancellationToken ct) =>
        {
            var (input, bodyErrors) = await JsonBody.ReadAsync<PoolInput>(request);
            if (bodyErrors is not null) return (IResult)Problems.Invalid(bodyErrors);
            var (pool, errors) = await planning.AddPoolAsync(input!, ct);
            return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/fund-pools/{pool!.Id}", FundViews.Pool(pool));
        }).WithIdempotency().Accepts<PoolInput>("application/json").Produces<PoolView>(201).ProducesValidationProblem();
        pools.MapPost("/{id}/budgets", async (string id, HttpRequest request, FundPlanning planning, FundViews views, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var pid)) return (IResult)Problems.NotFound();
            var (input, bodyErrors) = await JsonBody.ReadAsync<BudgetInput>(request);
            if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
            var (budget, result) = await planning.AllocateAsync(pid, input!, ct);
            return result.Outcome switch
            {
                CommandOutcome.NotFound => Problems.NotFound(),
                CommandOutcome.Invalid => Problems.Invalid(result.Errors!),
                _ => TypedResults.Ok((await views.BudgetsAsync(pid, budget!.PartnerId, ct)).Single()),
            };
        }).Accepts<BudgetInput>("application/json").Produces<BudgetView>().ProducesValidationProblem().ProducesProblem(404);

        app.MapGet("/api/v1/fund-budgets", async (FundViews views, Guid? poolId, CancellationToken ct) => TypedResults.Ok(await views.BudgetsAsync(poolId, null, ct)))
            .WithTags("Funds").RequirePermission(Permission.ReadFunds).Produces<List<BudgetView>>();

        var themes = app.MapGroup("/api/v1/campaign-themes").WithTags("Funds");
        themes.MapGet("/", async (FundViews views, CancellationToken ct) => TypedResults.Ok(await views.ThemesAsync(false, ct)))
            .RequirePermission(Permission.ReadFunds).Produces<List<ThemeView>>();
        themes.MapPost("/", async (HttpRequest request, FundPlanning planning, CancellationToken ct) => await SaveThemeAsync(request, planning, null, ct))
            .RequirePermission(Permission.ManageFunds).WithIdempotency().Accepts<ThemeInput>("application/json").Produces<ThemeView>(201).ProducesValidationProblem();
        themes.MapPut("/{id}", async (string id, HttpRequest request, FundPlanning planning, ValuewebDb db, CancellationToken ct) =>
            Guid.TryParse(id, out var tid) && await db.CampaignThemes.AnyAsync(t => t.Id == tid, ct) ? await SaveThemeAsync(request, planning, tid, ct) : Problems.NotFound())
            .RequirePermission(Permission.ManageFunds).Accepts<ThemeInput>("application/json").Produces<ThemeView>().ProducesValidationProblem().ProducesProblem(404);

        var requests = app.MapGroup("/api/v1/fund-requests").WithTags("Funds");
        requests.MapGet("/", async (FundViews views, string? status, Guid? partnerId, int? limit, string? cursor, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var s = FundViews.ParseRequestStatus(status);
            if (status is not null && s is null) errors.Add("status", "One of: submitted, approved, rejected, claimed, reimbursed.");
            var after = Paging.AfterId(cursor, errors);
            return errors.Any ? (IResult)Problems.Invalid(errors) : TypedResults.Ok(await views.RequestsAsync(s, partnerId, Paging.Limit(limit), after, ct));
        }).RequirePermission(Permission.ReadFunds).Produces<Page<FundRequestView>>();
        requests.MapPost("/", async (HttpRequest request, FundClaims funds, FundViews views, CancellationToken ct) =>
        {
            var (input, bodyErrors) = await JsonBody.ReadAsync<FundRequestInput>(request);
            if (bodyErrors is not null) return (IResult)Problems.Invalid(bodyErrors);
            var (created, result) = await funds.RequestAsync(input!, ct);
            if (result.Outcome == CommandOutcome.Invalid) return Problems.Invalid(result.Errors!);
            return TypedResults.Created($"/api/v1/fund-requests/{created!.Id}", await views.RequestAsync(created.Id, ct));
        }).RequirePermission(Permission.RequestFunds).WithIdempotency().Accepts<FundRequestInput>("application/json").Produces<FundRequestView>(201).ProducesValidationProblem();
        requests.MapGet("/{id}", async (string id, FundViews views, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var rid) || await views.RequestAsync(rid, ct) is not { } v) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(v.Version);
            return TypedResults.Ok(v);
        }).RequirePermission(Permission.ReadFunds).Produces<FundRequestView>().ProducesProblem(404);
        requests.MapPost("/{id}/decide", async (string id, HttpRequest request, FundClaims funds, FundViews views, ValuewebDb db, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var rid) || !await db.FundRequests.AnyAsync(r => r.Id == rid, ct)) return (IResult)Problems.NotFound();
            var header = request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
            var (input, bodyErrors) = await JsonBody.ReadAsync<FundDecisionInput>(request);
            if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
            var result = await funds.DecideRequestAsync(rid, ETags.TryParse(header, out var v) ? v : -1, input!, ct);
            return await AnswerAsync(result, request, () => views.RequestAsync(rid, ct), r => r.Version);
        }).RequirePermission(Permission.ManageFunds).Accepts<FundDecisionInput>("application/json").Produces<FundRequestView>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        requests.MapPost("/{id}/claims", Claim).RequirePermission(Permission.RequestFunds).WithIdempotency()
            .WithDescription("A multipart/form-data body: description, amount, currency, and up to five proof files in fields named files (each at most 10 MB; "
                + "PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, CSV or TXT, recognised by content).").Produces<FundClaimView>(201).ProducesValidationProblem().ProducesProblem(404);

        var claims = app.MapGroup("/api/v1/fund-claims").WithTags("Funds");
        claims.MapGet("/", async (FundViews views, string? status, int? limit, string? cursor, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            FundClaimStatus? s = status switch { null => null, "submitted" => FundClaimStatus.Submitted, "approved" => FundClaimStatus.Approved, "rejected" => FundClaimStatus.Rejected, _ => (FundClaimStatus)(-1) };
            if (s == (FundClaimStatus)(-1)) errors.Add("status", "One of: submitted, approved, rejected.");
            var after = Paging.AfterId(cursor, errors);
            return errors.Any ? (IResult)Problems.Invalid(errors) : TypedResults.Ok(await views.ClaimsAsync(s, Paging.Limit(limit), after, ct));
        }).RequirePermission(Permission.ReadFunds).Produces<Page<FundClaimView>>();
        claims.MapGet("/{id}", async (string id, FundViews views, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var cid) || await views.ClaimAsync(cid, ct) is not { } v) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(v.Version);
            return TypedResults.Ok(v);
        }).RequirePermission(Permission.ReadFunds).Produces<FundClaimView>().ProducesProblem(404);
        claims.MapPost("/{id}/decide", async (string id, HttpRequest request, FundClaims funds, FundViews views, ValuewebDb db, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var cid) || !await db.FundClaims.AnyAsync(c => c.Id == cid, ct)) return (IResult)Problems.NotFound();
            var header = request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
            var (input, bodyErrors) = await JsonBody.ReadAsync<FundDecisionInput>(request);
            if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
            var result = await funds.DecideClaimAsync(cid, ETags.TryParse(header, out var v) ? v : -1, input!, ct);
            return await AnswerAsync(result, request, () => views.ClaimAsync(cid, ct), c => c.Version);
        }).RequirePermission(Permission.ManageFunds).Accepts<FundDecisionInput>("application/json").Produces<FundClaimView>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        claims.MapGet("/{id}/files/{fileId}", Download).RequirePermission(Permission.ReadFunds).Produces(200).ProducesProblem(404);

        app.MapPut("/api/v1/deal-registrations/{id}/activity", TagRegistration).WithTags("Funds").RequirePermission(Permission.ReadFunds)
            .Accepts<ActivityTag>("application/json").Produces(204).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        app.MapPut("/api/v1/leads/{id}/activity", TagLead).WithTags("Funds").RequirePermission(Permission.ManageFunds)
            .Accepts<ActivityTag>("application/json").Produces(204).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        app.MapGet("/api/v1/fund-return", async (FundReturn report, CancellationToken ct) => TypedResults.Ok(await report.ByActivityAsync(ct)))
            .WithTags("Funds").RequirePermission(Permission.ManageFunds).Produces<List<ActivityReturn>>();
        return app;
    }


    private static async Task<IResult> SaveThemeAsync(HttpRequest request, FundPlanning planning, Guid? id, CancellationToken ct)
    {
        var (input, bodyErrors) = await JsonBody.ReadAsync<ThemeInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (theme, errors) = await planning.SaveThemeAsync(id, input!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (theme is null) return Problems.NotFound();
        var view = new ThemeView(theme.Id, theme.Name, theme.Description, theme.Active);
        return id is null ? TypedResults.Created($"/api/v1/campaign-themes/{theme.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> AnswerAsync<T>(CommandResult result, HttpRequest request, Func<Task<T?>> view, Func<T, long> version) where T : class
    {
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Conflict: return Problems.PreconditionRequired();
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
        }
        var v = await view();
        request.HttpContext.Response.Headers.ETag = ETags.For(version(v!));
        return TypedResults.Ok(v);
    }

    /// <summary>A claim as a multipart form: description, amount and currency, and up to five files in fields named files.</summary>
    private static async Task<IResult> Claim(string id, HttpRequest request, FundClaims funds, FundViews views, ValuewebDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var rid) || !await db.FundRequests.AnyAsync(r => r.Id == rid, ct)) return Problems.NotFound();
        if (!request.HasFormContentType) return Problems.Invalid("body", "Send the claim as multipart/form-data: description, amount, currency and the proof files in fields named files.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            return Problems.Invalid("files", "The form could not be read: " + e.Message);
        }
        var (proofs, amount) = await ReadClaimFormAsync(form, ct);
        var (claim, result) = await funds.ClaimAsync(rid, form["description"].ToString(), amount, proofs, ct);
        return result.Outcome switch
        {
            CommandOutcome.NotFound => Problems.NotFound(),
            CommandOutcome.Invalid => Problems.Invalid(result.Errors!),
            CommandOutcome.Stale => Problems.PreconditionFailed(),
            _ => TypedResults.Created($"/api/v1/fund-claims/{claim!.Id}", await views.ClaimAsync(claim.Id, ct)),
        };
    }

    /// <summary>The files and the amount of a claim form, as the API and the claim page both post it.</summary>
    public static async Task<(List<ProofFile> Files, MoneyValue? Amount)> ReadClaimFormAsync(IFormCollection form, CancellationToken ct)
    {
        var proofs = new List<ProofFile>();
        foreach (var file in form.Files.Where(f => f.Length > 0).Take(FundClaims.MaxFiles + 1))
        {
            await using var stream = file.OpenReadStream();
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            proofs.Add(new ProofFile(file.FileName, buffer.ToArray()));
        }
        var text = form["amount"].ToString();
        MoneyValue? amount = text.Length == 0 ? null
            : new MoneyValue(decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null, form["currency"].ToString());
        return (proofs, amount);
    }

    /// <summary>Proofs are served only as downloads, with the type sniffed when they were stored, never inline.</summary>
    private static async Task<IResult> Download(string id, string fileId, ValuewebDb db, IFileStore files, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var cid) || !Guid.TryParse(fileId, out var fid)) return Problems.NotFound();
        // The claim's file as the caller sees it (the tenant filter), then the stored file by its id.
        var attached = await db.FundClaimFiles.AsNoTracking().AnyAsync(f => f.ClaimId == cid && f.FileId == fid, ct);
        var file = attached ? await db.StoredFiles.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().FirstOrDefaultAsync(s => s.Id == fid, ct) : null;
        if (file is null || await files.ReadAsync(file.Id, ct) is not { } content) return Problems.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, file.ContentType.StartsWith("text/", StringComparison.Ordinal) ? "text/plain; charset=utf-8" : file.ContentType, file.Name);
    }

    /// <summary>A partner tags its own registration with one of its own activities; the vendor tags any, with an activity of the registration's partner.</summary>
    private static async Task<IResult> TagRegistration(string id, HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var rid) || await db.DealRegistrations.FirstOrDefaultAsync(r => r.Id == rid, ct) is not { } r) return Problems.NotFound();
        var actor = current.Required;
        if (!actor.IsVendor && r.PartnerId != actor.OrganisationId) return Problems.NotFound();
        var allowed = actor.IsVendor ? actor.May(Permission.ManageFunds) || actor.May(Permission.DecideDeals) : actor.May(Permission.RegisterDeals) || actor.May(Permission.RequestFunds);
        if (!allowed) return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role may not tag registrations.");
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (input, bodyErrors) = await JsonBody.ReadAsync<ActivityTag>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        if (input!.FundRequestId is { } fr && !await db.FundRequests.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                .AnyAsync(x => x.Id == fr && x.PartnerId == r.PartnerId && x.Status != FundRequestStatus.Submitted && x.Status != FundRequestStatus.Rejected, ct))
            return Problems.Invalid("fundRequestId", "Not an approved activity of the registration's partner.");
        if (!ETags.TryParse(header, out var version) || version != r.Version) return Problems.PreconditionFailed();
        r.FundRequestId = input.FundRequestId;
        r.Version++;
        journal.Audit("dealRegistration.activityTagged", "dealRegistration", r.Id, input.FundRequestId?.ToString() ?? "none");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TagLead(string id, HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var lid) || await db.Leads.FirstOrDefaultAsync(l => l.Id == lid, ct) is not { } lead) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (input, bodyErrors) = await JsonBody.ReadAsync<ActivityTag>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        if (input!.FundRequestId is { } fr && !await db.FundRequests.AnyAsync(x => x.Id == fr && x.Status != FundRequestStatus.Submitted && x.Status != FundRequestStatus.Rejected, ct))
            return Problems.Invalid("fundRequestId", "Not an approved activity.");
        if (!ETags.TryParse(header, out var version) || version != lead.Version) return Problems.PreconditionFailed();
        lead.FundRequestId = input.FundRequestId;
        lead.Version++;
        journal.Audit("lead.activityTagged", "lead", lead.Id, input.FundRequestId?.ToString() ?? "none");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
