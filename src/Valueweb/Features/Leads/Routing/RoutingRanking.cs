namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// How eligible partners are ranked. Each component is normalised to 0..1 and the total is their weighted mean on a
/// 0–100 scale, rounded to hundredths of a point:
/// <list type="bullet">
/// <item>performance: the partner's composite performance score ÷ 100;</item>
/// <item>distance: 1 − km ÷ <see cref="DistanceHorizonKm"/> (0 at or beyond the horizon), km being the great-circle
/// distance from the lead to the partner's nearest location; 0.5 (neutral) when the lead has no position or the
/// partner no location;</item>
/// <item>tier: (rank − lowest rank) ÷ (highest rank − lowest rank) over the partners of the snapshot (0 when all share one rank).</item>
/// </list>
/// With all weights 0 every partner scores 0 and leads are shared out purely by the fair rotation.
/// </summary>
public sealed record RoutingRanking
{
    public double PerformanceWeight { get; init; } = 1;

    public double DistanceWeight { get; init; } = 1;

    public double TierWeight { get; init; } = 1;

    /// <summary>Distance at which the distance component reaches 0.</summary>
    public double DistanceHorizonKm { get; init; } = 500;

    /// <summary>
    /// Partners whose total is within this many points of the best total are equals of the best and share leads by
    /// the fair rotation. 0 means equal totals only (equal after rounding to hundredths of a point).
    /// </summary>
    public double EqualWithinPoints { get; init; }
}
