using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Deals;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Incentives;

/// <summary>EF configuration of programs, accruals, disputes and payout batches, (the tenant filters are in <see cref="ValuewebDb"/>).</summary>
public static class IncentiveModel
{
    public const int MaxExplanation = 1000;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IncentiveProgram>(b =>
        {
            b.Property(p => p.Currency).HasMaxLength(3);
            b.Property(p => p.Description).HasMaxLength(2000);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasMany(p => p.Rules).WithOne().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Multipliers).WithOne().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<IncentiveRule>(b =>
        {
            b.HasIndex(r => new { r.ProgramId, r.Position });
            b.HasOne<ProductLine>().WithMany().HasForeignKey(r => r.ProductLineId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<TierMultiplier>(b =>
        {
            b.HasKey(m => new { m.ProgramId, m.TierId });
            b.HasOne<Tier>().WithMany().HasForeignKey(m => m.TierId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DealSplit>(b =>
        {
            b.HasKey(s => new { s.RegistrationId, s.PartnerId });
            b.HasOne<DealRegistration>().WithMany().HasForeignKey(s => s.RegistrationId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ExchangeRate>(b =>
        {
            b.Property(r => r.From).HasMaxLength(3);
            b.Property(r => r.To).HasMaxLength(3);
            b.HasIndex(r => new { r.From, r.To, r.ValidFrom }).IsUnique();
        });
        builder.Entity<Accrual>(b =>
        {
            b.Property(a => a.BaseCurrency).HasMaxLength(3);
            b.Property(a => a.Currency).HasMaxLength(3);
            b.Property(a => a.Period).HasMaxLength(7);
            b.Property(a => a.Explanation).HasMaxLength(MaxExplanation);
            b.HasIndex(a => new { a.PartnerId, a.Period });
            b.HasIndex(a => new { a.RegistrationId, a.RuleId, a.PartnerId, a.Kind }).IsUnique();
            b.HasIndex(a => new { a.RuleId, a.PartnerId });
            b.HasIndex(a => a.FundClaimId).IsUnique();
            b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<IncentiveProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AccrualDispute>(b =>
        {
            b.Property(d => d.Comment).HasMaxLength(2000);
            b.Property(d => d.Resolution).HasMaxLength(2000);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.HasIndex(d => new { d.Status, d.OpenedAt });
            b.HasIndex(d => d.AccrualId);
            b.HasIndex(d => d.PartnerId);
            b.HasOne<Accrual>().WithMany().HasForeignKey(d => d.AccrualId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PayoutBatch>(b =>
        {
            b.Property(p => p.Period).HasMaxLength(7);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasIndex(p => p.CreatedAt);
        });
        builder.Entity<PayoutBatchLine>(b =>
        {
            b.HasKey(l => l.AccrualId);
            b.HasIndex(l => l.BatchId);
        });
        builder.Entity<PayoutBatchTotal>(b =>
        {
            b.HasKey(t => new { t.BatchId, t.PartnerId, t.Currency });
            b.Property(t => t.Currency).HasMaxLength(3);
            b.HasOne<PayoutBatch>().WithMany().HasForeignKey(t => t.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
