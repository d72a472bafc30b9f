using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>Market development funds (M5): stored files, pools, budgets, campaign themes, requests, claims and their proofs; activity tags on leads and registrations.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261126000200_Funds")]
public sealed class FundTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>("FundRequestId", "Leads", nullable: true);
        migrationBuilder.AddColumn<Guid>("FundRequestId", "DealRegistrations", nullable: true);

        migrationBuilder.CreateTable(
            name: "StoredFiles",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 255, nullable: false),
                ContentType = t.Column<string>(maxLength: 100, nullable: false),
                Length = t.Column<long>(nullable: false),
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_StoredFiles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "StoredFileContents",
            columns: t => new
            {
                FileId = t.Column<Guid>(nullable: false),
                Content = t.Column<byte[]>(maxLength: Features.Funds.FundClaims.MaxFileBytes, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_StoredFileContents", x => x.FileId);
                t.ForeignKey("FK_StoredFileContents_StoredFiles_FileId", x => x.FileId, "StoredFiles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "FundPools",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                StartsOn = t.Column<DateOnly>(nullable: false),
                EndsOn = t.Column<DateOnly>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                AmountMinor = t.Column<long>(nullable: false),
                AllocatedMinor = t.Column<long>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_FundPools", x => x.Id));

        migrationBuilder.CreateTable(
            name: "FundBudgets",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PoolId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                AmountMinor = t.Column<long>(nullable: false),
                CommittedMinor = t.Column<long>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_FundBudgets", x => x.Id);
                t.ForeignKey("FK_FundBudgets_FundPools_PoolId", x => x.PoolId, "FundPools", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FundBudgets_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CampaignThemes",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                Active = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_CampaignThemes", x => x.Id));

        migrationBuilder.CreateTable(
            name: "FundRequests",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                BudgetId = t.Column<Guid>(nullable: false),
                ThemeId = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 400, nullable: false),
                Plan = t.Column<string>(maxLength: 4000, nullable: false),
                StartsOn = t.Column<DateOnly>(nullable: false),
                EndsOn = t.Column<DateOnly>(nullable: false),
                RequestedMinor = t.Column<long>(nullable: false),
                ApprovedMinor = t.Column<long>(nullable: true),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                Status = t.Column<int>(nullable: false),
                DecisionReason = t.Column<string>(maxLength: 1000, nullable: true),
                SubmittedAt = t.Column<DateTime>(nullable: false),
                DecidedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_FundRequests", x => x.Id);
                t.ForeignKey("FK_FundRequests_FundBudgets_BudgetId", x => x.BudgetId, "FundBudgets", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FundRequests_CampaignThemes_ThemeId", x => x.ThemeId, "CampaignThemes", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "FundClaims",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                RequestId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                Description = t.Column<string>(maxLength: 4000, nullable: false),
                ClaimedMinor = t.Column<long>(nullable: false),
                ApprovedMinor = t.Column<long>(nullable: true),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                Status = t.Column<int>(nullable: false),
                DecisionReason = t.Column<string>(maxLength: 1000, nullable: true),
                AccrualId = t.Column<Guid>(nullable: true),
                SubmittedAt = t.Column<DateTime>(nullable: false),
                DecidedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_FundClaims", x => x.Id);
                t.ForeignKey("FK_FundClaims_FundRequests_RequestId", x => x.RequestId, "FundRequests", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "FundClaimFiles",
            columns: t => new
            {
                ClaimId = t.Column<Guid>(nullable: false),
                FileId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_FundClaimFiles", x => new { x.ClaimId, x.FileId });
                t.ForeignKey("FK_FundClaimFiles_FundClaims_ClaimId", x => x.ClaimId, "FundClaims", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_FundClaimFiles_StoredFiles_FileId", x => x.FileId, "StoredFiles", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_StoredFiles_OrganisationId", "StoredFiles", "OrganisationId");
        migrationBuilder.CreateIndex("IX_FundBudgets_PoolId_PartnerId", "FundBudgets", ["PoolId", "PartnerId"], unique: true);
        migrationBuilder.CreateIndex("IX_FundBudgets_PartnerId", "FundBudgets", "PartnerId");
        migrationBuilder.CreateIndex("IX_FundRequests_PartnerId_Status", "FundRequests", ["PartnerId", "Status"]);
        migrationBuilder.CreateIndex("IX_FundRequests_Status_SubmittedAt", "FundRequests", ["Status", "SubmittedAt"]);
        migrationBuilder.CreateIndex("IX_FundRequests_BudgetId", "FundRequests", "BudgetId");
        migrationBuilder.CreateIndex("IX_FundRequests_ThemeId", "FundRequests", "ThemeId");
        migrationBuilder.CreateIndex("IX_FundClaims_RequestId", "FundClaims", "RequestId");
        migrationBuilder.CreateIndex("IX_FundClaims_PartnerId_Status", "FundClaims", ["PartnerId", "Status"]);
        migrationBuilder.CreateIndex("IX_FundClaims_Status_SubmittedAt", "FundClaims", ["Status", "SubmittedAt"]);
        migrationBuilder.CreateIndex("IX_FundClaimFiles_FileId", "FundClaimFiles", "FileId");
        migrationBuilder.CreateIndex("IX_Leads_FundRequestId", "Leads", "FundRequestId");
        migrationBuilder.CreateIndex("IX_DealRegistrations_FundRequestId", "DealRegistrations", "FundRequestId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
