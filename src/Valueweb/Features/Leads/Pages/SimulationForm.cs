namespace Valueweb.Features.Leads.Pages;

/// <summary>
/// The simulation page's fields: the proposed routing and qualification (named as on the rules page, so that the
/// rules page can post its fields here), and which leads to replay — the most recent ones or a CSV file's.
/// </summary>
public sealed class SimulationForm
{
    public const string Recent = "recent";
    public const string File = "file";

    public static IReadOnlyList<int> Limits { get; } = [100, 1_000, 10_000];

    public RoutingForm Routing { get; set; } = new();
    public QualificationForm Qualification { get; set; } = new();
    public string Source { get; set; } = Recent;
    public string Limit { get; set; } = "1000";
    /// <summary>A lead file's text, pasted.</summary>
    public string Csv { get; set; } = "";

    public int LimitValue => int.TryParse(Limit, out var n) && Limits.Contains(n) ? n : 1_000;
}
