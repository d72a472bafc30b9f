using Valueweb.Features.Organisations;

namespace Valueweb.Platform.Access;

/// <summary>The one table of roles × actions. Read it top to bottom: a row is an action, its cells the roles allowed.</summary>
public static class AccessPolicy
{
    private static readonly Role[] AllVendor = [Role.VendorAdmin, Role.ChannelManager, Role.VendorMarketing, Role.VendorFinance, Role.DirectSales, Role.Analyst];
    private static readonly Role[] AllPartner = [Role.PartnerAdmin, Role.PartnerSales, Role.PartnerMarketing, Role.PartnerSupport];

    public static readonly IReadOnlyDictionary<Permission, Role[]> Table = new Dictionary<Permission, Role[]>
    {
        [Permission.SignedIn] = [.. AllVendor, .. AllPartner],
        [Permission.ReadPartners] = [.. AllVendor, .. AllPartner],
        [Permission.ManagePartners] = [Role.VendorAdmin, Role.ChannelManager],
        [Permission.ReviewApplications] = [Role.VendorAdmin, Role.ChannelManager],
        [Permission.EditOwnProfile] = [Role.PartnerAdmin, Role.PartnerMarketing],
        [Permission.ManageOwnPeople] = [Role.VendorAdmin, Role.PartnerAdmin],
        [Permission.ManageProgram] = [Role.VendorAdmin],
        [Permission.ReadAudit] = [Role.VendorAdmin],
        [Permission.ManageApiKeys] = [Role.VendorAdmin, Role.PartnerAdmin],
        [Permission.ReadJobs] = [Role.VendorAdmin],
        [Permission.AcceptAgreement] = [Role.PartnerAdmin],
        [Permission.ReadPeople] = [.. AllVendor, .. AllPartner],
        [Permission.ReadDeals] = [.. AllVendor, Role.PartnerAdmin, Role.PartnerSales, Role.PartnerMarketing],
        [Permission.RegisterDeals] = [Role.PartnerAdmin, Role.PartnerSales],
        [Permission.DecideDeals] = [Role.VendorAdmin, Role.ChannelManager],
        [Permission.ManageDirectSales] = [Role.VendorAdmin, Role.DirectSales],
        [Permission.ReadLeads] = [Role.VendorAdmin, Role.ChannelManager, Role.VendorMarketing, Role.DirectSales, Role.Analyst, Role.PartnerAdmin, Role.PartnerSales],
        [Permission.ManageLeads] = [Role.VendorAdmin, Role.ChannelManager, Role.VendorMarketing],
        [Permission.WorkLeads] = [Role.PartnerAdmin, Role.PartnerSales],
        [Permission.ManageWebhooks] = [Role.VendorAdmin, Role.PartnerAdmin],
        [Permission.ManageIncentivePrograms] = [Role.VendorAdmin],
        [Permission.ReadEarnings] = [Role.VendorAdmin, Role.ChannelManager, Role.VendorFinance, Role.Analyst, Role.PartnerAdmin, Role.PartnerSales],
        [Permission.DisputeEarnings] = [Role.PartnerAdmin, Role.PartnerSales],
        [Permission.ManagePayouts] = [Role.VendorFinance],
        [Permission.ReadFunds] = [Role.VendorAdmin, Role.ChannelManager, Role.VendorMarketing, Role.VendorFinance, Role.Analyst, Role.PartnerAdmin, Role.PartnerMarketing],
        [Permission.RequestFunds] = [Role.PartnerAdmin, Role.PartnerMarketing],
        [Permission.ManageFunds] = [Role.VendorAdmin, Role.VendorMarketing],
    };

    public static bool Allows(Role role, Permission permission) => Table.TryGetValue(permission, out var roles) && roles.Contains(role);

    /// <summary>The API-key scope that stands for a permission ("partners:read"); null when keys may not do it.</summary>
    public static string? Scope(Permission permission) => permission switch
    {
        Permission.SignedIn or Permission.ReadPartners => "partners:read",
        Permission.ManagePartners or Permission.ReviewApplications or Permission.EditOwnProfile => "partners:write",
        Permission.ManageProgram => "program:write",
        Permission.ReadAudit => "audit:read",
        Permission.ReadPeople => "people:read",
        Permission.ReadDeals => "deals:read",
        Permission.RegisterDeals or Permission.DecideDeals or Permission.ManageDirectSales => "deals:write",
        Permission.ReadLeads => "leads:read",
        Permission.ManageLeads or Permission.WorkLeads => "leads:write",
        Permission.ManageWebhooks => "webhooks:write",
        Permission.ReadEarnings => "incentives:read",
        Permission.ManageIncentivePrograms or Permission.DisputeEarnings or Permission.ManagePayouts => "incentives:write",
        Permission.ReadFunds => "funds:read",
        Permission.RequestFunds or Permission.ManageFunds => "funds:write",
        _ => null,
    };

    /// <summary>The scopes that let a key of this role do anything: those of the permissions the role has.</summary>
    public static IReadOnlySet<string> ScopesFor(Role role) =>
        Table.Where(p => p.Value.Contains(role)).Select(p => Scope(p.Key)).OfType<string>().ToHashSet();

    public static IReadOnlyList<string> AllScopes { get; } = ["partners:read", "partners:write", "program:write", "audit:read", "people:read", "deals:read", "deals:write", "leads:read", "leads:write", "webhooks:write", "incentives:read", "incentives:write", "funds:read", "funds:write"];
}
