using System.Globalization;
using System.Text;

namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// The words of a <see cref="RoutingDecision"/>: the vendor's full account, and the winner's own reasons. Stable
/// text (invariant culture, fixed order), so a stored decision explains itself the same way later.
/// </summary>
public static class RoutingExplanation
{
    public static string ForVendor(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var w = new StringBuilder();
        var lead = decision.Lead;
        w.Append(Inv($"Lead {lead.LeadId}: country {Or(lead.Country)}"));
        w.Append(lead.Location is { } at ? Inv($", position {at.Latitude:F4}, {at.Longitude:F4}") : ", no position");
        w.Append(Inv($", product lines {List(lead.ProductLines)}, segment {Or(lead.Segment)}, industry {Or(lead.Industry)}"));
        if (lead.ValueMinor is { } value) w.Append(Inv($", value {value} minor units {lead.Currency}"));
        w.Append(Inv($"; declined or lapsed {lead.DeclinedOrLapsed.Count}, associated partners {List(lead.AssociatedPartners)}.\n"));

        w.Append("Steps (partners in − removed = left):\n");
        foreach (var step in decision.Steps)
        {
            var label = step.PolicyIndex is { } i ? Inv($"{i + 1}. ") : "-  ";
            var parameter = step.Parameter ?? LeadParameter(step.Step, lead);
            w.Append(Inv($"  {label}{step.Step}{(parameter is null ? "" : $" ({parameter})")}: {step.Before} − {step.Removed} = {step.After}\n"));
        }

        var r = decision.Ranking;
        w.Append(Inv($"Ranking: total 0–100 = weighted mean of performance (weight {r.PerformanceWeight:0.##}), distance (weight {r.DistanceWeight:0.##}, 0 at {r.DistanceHorizonKm:0.#} km, neutral without positions), tier (weight {r.TierWeight:0.##}); "));
        w.Append(Inv($"totals within {r.EqualWithinPoints:0.00} points of the best are equals, served in turn: fewest leads per unit of weight first, then partner id.\n"));

        if (decision.Top.Count > 0)
        {
            w.Append("Top candidates:\n");
            for (var i = 0; i < decision.Top.Count; i++)
            {
                var c = decision.Top[i];
                w.Append(Inv($"  {i + 1}. {c.Name} ({c.PartnerId}): total {c.Total:F2} = performance {c.PerformancePoints:F2} (score {c.PerformanceScore:0.##})"));
                w.Append(Inv($" + distance {c.DistancePoints:F2} ({(c.DistanceKm is { } km ? $"{km:0.0} km" : "unknown")}) + tier {c.TierPoints:F2} (rank {c.TierRank})"));
                w.Append(Inv($"; {c.AssignedInWindow} leads in window ÷ weight {c.FairnessWeight:0.##}; open {c.OpenLeads}/{c.OpenLeadLimit}, today {c.LeadsToday}/{c.DailyQuota}"));
                w.Append(c.EqualOfBest ? "; equal of the best\n" : "\n");
            }
        }

        if (decision.Winner is { } winner)
        {
            w.Append(Inv($"Winner: {winner.Name} ({winner.PartnerId}) with total {winner.Total:F2}"));
            w.Append(decision.EqualAtTop <= 1
                ? ", the highest.\n"
                : Inv($", one of {decision.EqualAtTop} equals of the best; its turn by the rotation ({winner.AssignedInWindow} ÷ {winner.FairnessWeight:0.##} = {winner.AssignedInWindow / winner.FairnessWeight:0.###} leads per unit of weight, then partner id).\n"));
        }
        else
        {
            var where = decision.Outcome == RoutingOutcome.DirectSales ? "direct sales" : "the vendor queue";
            w.Append(decision.Eligible == 0
                ? Inv($"No partner was left: the lead goes to {where}.\n")
                : Inv($"The capacity check refused {decision.Refused.Count} partners in turn: the lead goes to {where}.\n"));
        }
        if (decision.Refused.Count > 0) w.Append(Inv($"Refused by the capacity check for this lead: {List(decision.Refused)}.\n"));
        return w.ToString();
    }

    /// <summary>
    /// The winner's reasons: how the lead met each step for it, its own room and its own score; nothing about any
    /// other partner (not even how many there were). Null when the lead fell back.
    /// </summary>
    public static RoutingWinnerExplanation? ForWinner(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Winner is not { } me) return null;
        var lead = decision.Lead;
        var reasons = new List<string>();
        foreach (var step in decision.Steps)
        {
            if (step.PolicyIndex is null) continue;
            reasons.Add(step.Step switch
            {
                "territory" => Inv($"The customer is in {lead.Country}, a country you cover."),
                "productLine" => Inv($"The customer is interested in product lines you carry: {List(decision.WinnerProductLines)}."),
                "segment" => Inv($"The customer is in the segment {lead.Segment}, which you serve."),
                "industry" => Inv($"The customer's industry, {lead.Industry}, is one of your competencies."),
                "partnerType" => Inv($"These leads go to partner types {step.Parameter}, and you are one."),
                "minimumTier" => Inv($"Your tier meets the minimum for these leads ({step.Parameter}; yours is {me.TierRank})."),
                "competency" => Inv($"You have the competency {step.Parameter}."),
                "certification" => Inv($"You hold the certification {step.Parameter}."),
                _ => Inv($"You met the step {step.Step}."),
            });
        }
        reasons.Add(Inv($"You had room for it: {me.OpenLeads} of {me.OpenLeadLimit} open leads and {me.LeadsToday} of {me.DailyQuota} leads today before this one."));
        var distance = me.DistanceKm is { } km ? Inv($"{km:0.0} km from the customer") : "distance unknown, counted as neutral";
        reasons.Add(Inv($"You ranked first by the vendor's ranking: total {me.Total:F2} of 100 = performance {me.PerformancePoints:F2} (your score {me.PerformanceScore:0.##}) + distance {me.DistancePoints:F2} ({distance}) + tier {me.TierPoints:F2} (your tier rank {me.TierRank})."));
        reasons.Add("Partners with equal totals receive leads in turn, in proportion to their agreed weights.");
        var text = "Why this lead came to you:\n" + string.Concat(reasons.Select(x => "- " + x + "\n"));
        return new RoutingWinnerExplanation(me.PartnerId, reasons, me.Total, text);
    }

    private static string? LeadParameter(string step, LeadFacts lead) => step switch
    {
        "territory" => Or(lead.Country),
        "productLine" => Inv($"{lead.ProductLines.Count} of the lead"),
        "segment" => Or(lead.Segment),
        "industry" => Or(lead.Industry),
        _ => null,
    };

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "none" : value;

    private static string List(IReadOnlyList<Guid>? ids) => ids is not { Count: > 0 } ? "none" : string.Join(", ", ids);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
