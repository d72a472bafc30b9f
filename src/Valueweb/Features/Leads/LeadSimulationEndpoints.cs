using System.Text.Json;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>Proposed lead rules to try: either part left out is the saved one; <see cref="Limit"/> recent leads (at most 10,000).</summary>
public sealed record LeadSimulationRequest(JsonElement? Routing, JsonElement? Qualification, int? Limit);

/// <summary>
/// <c>POST /api/v1/lead-settings/simulate</c>: replays recent leads under the saved and the proposed rules and answers
/// how the distribution would change. Assigns nothing and stores nothing, so it is not idempotency-keyed.
/// </summary>
public static class LeadSimulationEndpoints
{
    public static IEndpointRouteBuilder MapLeadSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/lead-settings/simulate", Simulate).WithTags("Leads").RequirePermission(Permission.ManageLeads)
            .Accepts<LeadSimulationRequest>("application/json").Produces<SimulationResult>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> Simulate(HttpRequest request, ValuewebDb db, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<LeadSimulationRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var saved = await LeadSettingsStore.LoadAsync(db, ct);
        var errors = new FieldErrors();
        var (proposed, limit) = Read(body!, saved, errors);
        if (proposed is null) return Problems.Invalid(errors);
        var leads = await RoutingSimulationData.RecentAsync(db, limit, ct);
        var simulation = await RoutingSimulationData.SimulationAsync(db, saved, clock, ct);
        return TypedResults.Ok(simulation.Run(leads, new LeadRuleSet(saved.Qualification, saved.Routing), proposed));
    }

    /// <summary>The proposed rules (the saved ones where the request leaves a part out), checked as a save would check them.</summary>
    public static (LeadRuleSet? Proposed, int Limit) Read(LeadSimulationRequest body, LeadRules saved, FieldErrors errors)
    {
        var limit = body.Limit ?? RoutingSimulation.MaxLeads;
        if (limit is < 1 or > RoutingSimulation.MaxLeads) errors.Add("limit", "From 1 to 10000 leads.");
        var routing = LeadSettingsEditing.Given(body.Routing) is { } r ? LeadSettingsEditing.ReadRouting(r, errors) : saved.Routing;
        var qualification = LeadSettingsEditing.Given(body.Qualification) is { } q ? LeadSettingsEditing.ReadQualification(q, errors) : saved.Qualification;
        return errors.Any || routing is null || qualification is null ? (null, limit) : (new LeadRuleSet(qualification, routing), limit);
    }
}
