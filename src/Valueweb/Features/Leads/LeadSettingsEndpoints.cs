using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
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
/// policy and walls. Vendor people who read leads may read them; vendor admins change them (If-Match).
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
        var programId = await db.Programs.OrderBy(p => p.Name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (programId is null) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (change, bodyErrors) = await JsonBody.ReadAsync<LeadSettingsChange>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, stale) = await ApplyAsync(db, journal, programId.Value, ETags.TryParse(header, out var v) ? v : -1, change!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        var rules = await LeadSettingsStore.LoadAsync(db, ct);
        request.HttpContext.Response.Headers.ETag = ETags.For(rules.Row.Version);
        return TypedResults.Ok(View(rules));
    }

    /// <summary>Checks and saves a change (fields left out keep their value); the API and the rules page share it.</summary>
    public static async Task<(FieldErrors? Errors, bool Stale)> ApplyAsync(ValuewebDb db, Journal journal, Guid programId, long version, LeadSettingsChange c,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (c.AcceptanceHours is < 1 or > 720) errors.Add("acceptanceHours", "Between 1 and 720 hours.");
        if (c.ReminderDays is < 1 or > 365) errors.Add("reminderDays", "Between 1 and 365 days.");
        var high = c.HighValue is null ? (Money?)null : Money.Parse(c.HighValue, "highValue", errors);
        var tierHours = new Dictionary<Guid, int>();
        if (c.TierAcceptanceHours is { } byTier)
        {
            var tiers = await db.Tiers.Select(t => t.Id).ToListAsync(ct);
            foreach (var (key, hours) in byTier)
            {
                if (!Guid.TryParse(key, out var tier) || !tiers.Contains(tier)) errors.Add($"tierAcceptanceHours.{key}", "Not a tier of the program.");
                else if (hours is < 1 or > 720) errors.Add($"tierAcceptanceHours.{key}", "Between 1 and 720 hours.");
                else tierHours[tier] = hours;
            }
        }
        string? qualification = null;
        if (c.Qualification is { } q)
        {
            QualificationRules? rules = null;
            try
            {
                rules = q.ValueKind == JsonValueKind.Object ? QualificationRules.FromJson(q.GetRawText()) : null;
            }
            catch (JsonException)
            {
            }
            if (rules is null) errors.Add("qualification", "An object with a threshold and rules.");
            else
            {
                foreach (var (field, messages) in rules.Validate().All)
                    foreach (var message in messages) errors.Add("qualification." + field, message);
                qualification = rules.ToJson();
            }
        }
        string? routing = null;
        if (c.Routing is { } r)
        {
            var (policy, problems) = RoutingPolicyJson.Parse(r.GetRawText());
            foreach (var p in problems) errors.Add(p.Field.Length == 0 ? "routing" : "routing." + p.Field, p.Message);
            if (policy is not null) routing = RoutingPolicyJson.ToJson(policy);
        }
        if (c.Walls is { } walls)
        {
            var partners = await db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Select(p => p.Id).ToListAsync(ct);
            for (var i = 0; i < walls.Count; i++)
            {
                if (walls[i] is not { } w || !partners.Contains(w.PartnerA)) errors.Add($"walls[{i}].partnerA", "Not a partner.");
                else if (!partners.Contains(w.PartnerB)) errors.Add($"walls[{i}].partnerB", "Not a partner.");
                else if (w.PartnerA == w.PartnerB) errors.Add($"walls[{i}].partnerB", "A wall stands between two different partners.");
            }
        }
        if (errors.Any) return (errors, false);

        var row = await db.LeadSettings.FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        if ((row?.Version ?? 1) != version) return (null, true);
        if (row is null) db.LeadSettings.Add(row = new LeadSettings { ProgramId = programId });
        if (c.AcceptanceHours is { } h) row.AcceptanceHours = h;
        if (c.ReminderDays is { } d) row.ReminderDays = d;
        if (high is { } m) (row.HighValueMinor, row.Currency) = (m.Minor, m.Currency);
        if (c.TierAcceptanceHours is not null) row.TierAcceptanceHours = JsonSerializer.Serialize(tierHours, JsonSerializerOptions.Web);
        if (qualification is not null) row.Qualification = qualification;
        if (routing is not null) row.Routing = routing;
        if (c.Walls is not null) row.Walls = JsonSerializer.Serialize(c.Walls, JsonSerializerOptions.Web);
        row.Version++;
        journal.Audit("leadSettings.changed", "program", programId, JsonSerializer.Serialize(c, JsonSerializerOptions.Web));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, true);
        }
        return (null, false);
    }
}
