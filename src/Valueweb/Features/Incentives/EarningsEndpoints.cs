using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record RecalculationInput(Guid? RegistrationId);

public sealed record RecalculationResult(Guid RegistrationId, int Created);

/// <summary>
/// Earnings: accrual lines with their explanations, statements by period, disputes and their answers. A partner reads its
/// own (another partner's line or dispute answers 404, like a missing one); the vendor reads every partner's.
/// </summary>
public static class EarningsEndpoints
{
    public static IEndpointRouteBuilder MapEarningsEndpoints(this IEndpointRouteBuilder app)
    {
        var accruals = app.MapGroup("/api/v1/accruals").WithTags("Incentives");
        accruals.MapGet("/", ListLines).RequirePermission(Permission.ReadEarnings).Produces<Page<AccrualView>>().ProducesValidationProblem();
        accruals.MapGet("/{id}", async (string id, EarningsViews views, CancellationToken ct) =>
            Guid.TryParse(id, out var aid) && await views.DetailAsync(aid, ct) is { } v ? (IResult)TypedResults.Ok(v) : Problems.NotFound())
            .RequirePermission(Permission.ReadEarnings).Produces<AccrualView>().ProducesProblem(404);
        accruals.MapPost("/{id}/disputes", OpenDispute).RequirePermission(Permission.DisputeEarnings).WithIdempotency()
            .Accepts<DisputeInput>("application/json").Produces<DisputeView>(201).ProducesValidationProblem().ProducesProblem(404);
        accruals.MapPost("/recalculate", Recalculate).RequirePermission(Permission.ManagePayouts)
            .Accepts<RecalculationInput>("application/json").Produces<RecalculationResult>().ProducesValidationProblem();

        app.MapGet("/api/v1/statements/{period}", Statement).WithTags("Incentives").RequirePermission(Permission.ReadEarnings)
            .Produces<StatementView>().ProducesValidationProblem().ProducesProblem(404);

        var disputes = app.MapGroup("/api/v1/disputes").WithTags("Incentives");
        disputes.MapGet("/", ListDisputes).RequirePermission(Permission.ReadEarnings).Produces<Page<DisputeView>>().ProducesValidationProblem();
        disputes.MapGet("/{id}", async (string id, EarningsViews views, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var did) || await views.DisputeAsync(did, ct) is not { } v) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(v.Version);
            return TypedResults.Ok(v);
        }).RequirePermission(Permission.ReadEarnings).Produces<DisputeView>().ProducesProblem(404);
        disputes.MapPost("/{id}/resolve", Resolve).RequirePermission(Permission.ManagePayouts)
            .Accepts<ResolutionInput>("application/json").Produces<DisputeView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> ListLines(EarningsViews views, CurrentActor current, string? period, Guid? partnerId, string? status, Guid? registrationId,
        int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (period is not null && !Payouts.IsPeriod(period)) errors.Add("period", "A month as YYYY-MM, such as 2026-11.");
        if (status is not null && status != "disputed" && EarningsViews.ParseStatus(status) is null) errors.Add("status", "One of: accrued, approved, paid, disputed.");
        var after = Paging.AfterId(cursor, errors);
        if (errors.Any) return Problems.Invalid(errors);
        return TypedResults.Ok(await views.ListAsync(new AccrualFilter(period, partnerId, status, registrationId), Paging.Limit(limit), after, ct));
    }

    private static async Task<IResult> Statement(string period, Guid? partnerId, EarningsViews views, CurrentActor current, CancellationToken ct)
    {
        var actor = current.Required;
        var partner = actor.IsVendor ? partnerId : actor.OrganisationId;
        if (!actor.IsVendor && partnerId is { } asked && asked != actor.OrganisationId) return Problems.NotFound();
        var errors = new FieldErrors();
        if (!Payouts.IsPeriod(period)) errors.Add("period", "A month as YYYY-MM, such as 2026-11.");
        if (partner is null) errors.Add("partnerId", "Required: whose statement.");
        if (errors.Any) return Problems.Invalid(errors);
        return await views.StatementAsync(partner!.Value, period, ct) is { } s ? TypedResults.Ok(s) : Problems.NotFound();
    }

    private static async Task<IResult> OpenDispute(string id, HttpRequest request, Disputes disputes, EarningsViews views, ValuewebDb db, IdempotencyContext idem,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var aid) || !await db.Accruals.AnyAsync(a => a.Id == aid, ct)) return Problems.NotFound();
        var (input, bodyErrors) = await JsonBody.ReadAsync<DisputeInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (result, disputeId) = await disputes.OpenAsync(aid, input!, ct);
        if (result.Outcome == CommandOutcome.NotFound) return Problems.NotFound();
        if (result.Outcome == CommandOutcome.Invalid) return Problems.Invalid(result.Errors!);
        var view = await views.DisputeAsync(disputeId!.Value, ct);
        var location = $"/api/v1/disputes/{disputeId}";
        if (idem.Key is null) return TypedResults.Created(location, view);
        return await db.CommitCreatedAsync(idem, json, clock, location, view, ct);
    }

    private static async Task<IResult> ListDisputes(EarningsViews views, string? status, Guid? accrualId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        DisputeStatus? s = status switch { null => null, "open" => DisputeStatus.Open, "upheld" => DisputeStatus.Upheld, "rejected" => DisputeStatus.Rejected, _ => (DisputeStatus)(-1) };
        if (s == (DisputeStatus)(-1)) errors.Add("status", "One of: open, upheld, rejected.");
        var after = Paging.AfterId(cursor, errors);
        if (errors.Any) return Problems.Invalid(errors);
        return TypedResults.Ok(await views.DisputesAsync(s, accrualId, Paging.Limit(limit), after, ct));
    }

    private static async Task<IResult> Resolve(string id, HttpRequest request, Disputes disputes, EarningsViews views, ValuewebDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var did) || !await db.AccrualDisputes.AnyAsync(d => d.Id == did, ct)) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (input, bodyErrors) = await JsonBody.ReadAsync<ResolutionInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var result = await disputes.ResolveAsync(did, ETags.TryParse(header, out var v) ? v : -1, input!, ct);
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
        }
        var view = await views.DisputeAsync(did, ct);
        request.HttpContext.Response.Headers.ETag = ETags.For(view!.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> Recalculate(HttpRequest request, ValuewebDb db, AccrualBook book, Journal journal, CancellationToken ct)
    {
        var (input, bodyErrors) = await JsonBody.ReadAsync<RecalculationInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        if (input!.RegistrationId is not { } rid) return Problems.Invalid("registrationId", "Required.");
        var r = await db.DealRegistrations.FirstOrDefaultAsync(x => x.Id == rid, ct);
        if (r is null) return Problems.Invalid("registrationId", "No such registration.");
        if (r.Status != Deals.DealStatus.Won) return Problems.Invalid("registrationId", "Only a won deal accrues.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await book.OnWonAsync(r, ct);
        journal.Audit("accrual.recalculated", "dealRegistration", r.Id, $"{created} new lines");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new RecalculationResult(r.Id, created));
    }
}
