using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Valueweb.Features.Webhooks;

namespace Valueweb.Data.Migrations;

/// <summary>Signed webhooks (M12): subscriptions per organisation, one delivery per event and subscription, and the log of every attempt.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261125000100_Webhooks")]
public sealed class WebhookTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WebhookSubscriptions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Url = t.Column<string>(maxLength: WebhookModel.MaxUrl, nullable: false),
                EventTypes = t.Column<string>(maxLength: 1000, nullable: false),
                Secret = t.Column<string>(maxLength: 1000, nullable: false),
                Active = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                SecretRotatedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                t.ForeignKey("FK_WebhookSubscriptions_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                SubscriptionId = t.Column<Guid>(nullable: false),
                EventId = t.Column<Guid>(nullable: false),
                EventType = t.Column<string>(maxLength: 400, nullable: false),
                State = t.Column<int>(nullable: false),
                Attempts = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                FirstAttemptAt = t.Column<DateTime>(nullable: true),
                LastAttemptAt = t.Column<DateTime>(nullable: true),
                NextAttemptAt = t.Column<DateTime>(nullable: true),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                LastStatusCode = t.Column<int>(nullable: true),
                LastResponse = t.Column<string>(maxLength: WebhookModel.MaxSnippet, nullable: false),
                LastError = t.Column<string>(maxLength: 1000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                t.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_WebhookDeliveries_Events_EventId", x => x.EventId, "Events", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "WebhookDeliveryAttempts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                DeliveryId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                StatusCode = t.Column<int>(nullable: true),
                Response = t.Column<string>(maxLength: WebhookModel.MaxSnippet, nullable: false),
                Error = t.Column<string>(maxLength: 1000, nullable: false),
                DurationMs = t.Column<int>(nullable: false),
                Redelivery = t.Column<bool>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WebhookDeliveryAttempts", x => x.Id);
                t.ForeignKey("FK_WebhookDeliveryAttempts_WebhookDeliveries_DeliveryId", x => x.DeliveryId, "WebhookDeliveries", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_WebhookSubscriptions_OrganisationId", "WebhookSubscriptions", "OrganisationId");
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_SubscriptionId_EventId", "WebhookDeliveries", ["SubscriptionId", "EventId"], unique: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_EventId", "WebhookDeliveries", "EventId");
        migrationBuilder.CreateIndex("IX_WebhookDeliveryAttempts_DeliveryId_Number", "WebhookDeliveryAttempts", ["DeliveryId", "Number"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
