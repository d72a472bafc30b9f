using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>Reading leads and working them: list, detail, routing explanation, history; accept, decline, progress.</summary>
public static class LeadEndpoints
{
    public static IEndpointRouteBuilder MapLeadEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/leads").WithTags("Leads");
        group.MapGet("/", List).RequirePermission(Permission.ReadLeads).Produces<Page<LeadSummary>>();
        group.MapGet("/funnel", Funnel).RequirePermission(Permission.ManageLeads).Produces<FunnelReport>().ProducesValidationProblem();
        group.MapGet("/{id}", Get).RequirePermission(Permission.ReadLeads).Produces<LeadDetail>().ProducesProblem(404);
        group.MapGet("/{id}/routing", Routing).RequirePermission(Permission.ReadLeads).ProducesProblem(404);
        group.MapGet("/{id}/history", History).RequirePermission(Permission.ReadLeads).ProducesProblem(404);

        Action(group, "accept", (w, id, v, _, ct) => w.AcceptAsync(id, v, ct));
        Action(group, "decline", async (w, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<DeclineRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await w.DeclineAsync(id, v, body!.Reason, ct);
        });
        Action(group, "progress", async (w, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ProgressRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await w.ProgressAsync(id, v, body!, ct);
        });
        return app;
    }

    private delegate Task<CommandResult> LeadAction(LeadWork work, Guid id, long? version, HttpRequest request, CancellationToken ct);

    /// <summary>A partner's answer: visibility first (404), then who may (403), If-Match (428), then the body (400) and the version (412).</summary>
    private static void Action(RouteGroupBuilder group, string name, LeadAction action) =>
        group.MapPost("/{id}/" + name, async (string id, HttpRequest request, LeadWork work, LeadViews views, ValuewebDb db, CurrentActor current, LeadRouter router, CancellationToken ct) =>
            {
                if (!Guid.TryParse(id, out var leadId)) return Problems.NotFound();
                var holder = await db.Leads.Where(l => l.Id == leadId).Select(l => new { l.PartnerId }).FirstOrDefaultAsync(ct);
                if (holder is null) return Problems.NotFound();
                if (holder.PartnerId != current.Required.OrganisationId)
                    return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only the partner the lead is offered to may do this.");
                var header = request.Headers.IfMatch.ToString();
                if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
                var version = ETags.TryParse(header, out var v) ? v : -1;
                var result = await LeadLoads.RetryOnLockConflictAsync(db, router, request, () => action(work, leadId, version, request, ct));
                // A declined lead is no longer the partner's business: it answers 204 and the lead is gone from its view.
                return await LeadCommand.AnswerAsync(result, leadId, views, request, "Your role may not answer leads.", ct);
            })
            .RequirePermission(Permission.WorkLeads).Produces<LeadDetail>().Produces(204).ProducesValidationProblem()
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

    private static async Task<IResult> List(LeadViews views, string? status, Guid? partnerId, bool? redFlag, string? source, string? q, int? limit, string? cursor,
        CancellationToken ct)
    {
        if (status is not null && LeadViews.ParseStatus(status) is null)
            return Problems.Invalid("status", "One of: " + string.Join(", ", Enum.GetValues<LeadStatus>().Select(LeadViews.StatusName)) + ".");
        Guid? after = null;
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            after = lastId;
        }
        return TypedResults.Ok(await views.ListAsync(new LeadFilter(status, partnerId, redFlag, source, q), Paging.Limit(limit), after, ct));
    }

    private static async Task<IResult> Funnel(LeadFunnel funnel, string? groupBy, CancellationToken ct)
    {
        var by = groupBy ?? "partner";
        if (!LeadFunnel.Groupings.Contains(by)) return Problems.Invalid("groupBy", "One of: " + string.Join(", ", LeadFunnel.Groupings) + ".");
        return TypedResults.Ok(await funnel.ReportAsync(by, ct));
    }

    private static async Task<IResult> Get(string id, LeadViews views, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var leadId) || await views.DetailAsync(leadId, ct) is not { } detail) return Problems.NotFound();
        http.Response.Headers.ETag = ETags.For(detail.Version);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> Routing(string id, LeadViews views, CancellationToken ct) =>
        Guid.TryParse(id, out var leadId) && await views.RoutingAsync(leadId, ct) is { } routing ? TypedResults.Ok(routing) : Problems.NotFound();

    private static async Task<IResult> History(string id, ValuewebDb db, CurrentActor current, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var leadId) || !await db.Leads.AnyAsync(l => l.Id == leadId, ct)) return Problems.NotFound();
        var q = db.Events.Where(e => e.SubjectType == "lead" && e.SubjectId == leadId);
        if (!current.Required.IsVendor) q = q.Where(e => e.Audience.Any(a => a.OrganisationId == current.Required.OrganisationId));
        var rows = await q.OrderBy(e => e.Id).Take(200).Select(e => new { e.Type, e.OccurredAt, e.Data }).ToListAsync(ct);
        // A partner gets what happened and when; the details (rounds, reasons) are the vendor's.
        var vendor = current.Required.IsVendor;
        return TypedResults.Ok(new { items = rows.Select(r => new { type = r.Type, occurredAt = r.OccurredAt, data = System.Text.Json.JsonDocument.Parse(vendor ? r.Data : "{}").RootElement }) });
    }
}
