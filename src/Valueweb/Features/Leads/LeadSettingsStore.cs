using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Leads.Routing;

namespace Valueweb.Features.Leads;

/// <summary>The program's lead rules, read and parsed: what intake, routing and the timers work with.</summary>
public sealed record LeadRules(LeadSettings Row, QualificationRules Qualification, RoutingPolicy Routing, IReadOnlyList<PartnerWall> Walls,
    IReadOnlyDictionary<Guid, int> TierAcceptanceHours)
{
    public int AcceptanceHours => Row.AcceptanceHours;
    public int ReminderDays => Row.ReminderDays;

    /// <summary>Hours a partner of this tier has to answer an offer.</summary>
    public int HoursFor(Guid? tierId) => tierId is { } t && TierAcceptanceHours.TryGetValue(t, out var h) ? h : Row.AcceptanceHours;

    /// <summary>Until vendors set their own: territory and product line, ten open leads and five a day per partner, to the vendor's queue otherwise.</summary>
    public static RoutingPolicy DefaultRouting { get; } = new()
    {
        Steps = [RoutingStep.Territory(), RoutingStep.ProductLine()],
        Capacity = new RoutingCapacity { MaxOpenLeads = 10, DailyQuota = 5 },
        Fallback = RoutingFallback.VendorQueue,
    };
}

/// <summary>Loads the program's lead settings (defaults until the vendor saves its own).</summary>
public static class LeadSettingsStore
{
    public static async Task<LeadRules> LoadAsync(ValuewebDb db, CancellationToken ct)
    {
        var programId = await db.Programs.AsNoTracking().OrderBy(p => p.Name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var row = programId is { } id ? await db.LeadSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == id, ct) : null;
        row ??= new LeadSettings { ProgramId = programId ?? Guid.Empty };
        return Parse(row);
    }

    public static LeadRules Parse(LeadSettings row)
    {
        var qualification = row.Qualification.Length > 0 ? QualificationRules.FromJson(row.Qualification) ?? QualificationRules.Default : QualificationRules.Default;
        var routing = row.Routing.Length > 0 && RoutingPolicyJson.Parse(row.Routing) is ({ } p, { Count: 0 }) ? p : LeadRules.DefaultRouting;
        var walls = JsonSerializer.Deserialize<List<PartnerWall>>(row.Walls, JsonSerializerOptions.Web) ?? [];
        var hours = JsonSerializer.Deserialize<Dictionary<Guid, int>>(row.TierAcceptanceHours, JsonSerializerOptions.Web) ?? [];
        return new LeadRules(row, qualification, routing, walls, hours);
    }
}
