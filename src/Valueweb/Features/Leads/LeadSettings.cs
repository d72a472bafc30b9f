namespace Valueweb.Features.Leads;

/// <summary>
/// The program's rules for leads, edited by the vendor: acceptance deadlines (per tier), reminders, the high-value
/// threshold, and the qualification and routing rules (JSON documents, data rather than code).
/// </summary>
public sealed class LeadSettings
{
    public Guid ProgramId { get; set; }
    /// <summary>Hours a partner has to accept or decline an offered lead, unless its tier has its own.</summary>
    public int AcceptanceHours { get; set; } = 48;
    /// <summary>JSON object of tier id → hours.</summary>
    public string TierAcceptanceHours { get; set; } = "{}";
    /// <summary>A worked lead with no progress for this many days reminds its partner.</summary>
    public int ReminderDays { get; set; } = 7;
    /// <summary>Leads worth at least this (minor units of <see cref="Currency"/>) are red-flagged.</summary>
    public long HighValueMinor { get; set; } = 5_000_000;
    public string Currency { get; set; } = "EUR";
    public string Qualification { get; set; } = "";
    public string Routing { get; set; } = "";
    /// <summary>JSON list of walls between competing partners: a lead associated with one never goes to the other.</summary>
    public string Walls { get; set; } = "[]";
    public long Version { get; set; } = 1;
}
