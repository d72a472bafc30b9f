using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>The vendor's hand on a lead: route it again, hand it to direct sales, withdraw it from its partner.</summary>
public static class LeadDeskEndpoints
{
    public static IEndpointRouteBuilder MapLeadDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/leads").WithTags("Leads");
        Action(group, "route", (d, id, v, _, ct) => d.RouteAgainAsync(id, v, ct));
        Action(group, "direct-sales", (d, id, v, _, ct) => d.ToDirectSalesAsync(id, v, ct));
        Action(group, "withdraw", async (d, id, v, req, ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<WithdrawRequest>(req);
            return errors is not null ? CommandResult.Invalid(errors) : await d.WithdrawAsync(id, v, body!.Reason, ct);
        });
        return app;
    }

    private delegate Task<CommandResult> DeskAction(LeadDesk desk, Guid id, long? version, HttpRequest request, CancellationToken ct);

    private static void Action(RouteGroupBuilder group, string name, DeskAction action) =>
        group.MapPost("/{id}/" + name, async Task<IResult> (string id, HttpRequest request, LeadDesk desk, LeadViews views, Data.ValuewebDb db, LeadRouter router, CancellationToken ct) =>
            {
                if (!Guid.TryParse(id, out var leadId)) return Problems.NotFound();
                var header = request.Headers.IfMatch.ToString();
                if (string.IsNullOrWhiteSpace(header))
                    return await views.DetailAsync(leadId, ct) is null ? Problems.NotFound() : Problems.PreconditionRequired();
                var version = ETags.TryParse(header, out var v) ? v : -1;
                var result = await LeadLoads.RetryOnLockConflictAsync(db, router, request, () => action(desk, leadId, version, request, ct));
                return await LeadCommand.AnswerAsync(result, leadId, views, request, "Only the vendor's lead managers may do this.", ct);
            })
            .RequirePermission(Permission.ManageLeads).Produces<LeadDetail>().ProducesValidationProblem()
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
}
