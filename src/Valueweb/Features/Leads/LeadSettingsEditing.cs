using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Leads.Routing;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>A change of the lead rules, read: what the API's JSON or the rules page's fields ask for. Null parts keep their value.</summary>
public sealed record LeadSettingsUpdate(int? AcceptanceHours, IReadOnlyDictionary<string, int>? TierAcceptanceHours, int? ReminderDays, MoneyValue? HighValue,
    QualificationRules? Qualification, RoutingPolicy? Routing, IReadOnlyList<PartnerWall?>? Walls);

/// <summary>
/// Changing the program's lead rules, for the API (<c>PUT /api/v1/lead-settings</c>) and the rules page alike: every
/// field checked first, each error named by its JSON field (<c>routing.steps[2].kind</c>), then one save guarded by
/// the version. The API reads its JSON with <see cref="Read"/>, the page its fields; both then go through
/// <see cref="ApplyAsync"/>, so the same values meet the same checks and the same messages.
/// </summary>
public static class LeadSettingsEditing
{
    /// <summary>The program the lead rules belong to (the first by name), or null before one exists.</summary>
    public static Task<Guid?> ProgramIdAsync(ValuewebDb db, CancellationToken ct) =>
        db.Programs.OrderBy(p => p.Name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>The API's change as an update; parts that cannot be read are left out, with an error where reading stopped.</summary>
    public static LeadSettingsUpdate Read(LeadSettingsChange c, FieldErrors errors) => new(c.AcceptanceHours, c.TierAcceptanceHours, c.ReminderDays, c.HighValue,
        Given(c.Qualification) is { } q ? Deserialize<QualificationRules>(q, "qualification", QualificationShape, JsonSerializerOptions.Web, errors) : null,
        Given(c.Routing) is { } r ? Deserialize<RoutingPolicy>(r, "routing", RoutingShape, RoutingPolicyJson.Options, errors) : null,
        c.Walls);

    /// <summary>
    /// Saves <paramref name="u"/> when every field is valid and <paramref name="version"/> is still the saved one.
    /// <paramref name="earlier"/> holds errors found while reading the change (JSON or form fields); the checks add
    /// theirs for the other fields, so that one answer names every problem.
    /// </summary>
    public static async Task<(FieldErrors? Errors, bool Stale)> ApplyAsync(ValuewebDb db, Journal journal, Guid programId, long version, LeadSettingsUpdate u,
        CancellationToken ct, FieldErrors? earlier = null)
    {
        var errors = earlier ?? new FieldErrors();
        Merge(errors, await CheckAsync(db, u, ct));
        if (errors.Any) return (errors, false);

        var row = await db.LeadSettings.FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        if ((row?.Version ?? 1) != version) return (null, true);
        if (row is null) db.LeadSettings.Add(row = new LeadSettings { ProgramId = programId });
        if (u.AcceptanceHours is { } h) row.AcceptanceHours = h;
        if (u.ReminderDays is { } d) row.ReminderDays = d;
        if (u.HighValue is { } value && Money.Parse(value, "highValue", new FieldErrors()) is { } m) (row.HighValueMinor, row.Currency) = (m.Minor, m.Currency);
        if (u.TierAcceptanceHours is { } byTier)
            row.TierAcceptanceHours = JsonSerializer.Serialize(byTier.ToDictionary(t => Guid.Parse(t.Key), t => t.Value), JsonSerializerOptions.Web);
        if (u.Qualification is { } q) row.Qualification = q.ToJson();
        if (u.Routing is { } r) row.Routing = RoutingPolicyJson.ToJson(r);
        if (u.Walls is { } walls) row.Walls = JsonSerializer.Serialize(walls, JsonSerializerOptions.Web);
        row.Version++;
        journal.Audit("leadSettings.changed", "program", programId, JsonSerializer.Serialize(u, RoutingPolicyJson.Options));
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

    /// <summary>Every check of an update, without saving: what <see cref="ApplyAsync"/> refuses.</summary>
    public static async Task<FieldErrors> CheckAsync(ValuewebDb db, LeadSettingsUpdate u, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (u.AcceptanceHours is < 1 or > 720) errors.Add("acceptanceHours", "Between 1 and 720 hours.");
        if (u.ReminderDays is < 1 or > 365) errors.Add("reminderDays", "Between 1 and 365 days.");
        if (u.HighValue is not null) Money.Parse(u.HighValue, "highValue", errors);
        if (u.TierAcceptanceHours is { } byTier)
        {
            var tiers = await db.Tiers.Select(t => t.Id).ToListAsync(ct);
            foreach (var (key, hours) in byTier)
            {
                if (!Guid.TryParse(key, out var tier) || !tiers.Contains(tier)) errors.Add($"tierAcceptanceHours.{key}", "Not a tier of the program.");
                else if (hours is < 1 or > 720) errors.Add($"tierAcceptanceHours.{key}", "Between 1 and 720 hours.");
            }
        }
        CheckRules(u.Routing, u.Qualification, errors);
        if (u.Walls is { } walls)
        {
            var partners = await db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Select(p => p.Id).ToListAsync(ct);
            for (var i = 0; i < walls.Count; i++)
            {
                if (walls[i] is not { } w || !partners.Contains(w.PartnerA)) errors.Add($"walls[{i}].partnerA", "Not a partner.");
                else if (!partners.Contains(w.PartnerB)) errors.Add($"walls[{i}].partnerB", "Not a partner.");
                else if (w.PartnerA == w.PartnerB) errors.Add($"walls[{i}].partnerB", "A wall stands between two different partners.");
            }
        }
        return errors;
    }

    /// <summary>Checks a routing policy and qualification rules (either may be absent), naming errors under <c>routing.</c> and <c>qualification.</c>.</summary>
    public static void CheckRules(RoutingPolicy? routing, QualificationRules? qualification, FieldErrors errors)
    {
        var found = new FieldErrors();
        foreach (var p in routing?.Validate() ?? [])
            found.Add(p.Field.Length == 0 ? "routing" : "routing." + p.Field, p.Message);
        if (qualification is not null)
            foreach (var (field, messages) in qualification.Validate().All)
                foreach (var message in messages) found.Add("qualification." + field, message);
        Merge(errors, found);
    }

    /// <summary>A routing policy from JSON, read and checked (errors under <c>routing.</c>); null when it is not valid.</summary>
    public static RoutingPolicy? ReadRouting(JsonElement json, FieldErrors errors)
    {
        var before = errors.All.Count;
        var policy = Deserialize<RoutingPolicy>(json, "routing", RoutingShape, RoutingPolicyJson.Options, errors);
        CheckRules(policy, null, errors);
        return errors.All.Count > before ? null : policy;
    }

    /// <summary>Qualification rules from JSON, read and checked (errors under <c>qualification.</c>); null when they are not valid.</summary>
    public static QualificationRules? ReadQualification(JsonElement json, FieldErrors errors)
    {
        var before = errors.All.Count;
        var rules = Deserialize<QualificationRules>(json, "qualification", QualificationShape, JsonSerializerOptions.Web, errors);
        CheckRules(null, rules, errors);
        return errors.All.Count > before ? null : rules;
    }

    /// <summary>A JSON field that was sent (not left out, not null).</summary>
    public static JsonElement? Given(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } v ? v : null;

    /// <summary>Adds the errors of <paramref name="more"/> whose field is not already in error (nor a part or a parent of one that is).</summary>
    public static void Merge(FieldErrors errors, FieldErrors more)
    {
        var known = errors.All.Keys.ToList();
        foreach (var (field, messages) in more.All)
        {
            if (known.Any(k => Related(k, field))) continue;
            foreach (var message in messages) errors.Add(field, message);
        }
    }

    private static bool Related(string a, string b) => a == b || Within(a, b) || Within(b, a);

    private static bool Within(string inner, string outer) =>
        inner.StartsWith(outer + ".", StringComparison.Ordinal) || inner.StartsWith(outer + "[", StringComparison.Ordinal);

    private const string RoutingShape = "A policy object with steps, capacity, ranking and fallback.";
    private const string QualificationShape = "An object with a threshold and rules.";

    private static T? Deserialize<T>(JsonElement json, string field, string shape, JsonSerializerOptions options, FieldErrors errors) where T : class
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, shape);
            return null;
        }
        try
        {
            return json.Deserialize<T>(options);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
            errors.Add(path.Length == 0 ? field : $"{field}.{path}", "Not readable here: check the value's type and spelling.");
            return null;
        }
    }
}
