using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Customers;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Deals;

/// <summary>Tables of deal registration, customers and direct sales. Who sees which rows is set in <see cref="ValuewebDb"/>.</summary>
public static class DealModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CustomerAccount>(b =>
        {
            b.Property(a => a.Version).IsConcurrencyToken();
            b.Property(a => a.CountryCode).HasMaxLength(2);
            b.Property(a => a.Domain).HasMaxLength(253);
            b.HasIndex(a => a.Domain);
            b.HasIndex(a => a.Name);
            b.HasMany(a => a.Aliases).WithOne().HasForeignKey(a => a.CustomerAccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CustomerAlias>(b =>
        {
            b.HasIndex(a => a.CustomerAccountId);
        });
        builder.Entity<CustomerKey>(b =>
        {
            b.HasKey(k => new { k.KeyHash, k.CustomerAccountId });
            b.HasIndex(k => k.CustomerAccountId);
            b.HasOne<CustomerAccount>().WithMany().HasForeignKey(k => k.CustomerAccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DealRegistration>(b =>
        {
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Property(r => r.CustomerCountry).HasMaxLength(2);
            b.Property(r => r.CustomerDomain).HasMaxLength(253);
            b.Property(r => r.Currency).HasMaxLength(3);
            b.Property(r => r.Stage).HasMaxLength(40);
            b.Property(r => r.Description).HasMaxLength(4000);
            b.Property(r => r.ContactPhone).HasMaxLength(50);
            b.Property(r => r.DecisionReason).HasMaxLength(1000);
            b.Property(r => r.LostReason).HasMaxLength(1000);
            b.Property(r => r.ReversalReason).HasMaxLength(1000);
            b.HasIndex(r => r.CustomerAccountId);
            b.HasIndex(r => new { r.PartnerId, r.SubmittedAt });
            b.HasIndex(r => new { r.Status, r.ProtectedUntil });
            b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<CustomerAccount>().WithMany().HasForeignKey(r => r.CustomerAccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(r => r.ProductLines).WithOne().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(r => r.Conflicts).WithOne().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DealProductLine>(b =>
        {
            b.HasKey(p => new { p.RegistrationId, p.ProductLineId });
            b.HasIndex(p => p.ProductLineId);
            b.HasOne<ProductLine>().WithMany().HasForeignKey(p => p.ProductLineId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<DealConflict>(b =>
        {
            b.HasIndex(c => c.RegistrationId);
            b.HasIndex(c => c.OtherId);
            b.Property(c => c.Reason).HasMaxLength(1000);
        });

        builder.Entity<DirectDeal>(b =>
        {
            b.HasIndex(d => d.CustomerAccountId);
            b.HasOne<CustomerAccount>().WithMany().HasForeignKey(d => d.CustomerAccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(d => d.ProductLines).WithOne().HasForeignKey(p => p.DirectDealId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DirectDealProductLine>(b =>
        {
            b.ToTable("DirectDealProductLines");
            b.HasKey(p => new { p.DirectDealId, p.ProductLineId });
            b.HasOne<ProductLine>().WithMany().HasForeignKey(p => p.ProductLineId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<NamedAccount>(b =>
        {
            b.HasIndex(n => n.CustomerAccountId).IsUnique();
            b.HasOne<CustomerAccount>().WithMany().HasForeignKey(n => n.CustomerAccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(n => n.ProductLines).WithOne().HasForeignKey(p => p.NamedAccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<NamedAccountProductLine>(b =>
        {
            b.ToTable("NamedAccountProductLines");
            b.HasKey(p => new { p.NamedAccountId, p.ProductLineId });
            b.HasOne<ProductLine>().WithMany().HasForeignKey(p => p.ProductLineId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DealStage>(b =>
        {
            b.HasIndex(s => new { s.ProgramId, s.Key }).IsUnique();
            b.Property(s => s.Key).HasMaxLength(40);
            b.Property(s => s.Name).HasMaxLength(100);
            b.HasOne<PartnerProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PartnerProgram>(b => b.Property(p => p.ReportingCurrency).HasMaxLength(3));
        builder.Entity<CurrencyRate>(b =>
        {
            b.HasKey(r => r.Currency);
            b.Property(r => r.Currency).HasMaxLength(3);
        });
    }
}
