using Valueweb.Features.Partners;

namespace Valueweb.Features.Locator;

/// <summary>
/// One searchable location of a listed, active partner, with what the locator filters and ranks by, in one narrow
/// table. Kept in step with partners, locations and tiers inside the same transaction (see <see cref="LocatorIndex"/>).
/// </summary>
public sealed class LocatorEntry
{
    public Guid LocationId { get; set; }
    public Guid PartnerId { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string CountryCode { get; set; } = "";
    public PartnerTypes Types { get; set; }
    public Guid? TierId { get; set; }
    public int TierRank { get; set; }
}
