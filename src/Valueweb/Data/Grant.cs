namespace Valueweb.Data;

/// <summary>
/// Lets an organisation see an object another organisation owns (a shared lead, referral credit,
/// a revenue split, a distributor over its resellers). Visibility = owned by the caller's company, or granted to it.
/// </summary>
public sealed class Grant
{
    public Guid Id { get; set; } = Ids.New();
    public Guid GranteeOrganisationId { get; set; }
    public string ObjectType { get; set; } = "";
    public Guid ObjectId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
