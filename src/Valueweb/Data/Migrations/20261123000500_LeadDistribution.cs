using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>Lead distribution (M2): leads and their product interest, offers, routing decisions, partner load, lead settings.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261123000500_LeadDistribution")]
public sealed class LeadDistributionTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Leads",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Identity = t.Column<string>(maxLength: 200, nullable: false),
                Channel = t.Column<string>(maxLength: 20, nullable: false),
                Source = t.Column<string>(maxLength: 100, nullable: false),
                SourceSystem = t.Column<string>(maxLength: 40, nullable: true),
                SourceRecordId = t.Column<string>(maxLength: 100, nullable: true),
                FirstName = t.Column<string>(maxLength: 400, nullable: false),
                LastName = t.Column<string>(maxLength: 400, nullable: false),
                Company = t.Column<string>(maxLength: 400, nullable: false),
                Title = t.Column<string>(maxLength: 400, nullable: false),
                Email = t.Column<string>(maxLength: 254, nullable: true),
                Phone = t.Column<string>(maxLength: 50, nullable: true),
                Website = t.Column<string>(maxLength: 253, nullable: true),
                CountryCode = t.Column<string>(maxLength: 2, nullable: false),
                City = t.Column<string>(maxLength: 400, nullable: false),
                Latitude = t.Column<double>(nullable: true),
                Longitude = t.Column<double>(nullable: true),
                Industry = t.Column<string>(maxLength: 400, nullable: false),
                Segment = t.Column<string>(maxLength: 400, nullable: false),
                Employees = t.Column<int>(nullable: true),
                Description = t.Column<string>(maxLength: 4000, nullable: false),
                ValueMinor = t.Column<long>(nullable: true),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                Score = t.Column<int>(nullable: false),
                Qualified = t.Column<bool>(nullable: false),
                ScoreReasons = t.Column<string>(maxLength: 4000, nullable: false),
                RedFlag = t.Column<bool>(nullable: false),
                Status = t.Column<int>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: true),
                Round = t.Column<int>(nullable: false),
                OfferedAt = t.Column<DateTime>(nullable: true),
                DeadlineAt = t.Column<DateTime>(nullable: true),
                AcceptedAt = t.Column<DateTime>(nullable: true),
                DealRegistrationId = t.Column<Guid>(nullable: true),
                LostReason = t.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Leads", x => x.Id);
                t.ForeignKey("FK_Leads_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PartnerLeadLoads",
            columns: t => new
            {
                PartnerId = t.Column<Guid>(nullable: false),
                OpenLeads = t.Column<int>(nullable: false),
                Day = t.Column<DateOnly>(nullable: false),
                DayCount = t.Column<int>(nullable: false),
                Assigned = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerLeadLoads", x => x.PartnerId);
                t.ForeignKey("FK_PartnerLeadLoads_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LeadSettings",
            columns: t => new
            {
                ProgramId = t.Column<Guid>(nullable: false),
                AcceptanceHours = t.Column<int>(nullable: false),
                TierAcceptanceHours = t.Column<string>(maxLength: 4000, nullable: false),
                ReminderDays = t.Column<int>(nullable: false),
                HighValueMinor = t.Column<long>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                Qualification = t.Column<string>(maxLength: 100000, nullable: false),
                Routing = t.Column<string>(maxLength: 100000, nullable: false),
                Walls = t.Column<string>(maxLength: 100000, nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadSettings", x => x.ProgramId);
                t.ForeignKey("FK_LeadSettings_Programs_ProgramId", x => x.ProgramId, "Programs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LeadOffers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                LeadId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                Round = t.Column<int>(nullable: false),
                OfferedAt = t.Column<DateTime>(nullable: false),
                DeadlineAt = t.Column<DateTime>(nullable: false),
                Outcome = t.Column<int>(nullable: false),
                Reason = t.Column<string>(maxLength: 1000, nullable: true),
                AnsweredAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadOffers", x => x.Id);
                t.ForeignKey("FK_LeadOffers_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_LeadOffers_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "LeadProductLines",
            columns: t => new
            {
                LeadId = t.Column<Guid>(nullable: false),
                ProductLineId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadProductLines", x => new { x.LeadId, x.ProductLineId });
                t.ForeignKey("FK_LeadProductLines_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_LeadProductLines_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "LeadRoutings",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                LeadId = t.Column<Guid>(nullable: false),
                Round = t.Column<int>(nullable: false),
                DecidedAt = t.Column<DateTime>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: true),
                Fallback = t.Column<string>(maxLength: 20, nullable: true),
                Explanation = t.Column<string>(maxLength: 100000, nullable: false),
                WinnerReason = t.Column<string>(maxLength: 2000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadRoutings", x => x.Id);
                t.ForeignKey("FK_LeadRoutings_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_LeadOffers_LeadId", "LeadOffers", "LeadId");
        migrationBuilder.CreateIndex("IX_LeadOffers_PartnerId_Outcome", "LeadOffers", new[] { "PartnerId", "Outcome" });
        migrationBuilder.CreateIndex("IX_LeadProductLines_ProductLineId", "LeadProductLines", "ProductLineId");
        migrationBuilder.CreateIndex("IX_LeadRoutings_LeadId", "LeadRoutings", "LeadId");
        migrationBuilder.CreateIndex("IX_Leads_Identity", "Leads", "Identity", unique: true);
        migrationBuilder.CreateIndex("IX_Leads_PartnerId_Status", "Leads", new[] { "PartnerId", "Status" });
        migrationBuilder.CreateIndex("IX_Leads_Status_CreatedAt", "Leads", new[] { "Status", "CreatedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
