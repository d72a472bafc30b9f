using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Files;

namespace Valueweb.Features.Funds;

/// <summary>EF configuration of funds and stored files (the tenant filters are in <see cref="Data.ValuewebDb"/>).</summary>
public static class FundModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<StoredFile>(b =>
        {
            b.Property(f => f.Name).HasMaxLength(255);
            b.Property(f => f.ContentType).HasMaxLength(100);
            b.Property(f => f.Sha256).HasMaxLength(64);
            b.HasIndex(f => f.OrganisationId);
        });
        builder.Entity<StoredFileContent>(b =>
        {
            b.HasKey(c => c.FileId);
            b.Property(c => c.Content).HasMaxLength(FundClaims.MaxFileBytes);
            b.HasOne<StoredFile>().WithOne().HasForeignKey<StoredFileContent>(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundPool>(b =>
        {
            b.Property(p => p.Currency).HasMaxLength(3);
            b.Property(p => p.Version).IsConcurrencyToken();
        });
        builder.Entity<FundBudget>(b =>
        {
            b.HasIndex(x => new { x.PoolId, x.PartnerId }).IsUnique();
            b.HasIndex(x => x.PartnerId);
            b.HasOne<FundPool>().WithMany().HasForeignKey(x => x.PoolId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CampaignTheme>(b => b.Property(t => t.Description).HasMaxLength(2000));
        builder.Entity<FundRequest>(b =>
        {
            b.Property(r => r.Plan).HasMaxLength(4000);
            b.Property(r => r.Currency).HasMaxLength(3);
            b.Property(r => r.DecisionReason).HasMaxLength(1000);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasIndex(r => new { r.PartnerId, r.Status });
            b.HasIndex(r => new { r.Status, r.SubmittedAt });
            b.HasIndex(r => r.BudgetId);
            b.HasIndex(r => r.ThemeId);
            b.HasOne<FundBudget>().WithMany().HasForeignKey(r => r.BudgetId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<CampaignTheme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundClaim>(b =>
        {
            b.Property(c => c.Description).HasMaxLength(4000);
            b.Property(c => c.Currency).HasMaxLength(3);
            b.Property(c => c.DecisionReason).HasMaxLength(1000);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasIndex(c => c.RequestId);
            b.HasIndex(c => new { c.PartnerId, c.Status });
            b.HasIndex(c => new { c.Status, c.SubmittedAt });
            b.HasOne<FundRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Leads.Lead>().HasIndex(l => l.FundRequestId);
        builder.Entity<Deals.DealRegistration>().HasIndex(r => r.FundRequestId);
        builder.Entity<FundClaimFile>(b =>
        {
            b.HasKey(f => new { f.ClaimId, f.FileId });
            b.HasIndex(f => f.FileId);
            b.HasOne<FundClaim>().WithMany().HasForeignKey(f => f.ClaimId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
