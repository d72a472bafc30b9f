using System.Globalization;
using System.Text.RegularExpressions;

namespace Valueweb.Features.Leads.Pages;

/// <summary>The rules forms' fields in words, for the list of errors at the top of the page ("Step 3", "Rule 2"). UI text lives here.</summary>
public static partial class RulesFieldNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["acceptanceHours"] = "Hours to accept or decline",
        ["reminderDays"] = "Days before a reminder",
        ["highValue"] = "High-value threshold",
        ["highValue.amount"] = "High-value threshold",
        ["highValue.currency"] = "Currency of the high-value threshold",
        ["qualification"] = "Qualification rules",
        ["qualification.threshold"] = "Points a lead needs",
        ["qualification.rules"] = "Qualification rules",
        ["routing"] = "Routing rules",
        ["routing.steps"] = "Steps",
        ["routing.capacity.maxOpenLeads"] = "Open leads per partner",
        ["routing.capacity.dailyQuota"] = "New leads per partner per day",
        ["routing.ranking.performanceWeight"] = "Weight of performance",
        ["routing.ranking.distanceWeight"] = "Weight of distance",
        ["routing.ranking.tierWeight"] = "Weight of tier",
        ["routing.ranking.distanceHorizonKm"] = "Distance that scores nothing",
        ["routing.ranking.equalWithinPoints"] = "Equals within",
        ["routing.fallback"] = "Where a lead goes when no partner can take it",
        ["walls"] = "Walls",
        ["csv"] = "Leads to replay",
    };

    /// <summary>The field in words; null for errors about the whole form (the key "rules").</summary>
    public static string? Name(string key, IReadOnlyList<TierChoice> tiers)
    {
        if (key == "rules") return null;
        if (Known.TryGetValue(key, out var known)) return known;
        if (Numbered().Match(key) is { Success: true } m)
        {
            var n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
            var what = m.Groups[1].Value switch { "routing.steps" => "Step", "qualification.rules" => "Rule", _ => "Wall" };
            return string.Create(CultureInfo.InvariantCulture, $"{what} {n}");
        }
        if (PerTier().Match(key) is { Success: true } t)
        {
            var tier = tiers.FirstOrDefault(x => x.Id.ToString() == t.Groups[2].Value)?.Name ?? t.Groups[2].Value;
            return t.Groups[1].Value == "tierAcceptanceHours" ? $"Hours to answer for {tier}" : $"Limits for {tier}";
        }
        return key;
    }

    [GeneratedRegex(@"^(routing\.steps|qualification\.rules|walls)\[(\d+)\]")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(tierAcceptanceHours|routing\.capacity\.tiers)\.([0-9a-fA-F-]{36})")]
    private static partial Regex PerTier();
}
