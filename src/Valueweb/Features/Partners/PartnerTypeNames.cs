namespace Valueweb.Features.Partners;

/// <summary>The API's names of partner types ("reseller", "valueAddedReseller", ...).</summary>
public static class PartnerTypeNames
{
    public static string Name(PartnerTypes type) => type switch
    {
        PartnerTypes.Reseller => "reseller",
        PartnerTypes.ValueAddedReseller => "valueAddedReseller",
        PartnerTypes.SystemIntegrator => "systemIntegrator",
        PartnerTypes.Distributor => "distributor",
        PartnerTypes.Oem => "oem",
        PartnerTypes.Isv => "isv",
        PartnerTypes.ReferralAgent => "referralAgent",
        _ => type.ToString(),
    };

    public static string Label(PartnerTypes type) => type switch
    {
        PartnerTypes.Reseller => "Reseller",
        PartnerTypes.ValueAddedReseller => "Value-added reseller",
        PartnerTypes.SystemIntegrator => "System integrator",
        PartnerTypes.Distributor => "Distributor",
        PartnerTypes.Oem => "OEM",
        PartnerTypes.Isv => "ISV",
        PartnerTypes.ReferralAgent => "Referral agent",
        _ => type.ToString(),
    };

    public static IReadOnlyList<PartnerTypes> All { get; } = Enum.GetValues<PartnerTypes>().Where(t => t != PartnerTypes.None).ToList();

    public static PartnerTypes? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : All.Cast<PartnerTypes?>().FirstOrDefault(t => string.Equals(Name(t!.Value), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
