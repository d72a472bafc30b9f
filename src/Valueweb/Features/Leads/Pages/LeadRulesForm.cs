using Valueweb.Features.Leads.Routing;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Pages;

/// <summary>
/// Everything <c>PUT /api/v1/lead-settings</c> edits, as the rules page's fields: the version it was read at, answer
/// deadlines (program default and per tier), reminders, the high-value threshold, walls between partners as rows of
/// two choices, and the routing and qualification parts.
/// </summary>
public sealed class LeadRulesForm
{
    public long Version { get; set; }
    public string AcceptanceHours { get; set; } = "";
    public string ReminderDays { get; set; } = "";
    public string HighValue { get; set; } = "";
    public string Currency { get; set; } = "";
    public List<TierHoursRow> TierHours { get; set; } = [];
    public List<WallRow> Walls { get; set; } = [];
    public RoutingForm Routing { get; set; } = new();
    public QualificationForm Qualification { get; set; } = new();

    public sealed class TierHoursRow
    {
        public string TierId { get; set; } = "";
        public string Hours { get; set; } = "";
    }

    public sealed class WallRow
    {
        public string PartnerA { get; set; } = "";
        public string PartnerB { get; set; } = "";
    }

    public static LeadRulesForm From(LeadRules rules, IReadOnlyList<TierChoice> tiers) => new()
    {
        Version = rules.Row.Version,
        AcceptanceHours = FormValues.Text(rules.AcceptanceHours),
        ReminderDays = FormValues.Text(rules.ReminderDays),
        HighValue = FormValues.Text(new Money(rules.Row.HighValueMinor, rules.Row.Currency).Amount),
        Currency = rules.Row.Currency,
        TierHours = tiers.Select(t => new TierHoursRow
        {
            TierId = t.Id.ToString(),
            Hours = rules.TierAcceptanceHours.TryGetValue(t.Id, out var h) ? FormValues.Text(h) : "",
        }).ToList(),
        Walls = [.. rules.Walls.Select(w => new WallRow { PartnerA = w.PartnerA.ToString(), PartnerB = w.PartnerB.ToString() }), new WallRow()],
        Routing = RoutingForm.From(rules.Routing, tiers),
        Qualification = QualificationForm.From(rules.Qualification),
    };

    /// <summary>The hours row of a tier (an empty one when the form did not send it).</summary>
    public TierHoursRow HoursOf(TierChoice tier) => TierHours.FirstOrDefault(r => r?.TierId == tier.Id.ToString()) is { } row
        ? new TierHoursRow { TierId = row.TierId, Hours = row.Hours ?? "" }
        : new TierHoursRow { TierId = tier.Id.ToString() };

    /// <summary>
    /// The fields as an update, with an error named like the API's field for each value that cannot be read (it is
    /// left empty for the checks). Empty wall rows are left out and the rest renumbered, so that wall n of the errors is row n.
    /// </summary>
    public LeadSettingsUpdate ToUpdate(IReadOnlyList<TierChoice> tiers, FieldErrors errors)
    {
        var hours = FormValues.Whole(AcceptanceHours, "acceptanceHours", errors);
        var reminders = FormValues.Whole(ReminderDays, "reminderDays", errors);
        var amount = FormValues.Amount(HighValue, "highValue.amount", errors);
        var byTier = new Dictionary<string, int>();
        TierHours = tiers.Select(HoursOf).ToList();
        foreach (var tier in tiers)
        {
            if (FormValues.OptionalWhole(HoursOf(tier).Hours, $"tierAcceptanceHours.{tier.Id}", errors) is { } h) byTier[tier.Id.ToString()] = h;
        }
        var rows = Walls.Where(w => w is not null && !(string.IsNullOrWhiteSpace(w.PartnerA) && string.IsNullOrWhiteSpace(w.PartnerB)))
            .Select(w => new WallRow { PartnerA = w.PartnerA ?? "", PartnerB = w.PartnerB ?? "" }).ToList();
        Walls = [.. rows, new WallRow()];
        var walls = new List<PartnerWall?>();
        for (var i = 0; i < rows.Count; i++)
        {
            var a = Guid.TryParse(rows[i].PartnerA, out var x) ? x : (Guid?)null;
            var b = Guid.TryParse(rows[i].PartnerB, out var y) ? y : (Guid?)null;
            if (a is null) errors.Add($"walls[{i}].partnerA", "Choose a partner.");
            if (b is null) errors.Add($"walls[{i}].partnerB", "Choose a partner.");
            walls.Add(new PartnerWall(a ?? Guid.Empty, b ?? Guid.Empty));
        }
        var routing = Routing.ToPolicy(tiers, errors);
        var qualification = Qualification.ToRules(errors);
        return new LeadSettingsUpdate(hours, byTier, reminders, new MoneyValue(amount, Currency?.Trim().ToUpperInvariant()), qualification, routing, walls);
    }
}
