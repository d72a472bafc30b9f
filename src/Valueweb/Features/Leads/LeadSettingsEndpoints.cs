using System.Text.Json;
using Valueweb.Data;
using Valueweb.Features.Leads.Routing;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

public sealed record LeadSettingsView(int AcceptanceHours, IReadOnlyDictionary<Guid, int> TierAcceptanceHours, int ReminderDays, MoneyValue HighValue,
    JsonElement Qualification, JsonElement Routing, IReadOnlyList<PartnerWall> Walls, long Version);

public sealed record LeadSettingsChange(int? AcceptanceHours, Dictionary<string, int>? TierAcceptanceHours, int? ReminderDays, MoneyValue? HighValue,
    JsonElement? Qualification, JsonElement? Routing, List<PartnerWall>? Walls);

/// <summary>
/// The program's lead rules as data: deadlines, reminders, the high-value threshold, qualification rules, the routing
/// policy and walls. Vendor people who manage leads may read them; vendor admins change them (If-Match), through
/// <see cref="LeadSettingsEditing"/> as the rules page does.
/// </summary>
public static class LeadSettingsEndpoints
{
    public static IEndpointRouteBuilder MapLeadSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/lead-settings").WithTags("Leads");
        group.MapGet("/", Get).RequirePermission(Permission.ManageLeads).Produces<LeadSettingsView>();
        group.MapPut("/", Put).RequirePermission(Permission.ManageProgram).Accepts<LeadSettingsChange>("application/json").Produces<LeadSettingsView>()
            .ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    public static LeadSettingsView View(LeadRules rules) => new(rules.AcceptanceHours, rules.TierAcceptanceHours, rules.ReminderDays,
        new Money(rules.Row.HighValueMinor, rules.Row.Currency).ToValue(),
        JsonSerializer.SerializeToElement(rules.Qualification, JsonSerializerOptions.Web),
        JsonSerializer.SerializeToElement(rules.Routing, RoutingPolicyJson.Options), rules.Walls, rules.Row.Version);

    private static async Task<IResult> Get(ValuewebDb db, HttpContext http, CancellationToken ct)
    {
        var rules = await LeadSettingsStore.LoadAsync(db, ct);
        http.Response.Headers.ETag = ETags.For(rules.Row.Version);
        return TypedResults.Ok(View(rules));
    }

    private static async Task<IResult> Put(HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        var programId = await LeadSettingsEditing.ProgramIdAsync(db, ct);
        if (programId is null) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (change, bodyErrors) = await JsonBody.ReadAsync<LeadSettingsChange>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var read = new FieldErrors();
        var update = LeadSettingsEditing.Read(change!, read);
        var (errors, stale) = await LeadSettingsEditing.ApplyAsync(db, journal, programId.Value, ETags.TryParse(header, out var v) ? v : -1, update, ct, read);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        var rules = await LeadSettingsStore.LoadAsync(db, ct);
        request.HttpContext.Response.Headers.ETag = ETags.For(rules.Row.Version);
        return TypedResults.Ok(View(rules));
    }
}
