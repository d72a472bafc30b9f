using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Catalog;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Leads;

/// <summary>Tables of lead distribution. Who sees which rows is set in <see cref="Data.ValuewebDb"/>.</summary>
public static class LeadModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Lead>(b =>
        {
            b.Property(l => l.Version).IsConcurrencyToken();
            b.Property(l => l.Identity).HasMaxLength(200);
            b.HasIndex(l => l.Identity).IsUnique();
            b.Property(l => l.Channel).HasMaxLength(20);
            b.Property(l => l.Source).HasMaxLength(100);
            b.Property(l => l.SourceSystem).HasMaxLength(40);
            b.Property(l => l.SourceRecordId).HasMaxLength(100);
            b.Property(l => l.Email).HasMaxLength(254);
            b.Property(l => l.Phone).HasMaxLength(50);
            b.Property(l => l.Website).HasMaxLength(253);
            b.Property(l => l.CountryCode).HasMaxLength(2);
            b.Property(l => l.Currency).HasMaxLength(3);
            b.Property(l => l.Description).HasMaxLength(4000);
            b.Property(l => l.ScoreReasons).HasMaxLength(4000);
            b.Property(l => l.LostReason).HasMaxLength(1000);
            b.HasIndex(l => new { l.PartnerId, l.Status });
            b.HasIndex(l => new { l.Status, l.CreatedAt });
            b.HasOne<Organisation>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(l => l.ProductLines).WithOne().HasForeignKey(p => p.LeadId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LeadProductLine>(b =>
        {
            b.HasKey(p => new { p.LeadId, p.ProductLineId });
            b.HasIndex(p => p.ProductLineId);
            b.HasOne<ProductLine>().WithMany().HasForeignKey(p => p.ProductLineId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<LeadOffer>(b =>
        {
            b.Property(o => o.Reason).HasMaxLength(1000);
            b.HasIndex(o => o.LeadId);
            b.HasIndex(o => new { o.PartnerId, o.Outcome });
            b.HasOne<Lead>().WithMany().HasForeignKey(o => o.LeadId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Organisation>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<LeadRouting>(b =>
        {
            b.Property(r => r.Fallback).HasMaxLength(20);
            b.Property(r => r.Explanation).HasMaxLength(100_000);
            b.Property(r => r.WinnerReason).HasMaxLength(2000);
            b.HasIndex(r => r.LeadId);
            b.HasOne<Lead>().WithMany().HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PartnerLeadLoad>(b =>
        {
            b.HasKey(l => l.PartnerId);
            b.HasOne<Organisation>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LeadSettings>(b =>
        {
            b.HasKey(s => s.ProgramId);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.Property(s => s.Currency).HasMaxLength(3);
            b.Property(s => s.TierAcceptanceHours).HasMaxLength(4000);
            b.Property(s => s.Qualification).HasMaxLength(100_000);
            b.Property(s => s.Routing).HasMaxLength(100_000);
            b.Property(s => s.Walls).HasMaxLength(100_000);
            b.HasOne<PartnerProgram>().WithOne().HasForeignKey<LeadSettings>(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });
        Import.LeadImportModel.Configure(builder);
    }
}
