using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Leads.Import;

/// <summary>Tables of lead imports. Only the vendor sees them (<see cref="Data.ValuewebDb"/>).</summary>
public static class LeadImportModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LeadImport>(b =>
        {
            b.Property(i => i.Version).IsConcurrencyToken();
            b.Property(i => i.FileName).HasMaxLength(200);
            b.Property(i => i.SourceSystem).HasMaxLength(40);
            b.Property(i => i.Mapping).HasMaxLength(4000);
            b.Property(i => i.ErrorReport).HasMaxLength(LeadImport.MaxReportChars + 1000);
            b.Property(i => i.Failure).HasMaxLength(2000);
            b.HasOne<Person>().WithMany().HasForeignKey(i => i.UploadedByPersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<LeadImportFile>(b =>
        {
            b.HasKey(f => new { f.ImportId, f.Part });
            b.HasOne<LeadImport>().WithMany().HasForeignKey(f => f.ImportId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
