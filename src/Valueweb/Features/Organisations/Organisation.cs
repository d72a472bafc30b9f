using Valueweb.Data;

namespace Valueweb.Features.Organisations;

/// <summary>The vendor (one per installation) or a partner company.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Ids.New();
    public OrganisationKind Kind { get; set; }
    public string LegalName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Slug { get; set; } = "";
    public OrganisationStatus Status { get; set; } = OrganisationStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; } = 1;
}

public enum OrganisationKind
{
    Vendor = 0,
    Partner = 1,
}

public enum OrganisationStatus
{
    Applied = 0,
    Approved = 1,
    Active = 2,
    Suspended = 3,
    Offboarded = 4,
    Rejected = 5,
}
