using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Catalog;
using Valueweb.Features.Customers;
using Valueweb.Features.Deals;
using Valueweb.Features.Identity;
using Valueweb.Features.Organisations;
using Valueweb.Features.Notifications;
using Valueweb.Features.Onboarding;
using Valueweb.Features.Partners;
using Valueweb.Platform.Jobs;

namespace Valueweb.Data;

public sealed class ValuewebDb(DbContextOptions<ValuewebDb> options, TenantScope tenant)
    : IdentityUserContext<Account, Guid>(options)
{
    /// <summary>The name of the visibility filter; vendor-wide and public views switch off only this one, on purpose.</summary>
    public const string TenantFilter = "Tenant";

    internal bool TenantSeesAll => tenant.SeesAll;
    internal Guid TenantOrganisationId => tenant.OrganisationId;
    public TenantScope Tenant => tenant;

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PartnerLocation> PartnerLocations => Set<PartnerLocation>();
    public DbSet<ProductLine> ProductLines => Set<ProductLine>();
    public DbSet<PartnerProgram> Programs => Set<PartnerProgram>();
    public DbSet<Tier> Tiers => Set<Tier>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<DomainEvent> Events => Set<DomainEvent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredDataProtectionKey> DataProtectionKeys => Set<StoredDataProtectionKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ProgramAgreement> Agreements => Set<ProgramAgreement>();
    public DbSet<AgreementAcceptance> AgreementAcceptances => Set<AgreementAcceptance>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Features.Locator.LocatorEntry> LocatorEntries => Set<Features.Locator.LocatorEntry>();
    public DbSet<CustomerAccount> CustomerAccounts => Set<CustomerAccount>();
    public DbSet<CustomerAlias> CustomerAliases => Set<CustomerAlias>();
    public DbSet<CustomerKey> CustomerKeys => Set<CustomerKey>();
    public DbSet<DealRegistration> DealRegistrations => Set<DealRegistration>();
    public DbSet<DealProductLine> DealProductLines => Set<DealProductLine>();
    public DbSet<DealConflict> DealConflicts => Set<DealConflict>();
    public DbSet<DirectDeal> DirectDeals => Set<DirectDeal>();
    public DbSet<NamedAccount> NamedAccounts => Set<NamedAccount>();
    public DbSet<DealStage> DealStages => Set<DealStage>();
    public DbSet<CurrencyRate> CurrencyRates => Set<CurrencyRate>();
    public DbSet<Features.Leads.Lead> Leads => Set<Features.Leads.Lead>();
    public DbSet<Features.Leads.LeadProductLine> LeadProductLines => Set<Features.Leads.LeadProductLine>();
    public DbSet<Features.Leads.LeadOffer> LeadOffers => Set<Features.Leads.LeadOffer>();
    public DbSet<Features.Leads.LeadRouting> LeadRoutings => Set<Features.Leads.LeadRouting>();
    public DbSet<Features.Leads.PartnerLeadLoad> PartnerLeadLoads => Set<Features.Leads.PartnerLeadLoad>();
    public DbSet<Features.Leads.LeadSettings> LeadSettings => Set<Features.Leads.LeadSettings>();
    public DbSet<Features.Leads.Import.LeadImport> LeadImports => Set<Features.Leads.Import.LeadImport>();
    public DbSet<Features.Leads.Import.LeadImportFile> LeadImportFiles => Set<Features.Leads.Import.LeadImportFile>();
    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();
    public DbSet<Features.Webhooks.WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<Features.Webhooks.WebhookDeliveryAttempt>();
    public DbSet<Features.Incentives.IncentiveProgram> IncentivePrograms => Set<Features.Incentives.IncentiveProgram>();
    public DbSet<Features.Incentives.IncentiveRule> IncentiveRules => Set<Features.Incentives.IncentiveRule>();
    public DbSet<Features.Incentives.TierMultiplier> TierMultipliers => Set<Features.Incentives.TierMultiplier>();
    public DbSet<Features.Incentives.DealSplit> DealSplits => Set<Features.Incentives.DealSplit>();
    public DbSet<Features.Incentives.ExchangeRate> ExchangeRates => Set<Features.Incentives.ExchangeRate>();
    public DbSet<Features.Incentives.Accrual> Accruals => Set<Features.Incentives.Accrual>();
    public DbSet<Features.Incentives.AccrualDispute> AccrualDisputes => Set<Features.Incentives.AccrualDispute>();
    public DbSet<Features.Incentives.PayoutBatch> PayoutBatches => Set<Features.Incentives.PayoutBatch>();
    public DbSet<Features.Incentives.PayoutBatchLine> PayoutBatchLines => Set<Features.Incentives.PayoutBatchLine>();
    public DbSet<Features.Incentives.PayoutBatchTotal> PayoutBatchTotals => Set<Features.Incentives.PayoutBatchTotal>();
    public DbSet<Platform.Files.StoredFile> StoredFiles => Set<Platform.Files.StoredFile>();
    public DbSet<Platform.Files.StoredFileContent> StoredFileContents => Set<Platform.Files.StoredFileContent>();
    public DbSet<Features.Funds.FundPool> FundPools => Set<Features.Funds.FundPool>();
    public DbSet<Features.Funds.FundBudget> FundBudgets => Set<Features.Funds.FundBudget>();
    public DbSet<Features.Funds.CampaignTheme> CampaignThemes => Set<Features.Funds.CampaignTheme>();
    public DbSet<Features.Funds.FundRequest> FundRequests => Set<Features.Funds.FundRequest>();
    public DbSet<Features.Funds.FundClaim> FundClaims => Set<Features.Funds.FundClaim>();
    public DbSet<Features.Funds.FundClaimFile> FundClaimFiles => Set<Features.Funds.FundClaimFile>();

    /// <summary>
    /// Saves, and keeps the locator's entries in step with partner changes in the same transaction; new events get their
    /// webhook deliveries in the same save (<see cref="Features.Webhooks.WebhookFanOut"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await Features.Webhooks.WebhookFanOut.AddDeliveriesAsync(this, cancellationToken);
        using var reference = new ReferenceDataWatch(this);
        var affected = Features.Locator.LocatorIndex.Affected(ChangeTracker);
        if (affected is { Count: 0 }) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Features.Locator.LocatorIndex.RefreshAsync(this, affected, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Features.Locator.LocatorIndex.Affected(ChangeTracker) is not { Count: 0 })
            throw new InvalidOperationException("Save partner changes with SaveChangesAsync, which keeps the locator in step.");
        Features.Webhooks.WebhookFanOut.AddDeliveries(this);
        using var reference = new ReferenceDataWatch(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Tells what each process keeps (<see cref="DealReferenceData"/>, <see cref="Features.Leads.RoutingWorld"/>) when a save changes it.</summary>
    private readonly struct ReferenceDataWatch(ValuewebDb db) : IDisposable
    {
        private readonly bool rules = Changes(db, e => e is PartnerProgram or DealStage or ProductLine);
        private readonly bool partners = Changes(db, e => e is Organisation or Partner or PartnerCountry or PartnerProductLine or PartnerAttribute or PartnerLocation
            or Tier or Features.Leads.LeadSettings);

        private static bool Changes(ValuewebDb db, Func<object, bool> of) =>
            db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && of(e.Entity));

        public void Dispose()
        {
            if (rules) DealReferenceData.Changed();
            if (partners) Features.Leads.RoutingWorld.Changed();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(b =>
        {
            b.ToTable("Accounts");
            b.HasIndex(a => a.PersonId).IsUnique();
            b.HasOne<Person>().WithOne().HasForeignKey<Account>(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.Property(a => a.ConcurrencyStamp).HasMaxLength(100);
            b.Property(a => a.SecurityStamp).HasMaxLength(100);
            b.Property(a => a.PasswordHash).HasMaxLength(400);
            b.Property(a => a.PhoneNumber).HasMaxLength(50);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("AccountClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("AccountLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("AccountTokens");

        builder.Entity<Organisation>(b =>
        {
            b.HasIndex(o => o.Slug).IsUnique();
            b.HasIndex(o => new { o.Kind, o.DisplayName });
            b.Property(o => o.Version).IsConcurrencyToken();
            b.HasQueryFilter(TenantFilter, o => TenantSeesAll || o.Id == TenantOrganisationId);
        });
        builder.Entity<Person>(b =>
        {
            b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(p => p.Email).IsUnique();
            b.HasIndex(p => new { p.OrganisationId, p.Name });
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasQueryFilter(TenantFilter, p => TenantSeesAll || p.OrganisationId == TenantOrganisationId);
        });
        PartnerModel.Configure(builder);
        builder.Entity<Partner>().HasQueryFilter(TenantFilter, p => TenantSeesAll || p.Id == TenantOrganisationId);
        builder.Entity<PartnerLocation>().HasQueryFilter(TenantFilter, l => TenantSeesAll || l.PartnerId == TenantOrganisationId);
        builder.Entity<ProductLine>(b =>
        {
            b.HasIndex(p => p.Code).IsUnique();
            b.Property(p => p.Version).IsConcurrencyToken();
        });
        builder.Entity<PartnerProgram>(b =>
        {
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasMany(p => p.Tiers).WithOne().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Tier>(b => b.HasIndex(t => new { t.ProgramId, t.Rank }).IsUnique());
        builder.Entity<ApiKey>(b =>
        {
            b.HasIndex(k => k.Hash).IsUnique();
            b.HasIndex(k => k.OrganisationId);
            b.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(TenantFilter, k => k.OrganisationId == TenantOrganisationId);
        });
        builder.Entity<Grant>(b =>
        {
            b.HasIndex(g => new { g.GranteeOrganisationId, g.ObjectId }).IsUnique();
            b.HasIndex(g => g.ObjectId);
        });
        builder.Entity<DomainEvent>(b =>
        {
            b.HasIndex(e => e.OccurredAt);
            b.HasIndex(e => new { e.SubjectType, e.SubjectId });
            b.Property(e => e.Data).HasMaxLength(8000);
            b.HasMany(e => e.Audience).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DomainEventAudience>(b =>
        {
            b.ToTable("DomainEventAudiences");
            b.HasKey(a => new { a.EventId, a.OrganisationId });
            b.HasIndex(a => a.OrganisationId);
        });
        builder.Entity<AuditEntry>(b =>
        {
            b.HasIndex(a => a.At);
            b.HasIndex(a => new { a.ObjectType, a.ObjectId });
            b.Property(a => a.Details).HasMaxLength(4000);
        });
        builder.Entity<StoredDataProtectionKey>(b => b.Property(k => k.Xml).HasMaxLength(8000));
        builder.Entity<Job>(b =>
        {
            b.HasIndex(j => new { j.State, j.DueAt });
            b.HasIndex(j => j.DedupeKey).IsUnique();
            b.Property(j => j.Payload).HasMaxLength(8000);
            b.Property(j => j.LastError).HasMaxLength(2000);
        });
        builder.Entity<Invitation>(b =>
        {
            b.HasIndex(i => i.TokenHash).IsUnique();
            b.HasIndex(i => i.OrganisationId);
            b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(TenantFilter, i => TenantSeesAll || i.OrganisationId == TenantOrganisationId);
        });
        builder.Entity<ProgramAgreement>(b =>
        {
            b.HasIndex(a => new { a.ProgramId, a.Version }).IsUnique();
            b.Property(a => a.Text).HasMaxLength(20000);
            b.HasOne<PartnerProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AgreementAcceptance>(b =>
        {
            b.HasIndex(a => new { a.PartnerId, a.Version }).IsUnique();
            b.HasOne<ProgramAgreement>().WithMany().HasForeignKey(a => a.AgreementId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(TenantFilter, a => TenantSeesAll || a.PartnerId == TenantOrganisationId);
        });
        builder.Entity<Notification>(b =>
        {
            b.HasIndex(n => new { n.PersonId, n.ReadAt });
            b.Property(n => n.Body).HasMaxLength(4000);
            b.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(TenantFilter, n => n.OrganisationId == TenantOrganisationId);
        });
        builder.Entity<Features.Locator.LocatorEntry>(b =>
        {
            b.HasKey(e => e.LocationId);
            b.Property(e => e.CountryCode).HasMaxLength(2);
            b.HasIndex(e => new { e.Latitude, e.Longitude });
            b.HasIndex(e => e.PartnerId);
        });
        DealModel.Configure(builder);
        // Customers and direct sales are the vendor's; a partner sees its own registrations and those granted to it.
        builder.Entity<CustomerAccount>().HasQueryFilter(TenantFilter, a => TenantSeesAll);
        builder.Entity<CustomerAlias>().HasQueryFilter(TenantFilter, a => TenantSeesAll);
        builder.Entity<CustomerKey>().HasQueryFilter(TenantFilter, k => TenantSeesAll);
        builder.Entity<DirectDeal>().HasQueryFilter(TenantFilter, d => TenantSeesAll);
        builder.Entity<DirectDealProductLine>().HasQueryFilter(TenantFilter, d => TenantSeesAll);
        builder.Entity<NamedAccount>().HasQueryFilter(TenantFilter, n => TenantSeesAll);
        builder.Entity<NamedAccountProductLine>().HasQueryFilter(TenantFilter, n => TenantSeesAll);
        builder.Entity<DealRegistration>().HasQueryFilter(TenantFilter, r => TenantSeesAll || r.PartnerId == TenantOrganisationId
            || Grants.Any(g => g.ObjectId == r.Id && g.GranteeOrganisationId == TenantOrganisationId));
        builder.Entity<DealProductLine>().HasQueryFilter(TenantFilter, p => TenantSeesAll || DealRegistrations.Any(r => r.Id == p.RegistrationId));
        builder.Entity<DealConflict>().HasQueryFilter(TenantFilter, c => TenantSeesAll || DealRegistrations.Any(r => r.Id == c.RegistrationId));
        Features.Leads.LeadModel.Configure(builder);
        // Leads are the vendor's; a partner sees those offered to it or worked by it, its own offers and load.
        builder.Entity<Features.Leads.Lead>().HasQueryFilter(TenantFilter, l => TenantSeesAll || l.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Leads.LeadProductLine>().HasQueryFilter(TenantFilter, p => TenantSeesAll || Leads.Any(l => l.Id == p.LeadId));
        builder.Entity<Features.Leads.LeadOffer>().HasQueryFilter(TenantFilter, o => TenantSeesAll || o.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Leads.LeadRouting>().HasQueryFilter(TenantFilter, r => TenantSeesAll);
        builder.Entity<Features.Leads.PartnerLeadLoad>().HasQueryFilter(TenantFilter, l => TenantSeesAll || l.PartnerId == TenantOrganisationId);
        // Imports of lead files are the vendor's alone, like routing decisions.
        builder.Entity<Features.Leads.Import.LeadImport>().HasQueryFilter(TenantFilter, i => TenantSeesAll);
        builder.Entity<Features.Leads.Import.LeadImportFile>().HasQueryFilter(TenantFilter, f => TenantSeesAll);
        // Webhooks: an organisation sees its own subscriptions and their deliveries, the vendor too (system work ignores the filter by name).
        Features.Webhooks.WebhookModel.Configure(builder);
        builder.Entity<Features.Webhooks.WebhookSubscription>().HasQueryFilter(TenantFilter, s => s.OrganisationId == TenantOrganisationId);
        builder.Entity<Features.Webhooks.WebhookDelivery>().HasQueryFilter(TenantFilter, d => d.OrganisationId == TenantOrganisationId);
        builder.Entity<Features.Webhooks.WebhookDeliveryAttempt>().HasQueryFilter(TenantFilter, a => a.OrganisationId == TenantOrganisationId);
        // Incentives: programs and exchange rates are read by everyone signed in; a partner sees its own accruals and
        // disputes, and the splits of registrations it sees; of payout batches, only those paying it and only so that its
        // lines show their status (the batch pages and endpoints are finance's).
        Features.Incentives.IncentiveModel.Configure(builder);
        builder.Entity<Features.Incentives.DealSplit>().HasQueryFilter(TenantFilter, s => TenantSeesAll || DealRegistrations.Any(r => r.Id == s.RegistrationId));
        builder.Entity<Features.Incentives.Accrual>().HasQueryFilter(TenantFilter, a => TenantSeesAll || a.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Incentives.AccrualDispute>().HasQueryFilter(TenantFilter, d => TenantSeesAll || d.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Incentives.PayoutBatch>().HasQueryFilter(TenantFilter, b => TenantSeesAll || PayoutBatchTotals.Any(t => t.BatchId == b.Id));
        builder.Entity<Features.Incentives.PayoutBatchLine>().HasQueryFilter(TenantFilter, l => TenantSeesAll || Accruals.Any(a => a.Id == l.AccrualId));
        builder.Entity<Features.Incentives.PayoutBatchTotal>().HasQueryFilter(TenantFilter, t => TenantSeesAll || t.PartnerId == TenantOrganisationId);
        // Funds: pools are the vendor's; a partner sees its own budgets, requests, claims and their files; themes are read by all.
        Features.Funds.FundModel.Configure(builder);
        builder.Entity<Platform.Files.StoredFile>().HasQueryFilter(TenantFilter, f => TenantSeesAll || f.OrganisationId == TenantOrganisationId);
        builder.Entity<Platform.Files.StoredFileContent>().HasQueryFilter(TenantFilter, c => TenantSeesAll || StoredFiles.Any(f => f.Id == c.FileId));
        builder.Entity<Features.Funds.FundPool>().HasQueryFilter(TenantFilter, p => TenantSeesAll);
        builder.Entity<Features.Funds.FundBudget>().HasQueryFilter(TenantFilter, b => TenantSeesAll || b.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Funds.FundRequest>().HasQueryFilter(TenantFilter, r => TenantSeesAll || r.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Funds.FundClaim>().HasQueryFilter(TenantFilter, c => TenantSeesAll || c.PartnerId == TenantOrganisationId);
        builder.Entity<Features.Funds.FundClaimFile>().HasQueryFilter(TenantFilter, f => TenantSeesAll || FundClaims.Any(c => c.Id == f.ClaimId));
        builder.Entity<IdempotencyRecord>(b =>
        {
            b.HasKey(r => new { r.OrganisationId, r.Key });
            b.Property(r => r.ResponseBody).HasMaxLength(100_000);
        });

        // Ids are made by the application (Ids.New) when an object is constructed: a new object reached through a
        // navigation is then Added, not mistaken for an existing row.
        foreach (var entity in builder.Model.GetEntityTypes())
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var t } key] && t == typeof(Guid))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }
}
