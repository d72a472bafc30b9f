namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// A lead read from a file and normalised, ready to be stored: texts trimmed (empty is null), the e-mail lower-cased and valid,
/// the country an ISO 3166-1 alpha-2 code, the size an employee range with its band, the source a key ("partner-referral").
/// </summary>
public sealed record LeadDraft
{
    /// <summary>"salesforce", "hubspot", "csv", or the system named in the row.</summary>
    public required string SourceSystem { get; init; }
    public string? SourceRecordId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Mobile { get; init; }
    public string? Website { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; init; }
    public string? Industry { get; init; }
    public EmployeeRange? Employees { get; init; }
    /// <summary>In whole units of whatever currency the file was written in (files do not say).</summary>
    public long? AnnualRevenue { get; init; }
    /// <summary>A key such as "web", "partner-referral", "organic-search" (see <see cref="LeadSources"/>).</summary>
    public string? Source { get; init; }
    /// <summary>The products asked about, as written (a multi-select picklist is split at ";").</summary>
    public IReadOnlyList<string> ProductInterests { get; init; } = [];
    public string? Segment { get; init; }
    public string? Description { get; init; }
    public string? Rating { get; init; }
    public string? Status { get; init; }

    /// <summary>The person's name, first name first, or null.</summary>
    public string? PersonName => (FirstName, LastName) switch
    {
        (null, null) => null,
        ({ } first, null) => first,
        (null, { } last) => last,
        var (first, last) => $"{first} {last}",
    };
}
