using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Webhooks;

/// <summary>EF configuration of subscriptions, deliveries and attempts (the tenant filters are in <see cref="ValuewebDb"/>).</summary>
public static class WebhookModel
{
    public const int MaxUrl = 2000;
    public const int MaxSnippet = 1024;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<WebhookSubscription>(b =>
        {
            b.Property(s => s.Url).HasMaxLength(MaxUrl);
            b.Property(s => s.EventTypes).HasMaxLength(1000);
            b.Property(s => s.Secret).HasMaxLength(1000);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasIndex(s => s.OrganisationId);
            b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WebhookDelivery>(b =>
        {
            b.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
            b.Property(d => d.LastResponse).HasMaxLength(MaxSnippet);
            b.Property(d => d.LastError).HasMaxLength(1000);
            b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<DomainEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<WebhookDeliveryAttempt>(b =>
        {
            b.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
            b.Property(a => a.Response).HasMaxLength(MaxSnippet);
            b.Property(a => a.Error).HasMaxLength(1000);
            b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
