namespace Valueweb.Platform.Access;

/// <summary>What someone may do. Which roles may do it is decided in <see cref="AccessPolicy"/>.</summary>
public enum Permission
{
    /// <summary>Read partner companies (vendor: all of them; partner: its own).</summary>
    ReadPartners,
    /// <summary>Change any partner's record: tier, channel manager, status.</summary>
    ManagePartners,
    /// <summary>Approve or reject applications to the program.</summary>
    ReviewApplications,
    /// <summary>Edit one's own company's profile.</summary>
    EditOwnProfile,
    /// <summary>Invite and manage the people of one's own company.</summary>
    ManageOwnPeople,
    /// <summary>Edit the catalog of product lines, the program and its tiers.</summary>
    ManageProgram,
    /// <summary>Read the audit log.</summary>
    ReadAudit,
    /// <summary>Create and revoke the organisation's API keys.</summary>
    ManageApiKeys,
    /// <summary>See background jobs and their state.</summary>
    ReadJobs,
    /// <summary>Accept the program agreement for one's company.</summary>
    AcceptAgreement,
    /// <summary>List the people of one's own company.</summary>
    ReadPeople,
    /// <summary>Read deal registrations (vendor: all; partner: its own and those granted to it), the pipeline and forecast.</summary>
    ReadDeals,
    /// <summary>Register opportunities for one's company and work them: stages, won, lost, extensions.</summary>
    RegisterDeals,
    /// <summary>Decide registrations: approve, reject, reassign.</summary>
    DecideDeals,
    /// <summary>Keep the direct sales force's deals and named accounts, and customer aliases.</summary>
    ManageDirectSales,
    /// <summary>Read leads (vendor: all, with their routing; partner: those offered to it or worked by it).</summary>
    ReadLeads,
    /// <summary>Take leads in (API, import), route them again, withdraw them, see the funnel.</summary>
    ManageLeads,
    /// <summary>Answer the leads offered to one's company and report their progress.</summary>
    WorkLeads,
    /// <summary>Read anything signed-in people may read (the catalog, one's own notifications).</summary>
    SignedIn,
    /// <summary>Subscribe the organisation's URLs to events, rotate their secrets, read their delivery log and redeliver.</summary>
    ManageWebhooks,
    /// <summary>Create and edit incentive programs and their rules.</summary>
    ManageIncentivePrograms,
    /// <summary>Read earnings: statements and accrual lines (vendor: every partner's; partner: its own) and disputes.</summary>
    ReadEarnings,
    /// <summary>Dispute a line of one's own company's statement.</summary>
    DisputeEarnings,
    /// <summary>Finance: exchange rates, payout batches (build, approve, pay, export), dispute resolutions, recalculation.</summary>
    ManagePayouts,
    /// <summary>Read market development funds: budgets, requests, claims (vendor: all; partner: its own) and campaign themes.</summary>
    ReadFunds,
    /// <summary>Request funds for one's company and claim them with proof.</summary>
    RequestFunds,
    /// <summary>Vendor marketing: pools, budgets, themes, decisions on requests and claims, return on funds.</summary>
    ManageFunds,
}
