using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record CheckedConflict(string Kind, double Score, string Reason, IReadOnlyList<Guid> ProductLineIds, string? Status, DateTimeOffset? ProtectedUntil);

public sealed record CheckResult(IReadOnlyList<CheckedConflict> Conflicts);

public static class DealEndpoints
{
    public static IEndpointRouteBuilder MapDealEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deal-registrations").WithTags("Deal registration");
        group.MapGet("/", List).RequirePermission(Permission.ReadDeals).Produces<Page<DealSummary>>();
        group.MapPost("/", Register).RequirePermission(Permission.RegisterDeals).WithIdempotency()
            .Accepts<RegistrationRequest>("application/json").Produces<DealDetail>(201).ProducesValidationProblem().ProducesProblem(409);
        group.MapPost("/check", Check).RequirePermission(Permission.RegisterDeals)
            .Accepts<RegistrationRequest>("application/json").Produces<CheckResult>().ProducesValidationProblem();
        group.MapGet("/{id}", Get).RequirePermission(Permission.ReadDeals).Produces<DealDetail>().ProducesProblem(404);
        group.MapGet("/{id}/history", History).RequirePermission(Permission.ReadDeals).Produces<Page<HistoryEntry>>().ProducesProblem(404);

        Action(group, "approve", Permission.DecideDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await OptionalBodyAsync<DecisionRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.ApproveAsync(id, v, body?.Reason, ct);
        });
        Action(group, "reject", Permission.DecideDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<DecisionRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.RejectAsync(id, v, body!.Reason, ct);
        });
        Action(group, "reassign", Permission.DecideDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ReassignRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.ReassignAsync(id, v, body!, ct);
        });
        Action(group, "extend", Permission.RegisterDeals, (d, id, v, _, ct) => d.ExtendAsync(id, v, ct));
        Action(group, "stage", Permission.RegisterDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<StageRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.ChangeStageAsync(id, v, body!.Stage, ct);
        });
        Action(group, "won", Permission.RegisterDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<WonRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.WinAsync(id, v, body!, ct);
        });
        Action(group, "lost", Permission.RegisterDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<DecisionRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.LoseAsync(id, v, body!.Reason, ct);
        });
        Action(group, "reverse", Permission.DecideDeals, async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<DecisionRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.ReverseAsync(id, v, body!.Reason, ct);
        });
        return app;
    }

    private delegate Task<CommandResult> DealAction(DealDecisions decisions, Guid id, long? version, HttpRequest request, CancellationToken ct);

    /// <summary>Who acts on a registration: the vendor's channel managers, or its owning partner.</summary>
    private enum Side { Vendor, Owner }

    /// <summary>A state change: visibility first (404), then who may (403), If-Match (428), then the body (400) and the version (412).</summary>
    private static void Action(RouteGroupBuilder group, string name, Permission permission, DealAction action)
    {
        var side = permission == Permission.DecideDeals ? Side.Vendor : Side.Owner;
        group.MapPost("/{id}/" + name, async (string id, HttpRequest request, DealDecisions decisions, DealViews views, ValuewebDb db, CurrentActor current, CancellationToken ct) =>
            {
                if (!Guid.TryParse(id, out var dealId)) return Problems.NotFound();
                var owner = await db.DealRegistrations.Where(r => r.Id == dealId).Select(r => (Guid?)r.PartnerId).FirstOrDefaultAsync(ct);
                if (owner is null) return Problems.NotFound();
                var actor = current.Required;
                if (side == Side.Vendor ? !actor.IsVendor : owner != actor.OrganisationId)
                    return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only the registration's own partner may do this.");
                var header = request.Headers.IfMatch.ToString();
                if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
                var result = await action(decisions, dealId, ETags.TryParse(header, out var v) ? v : -1, request, ct);
                return await AnswerAsync(result, dealId, views, request.HttpContext, ct);
            })
            .RequirePermission(permission).Produces<DealDetail>().ProducesValidationProblem()
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    private static async Task<(T? Value, FieldErrors? Errors)> OptionalBodyAsync<T>(HttpRequest request) where T : class =>
        request.ContentLength is > 0 || request.ContentType is not null ? await JsonBody.ReadAsync<T>(request) : (null, null);

    private static async Task<IResult> AnswerAsync(CommandResult result, Guid id, DealViews views, HttpContext http, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Forbidden:
                return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role or company may not do this to this registration.");
            case CommandOutcome.Conflict: return Problems.PreconditionRequired();
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
        }
        var detail = await views.DetailAsync(id, ct);
        if (detail is null) return Problems.NotFound(); // reassigned away from a caller without a grant
        http.Response.Headers.ETag = ETags.For(detail.Version);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> List(DealViews views, string? status, bool? inConflict, Guid? partnerId, string? q, int? limit, string? cursor, CancellationToken ct)
    {
        if (status is not null && DealViews.ParseStatus(status) is null)
            return Problems.Invalid("status", "One of: " + string.Join(", ", Enum.GetValues<DealStatus>().Select(DealViews.StatusName)) + ".");
        Guid? after = null;
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            after = lastId;
        }
        return TypedResults.Ok(await views.ListAsync(new DealFilter(status, inConflict, partnerId, q), Paging.Limit(limit), after, ct));
    }

    private static async Task<IResult> Get(string id, DealViews views, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var dealId) || await views.DetailAsync(dealId, ct) is not { } detail) return Problems.NotFound();
        http.Response.Headers.ETag = ETags.For(detail.Version);
        return TypedResults.Ok(detail);
    }

    private static async Task<(ValidRegistration? Valid, DealReferenceData Rules, IResult? Problem)> ReadRegistrationAsync(
        HttpRequest request, ValuewebDb db, DealRegistering registering, CurrentActor current, TimeProvider clock, CancellationToken ct)
    {
        var rules = await DealReferenceData.GetAsync(db, ct);
        if (current.Required.OrganisationStatus != OrganisationStatus.Active)
            return (null, rules, TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your company registers deals once it is an active partner."));
        var (body, errors) = await JsonBody.ReadAsync<RegistrationRequest>(request);
        if (errors is not null) return (null, rules, Problems.Invalid(errors));
        errors = new FieldErrors();
        var valid = RegistrationValidation.Validate(body!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
        if (valid is not null) await registering.ValidateReferencesAsync(valid, rules, errors, ct);
        return errors.Any ? (null, rules, Problems.Invalid(errors)) : (valid, rules, null);
    }

    private static async Task<IResult> Register(HttpRequest request, ValuewebDb db, DealRegistering registering, CurrentActor current, IdempotencyContext idem,
        TimeProvider clock, CancellationToken ct)
    {
        var (valid, rules, problem) = await ReadRegistrationAsync(request, db, registering, current, clock, ct);
        if (problem is not null) return problem;
        var outcome = await registering.RegisterAsync(valid!, rules, ct);
        if (outcome.Replay is { } replay) return Idempotency.Replay(replay, idem);
        if (outcome.RefusedFor is { } own)
            return TypedResults.Problem(statusCode: 409, title: "Already registered by your company",
                detail: "Your company has an open registration of this customer for these product lines; the program does not accept a second one.",
                extensions: new Dictionary<string, object?> { ["conflicts"] = own.Select(c => new { kind = "ownDuplicate", registrationId = c.OtherId }).ToList() });
        request.HttpContext.Response.Headers.Location = DealViews.Location(outcome.Id!.Value);
        return Results.Text(outcome.Body, "application/json; charset=utf-8", statusCode: 201);
    }

    private static async Task<IResult> Check(HttpRequest request, ValuewebDb db, DealRegistering registering, ConflictDetector detector, CurrentActor current,
        TimeProvider clock, CancellationToken ct)
    {
        var (valid, rules, problem) = await ReadRegistrationAsync(request, db, registering, current, clock, ct);
        if (problem is not null) return problem;
        var detection = await detector.DetectAsync(valid!.Customer, valid.ProductLineIds, current.Required.OrganisationId, rules.Rules.Program.ConflictThreshold, null, ct);
        var names = rules.NamesOf(valid.ProductLineIds);
        return TypedResults.Ok(new CheckResult(detection.Conflicts.Select(c => new CheckedConflict(
            ConflictWording.KindName(c.Kind), Math.Round(c.Score, 3), ConflictWording.Describe(c, names), c.ProductLineIds,
            c.OtherStatus is { } s ? DealViews.StatusName(s) : null, c.ProtectedUntil)).ToList()));
    }

    private static async Task<IResult> History(string id, ValuewebDb db, CurrentActor current, int? limit, string? cursor, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var dealId) || !await db.DealRegistrations.AnyAsync(r => r.Id == dealId, ct)) return Problems.NotFound();
        var take = Paging.Limit(limit);
        var q = db.Events.Where(e => e.SubjectType == "dealRegistration" && e.SubjectId == dealId);
        if (!current.Required.IsVendor) q = q.Where(e => e.Audience.Any(a => a.OrganisationId == current.Required.OrganisationId));
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(e => e.Id.CompareTo(lastId) < 0);
        }
        var rows = await q.OrderByDescending(e => e.Id).Take(take + 1).Select(e => new { e.Id, e.Type, e.OccurredAt, e.ActorPersonId, e.Data }).ToListAsync(ct);
        var actorIds = rows.Where(r => r.ActorPersonId != null).Select(r => r.ActorPersonId!.Value).Distinct().ToList();
        var names = await db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => actorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var items = rows.Take(take).Select(r => new HistoryEntry(r.Type, r.OccurredAt, r.ActorPersonId is { } a && names.TryGetValue(a, out var n) ? n : null, r.Data)).ToList();
        return TypedResults.Ok(new Page<HistoryEntry>(items, rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null));
    }
}
