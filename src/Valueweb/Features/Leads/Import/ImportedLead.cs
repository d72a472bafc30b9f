namespace Valueweb.Features.Leads.Import;

/// <summary>
/// A good row of a lead file as it is stored: the columns of <see cref="Lead"/> that differ from lead to lead, every text
/// already cut to its column's length, scored and qualified. What all imported leads share (channel "import", the times,
/// version 1, no partner yet) is added by <see cref="LeadBulkStore"/>.
/// </summary>
public sealed class ImportedLead
{
    public required Guid Id { get; init; }
    public required string Identity { get; init; }
    public required string Source { get; init; }
    public string? SourceSystem { get; init; }
    public string? SourceRecordId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Company { get; init; }
    public required string Title { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public required string CountryCode { get; init; }
    public required string City { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public required string Industry { get; init; }
    public required string Segment { get; init; }
    public int? Employees { get; init; }
    public required string Description { get; init; }
    public int Score { get; init; }
    public bool Qualified { get; init; }
    public required string ScoreReasons { get; init; }
    public bool RedFlag { get; init; }
    /// <summary><see cref="LeadStatus.Queued"/> when qualified (the routing queue takes it), else <see cref="LeadStatus.Nurture"/>.</summary>
    public LeadStatus Status { get; init; }
    public required Guid[] ProductLines { get; init; }
}
