namespace Valueweb.Data;

/// <summary>
/// Whose data a unit of work may see. Vendor people and system work see everything; a partner's people
/// see what their company owns or was granted; nobody else sees anything.
/// </summary>
public sealed class TenantScope
{
    public bool SeesAll { get; private set; }
    public Guid OrganisationId { get; private set; }

    public static TenantScope Nobody() => new();

    public static TenantScope System() => new() { SeesAll = true };

    public void Become(bool seesAll, Guid organisationId)
    {
        SeesAll = seesAll;
        OrganisationId = organisationId;
    }
}
