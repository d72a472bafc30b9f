namespace Valueweb.Features.Organisations;

/// <summary>What a person does for its organisation. Vendor roles first, then partner roles.</summary>
public enum Role
{
    VendorAdmin = 0,
    ChannelManager = 1,
    VendorMarketing = 2,
    VendorFinance = 3,
    DirectSales = 4,
    Analyst = 5,
    PartnerAdmin = 10,
    PartnerSales = 11,
    PartnerMarketing = 12,
    PartnerSupport = 13,
}

public static class Roles
{
    public static bool IsVendorRole(this Role role) => role < Role.PartnerAdmin;

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>A role by its exact name ("PartnerSales", any case); numbers, lists and unknown names are not roles.</summary>
    public static Role? Parse(string? name) =>
        name is null ? null : All.Cast<Role?>().FirstOrDefault(r => string.Equals(r!.Value.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
