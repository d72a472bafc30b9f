using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Catalog;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Partners;

internal static class PartnerModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Partner>(b =>
        {
            b.HasOne<Organisation>().WithOne().HasForeignKey<Partner>(p => p.Id).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Tier>().WithMany().HasForeignKey(p => p.TierId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PartnerProgram>().WithMany().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(p => p.ChannelManagerId).OnDelete(DeleteBehavior.Restrict);
            b.Property(p => p.PublicDescription).HasMaxLength(2000);
            b.Property(p => p.PrivateNotes).HasMaxLength(4000);
            b.HasMany(p => p.Countries).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.ProductLines).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Locations).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Domains).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Attributes).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PartnerCountry>(b =>
        {
            b.ToTable("PartnerCountries");
            b.HasKey(c => new { c.PartnerId, c.CountryCode });
            b.Property(c => c.CountryCode).HasMaxLength(2);
            b.HasIndex(c => c.CountryCode);
        });
        builder.Entity<PartnerProductLine>(b =>
        {
            b.ToTable("PartnerProductLines");
            b.HasKey(c => new { c.PartnerId, c.ProductLineId });
            b.HasOne<ProductLine>().WithMany().HasForeignKey(c => c.ProductLineId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => c.ProductLineId);
        });
        builder.Entity<PartnerDomain>(b =>
        {
            b.ToTable("PartnerDomains");
            b.HasKey(c => new { c.PartnerId, c.Domain });
            b.HasIndex(c => c.Domain);
        });
        builder.Entity<PartnerAttribute>(b =>
        {
            b.ToTable("PartnerAttributes");
            b.HasKey(c => new { c.PartnerId, c.Kind, c.Value });
            b.HasIndex(c => new { c.Kind, c.Value });
        });
        builder.Entity<PartnerLocation>(b =>
        {
            b.Property(c => c.CountryCode).HasMaxLength(2);
            b.HasIndex(c => new { c.Latitude, c.Longitude });
        });
    }
}
