using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Partners;

public sealed record TransitionRequest(string? Reason);

public sealed record HistoryEntry(string Type, DateTimeOffset At, string? Actor, string Data);

public static class PartnerWriteEndpoints
{
    public static IEndpointRouteBuilder MapPartnerWriteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/partners/{id}").WithTags("Partners");
        group.MapPatch("/", UpdateProfile).RequirePermission(Permission.ReadPartners)
            .Accepts<PartnerProfileChange>("application/json").Produces<PartnerDetail>().ProducesValidationProblem()
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        foreach (var t in new[] { PartnerTransition.Approve, PartnerTransition.Reject, PartnerTransition.Suspend, PartnerTransition.Reactivate, PartnerTransition.Offboard })
        {
            var permission = t is PartnerTransition.Approve or PartnerTransition.Reject ? Permission.ReviewApplications : Permission.ManagePartners;
            group.MapPost("/" + t.ToString().ToLowerInvariant(), (string id, HttpRequest request, PartnerCommands commands, ValuewebDb db, CancellationToken ct) =>
                    Transition(id, t, request, commands, db, ct))
                .RequirePermission(permission)
                .Accepts<TransitionRequest>("application/json").Produces<PartnerDetail>().ProducesValidationProblem()
                .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        }
        group.MapGet("/history", History).RequirePermission(Permission.ReadPartners);
        return app;
    }

    private static async Task<IResult> UpdateProfile(string id, HttpRequest request, PartnerCommands commands, ValuewebDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var partnerId) || !await Visible(db, partnerId, ct)) return Problems.NotFound();
        var (change, errors) = await JsonBody.ReadAsync<PartnerProfileChange>(request);
        var version = IfMatch(request);
        if (errors is not null)
        {
            if (version.Missing) return Problems.PreconditionRequired();
            return Problems.Invalid(errors);
        }
        var result = await commands.UpdateProfileAsync(partnerId, version.Value, change!, ct);
        return await Answer(result, partnerId, db, request.HttpContext, ct);
    }

    private static async Task<IResult> Transition(string id, PartnerTransition t, HttpRequest request, PartnerCommands commands, ValuewebDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var partnerId) || !await Visible(db, partnerId, ct)) return Problems.NotFound();
        var version = IfMatch(request);
        TransitionRequest? body = new(null);
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            (body, var errors) = await JsonBody.ReadAsync<TransitionRequest>(request);
            if (errors is not null) return version.Missing ? Problems.PreconditionRequired() : Problems.Invalid(errors);
        }
        var result = await commands.TransitionAsync(partnerId, version.Value, t, body!.Reason, ct);
        return await Answer(result, partnerId, db, request.HttpContext, ct);
    }

    private static Task<bool> Visible(ValuewebDb db, Guid id, CancellationToken ct) =>
        db.Organisations.AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Partner, ct);

    private static (long? Value, bool Missing) IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return (null, true);
        return ETags.TryParse(header, out var v) ? (v, false) : (-1, false);
    }

    private static async Task<IResult> Answer(CommandResult result, Guid id, ValuewebDb db, HttpContext http, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Forbidden:
                return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role does not allow this change.");
            case CommandOutcome.Conflict: return Problems.PreconditionRequired();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
        }
        db.ChangeTracker.Clear();
        var actor = http.RequestServices.GetRequiredService<CurrentActor>().Required;
        var found = await PartnerViews.DetailAsync(db, id, actor.IsVendor, ct);
        http.Response.Headers.ETag = ETags.For(result.Version);
        return TypedResults.Ok(found!.Value.Detail);
    }

    private static async Task<IResult> History(string id, ValuewebDb db, CurrentActor current, int? limit, string? cursor, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var partnerId) || !await Visible(db, partnerId, ct)) return Problems.NotFound();
        var take = Paging.Limit(limit);
        var q = db.Events.Where(e => e.SubjectType == "partner" && e.SubjectId == partnerId);
        if (!current.Required.IsVendor) q = q.Where(e => e.Audience.Any(a => a.OrganisationId == current.Required.OrganisationId));
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(e => e.Id.CompareTo(lastId) < 0);
        }
        var rows = await q.OrderByDescending(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.Type, e.OccurredAt, e.ActorPersonId, e.Data }).ToListAsync(ct);
        var actorIds = rows.Where(r => r.ActorPersonId != null).Select(r => r.ActorPersonId!.Value).Distinct().ToList();
        var names = await db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => actorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var items = rows.Take(take).Select(r => new HistoryEntry(r.Type, r.OccurredAt, r.ActorPersonId is { } a && names.TryGetValue(a, out var n) ? n : null, r.Data)).ToList();
        var next = rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<HistoryEntry>(items, next));
    }
}
