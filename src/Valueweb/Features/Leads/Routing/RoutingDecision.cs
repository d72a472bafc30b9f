namespace Valueweb.Features.Leads.Routing;

/// <summary>Whether a lead went to a partner, and if not, to which fallback.</summary>
public enum RoutingOutcome
{
    Routed = 1,
    VendorQueue = 2,
    DirectSales = 3,
}

/// <summary>
/// One routing decision, complete enough to be stored and explained later (it serialises with
/// <see cref="RoutingPolicyJson.Options"/>): what each step removed, the top candidates with their scores, and the
/// winner or the fallback. Only the vendor sees it whole; the winner sees <see cref="ExplainToWinner"/>.
/// </summary>
public sealed record RoutingDecision
{
    public required LeadFacts Lead { get; init; }

    public required RoutingOutcome Outcome { get; init; }

    /// <summary>The partner the lead goes to; null when it falls back.</summary>
    public Guid? WinnerId { get; init; }

    /// <summary>Every step in the order applied: the policy's steps, then exclusions, then capacity.</summary>
    public required IReadOnlyList<RoutingStepResult> Steps { get; init; }

    /// <summary>Partners left after every step.</summary>
    public int Eligible { get; init; }

    /// <summary>The best candidates (at most <see cref="RoutingEngine.TopCount"/>) in the order the engine ranked them; the first is the winner.</summary>
    public required IReadOnlyList<RankedCandidate> Top { get; init; }

    /// <summary>How many eligible partners were equals of the best, the winner included (they share leads in turn).</summary>
    public int EqualAtTop { get; init; }

    /// <summary>The weights the totals were computed with.</summary>
    public required RoutingRanking Ranking { get; init; }

    /// <summary>Of the lead's product lines, those the winner carries (for its explanation).</summary>
    public IReadOnlyList<Guid> WinnerProductLines { get; init; } = [];

    /// <summary>Partners the database refused for lack of capacity while this lead was being placed (see <see cref="RoutingEngine.RouteAsync"/>).</summary>
    public IReadOnlyList<Guid> Refused { get; init; } = [];

    public RankedCandidate? Winner => Outcome == RoutingOutcome.Routed && Top.Count > 0 ? Top[0] : null;

    /// <summary>The vendor's explanation: every step, the top candidates and why the winner won (stable text, invariant culture).</summary>
    public string Explain() => RoutingExplanation.ForVendor(this);

    /// <summary>What the winning partner may see: why the lead came to it, with nothing about any other candidate; null when the lead fell back.</summary>
    public RoutingWinnerExplanation? ExplainToWinner() => RoutingExplanation.ForWinner(this);
}

/// <summary>
/// What one step did: its stable key (<c>territory</c>, <c>productLine</c>, …, <c>declinedOrLapsed</c>, <c>walled</c>,
/// <c>openLeads</c>, <c>dailyQuota</c>, <c>refused</c>), its parameter in words where it has one (<c>tier rank ≥ 3</c>),
/// its index in the policy's steps (null for the exclusions and capacity, which always apply), and how many
/// partners it received and removed.
/// </summary>
public sealed record RoutingStepResult(string Step, string? Parameter, int? PolicyIndex, int Before, int Removed)
{
    public int After => Before - Removed;
}

/// <summary>
/// One ranked candidate: its inputs, the points each component contributed to its total (they add up to the total,
/// give or take rounding), its load and its place in the fair rotation.
/// </summary>
public sealed record RankedCandidate
{
    public required Guid PartnerId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The partner's performance score (0–100).</summary>
    public double PerformanceScore { get; init; }

    /// <summary>Great-circle km to the partner's nearest location; null when either position is unknown.</summary>
    public double? DistanceKm { get; init; }

    public int TierRank { get; init; }

    public double PerformancePoints { get; init; }

    public double DistancePoints { get; init; }

    public double TierPoints { get; init; }

    /// <summary>Total score, 0–100, rounded to hundredths: the precision at which totals are compared.</summary>
    public double Total { get; init; }

    /// <summary>Whether it was an equal of the best (and so in the rotation for this lead).</summary>
    public bool EqualOfBest { get; init; }

    /// <summary>Leads assigned to it in the current fairness window, before this one.</summary>
    public int AssignedInWindow { get; init; }

    public double FairnessWeight { get; init; }

    public int OpenLeads { get; init; }

    public int OpenLeadLimit { get; init; }

    public int LeadsToday { get; init; }

    public int DailyQuota { get; init; }
}

/// <summary>The winning partner's view of a decision: its own reasons and score, nothing about any other candidate.</summary>
public sealed record RoutingWinnerExplanation(Guid PartnerId, IReadOnlyList<string> Reasons, double Total, string Text);
