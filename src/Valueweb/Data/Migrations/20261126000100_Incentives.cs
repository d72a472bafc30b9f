using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>Incentives and payouts (M4): programs and their rules, revenue splits, finance's exchange rates, accrual lines, disputes, payout batches; deal reversal.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261126000100_Incentives")]
public sealed class IncentiveTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>("ReversedOn", "DealRegistrations", nullable: true);
        migrationBuilder.AddColumn<string>("ReversalReason", "DealRegistrations", maxLength: 1000, nullable: true);

        migrationBuilder.CreateTable(
            name: "IncentivePrograms",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                ValidFrom = t.Column<DateOnly>(nullable: false),
                ValidTo = t.Column<DateOnly>(nullable: true),
                ClawbackDays = t.Column<int>(nullable: false),
                Active = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_IncentivePrograms", x => x.Id));

        migrationBuilder.CreateTable(
            name: "IncentiveRules",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: false),
                Position = t.Column<int>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                ProductLineId = t.Column<Guid>(nullable: true),
                RatePpm = t.Column<long>(nullable: false),
                AmountMinor = t.Column<long>(nullable: false),
                WindowFrom = t.Column<DateOnly>(nullable: true),
                WindowTo = t.Column<DateOnly>(nullable: true),
                CapMinor = t.Column<long>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_IncentiveRules", x => x.Id);
                t.ForeignKey("FK_IncentiveRules_IncentivePrograms_ProgramId", x => x.ProgramId, "IncentivePrograms", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_IncentiveRules_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "TierMultipliers",
            columns: t => new
            {
                ProgramId = t.Column<Guid>(nullable: false),
                TierId = t.Column<Guid>(nullable: false),
                Permille = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_TierMultipliers", x => new { x.ProgramId, x.TierId });
                t.ForeignKey("FK_TierMultipliers_IncentivePrograms_ProgramId", x => x.ProgramId, "IncentivePrograms", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_TierMultipliers_Tiers_TierId", x => x.TierId, "Tiers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DealSplits",
            columns: t => new
            {
                RegistrationId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                ShareBasisPoints = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DealSplits", x => new { x.RegistrationId, x.PartnerId });
                t.ForeignKey("FK_DealSplits_DealRegistrations_RegistrationId", x => x.RegistrationId, "DealRegistrations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_DealSplits_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ExchangeRates",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                From = t.Column<string>(maxLength: 3, nullable: false),
                To = t.Column<string>(maxLength: 3, nullable: false),
                ValidFrom = t.Column<DateOnly>(nullable: false),
                RateMicros = t.Column<long>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_ExchangeRates", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Accruals",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: true),
                RuleId = t.Column<Guid>(nullable: true),
                RegistrationId = t.Column<Guid>(nullable: true),
                Kind = t.Column<int>(nullable: false),
                RuleKind = t.Column<int>(nullable: true),
                RuleName = t.Column<string>(maxLength: 400, nullable: false),
                BaseMinor = t.Column<long>(nullable: false),
                BaseCurrency = t.Column<string>(maxLength: 3, nullable: false),
                ExchangeRateMicros = t.Column<long>(nullable: false),
                RatePpm = t.Column<long>(nullable: false),
                ShareBasisPoints = t.Column<int>(nullable: false),
                MultiplierPermille = t.Column<int>(nullable: false),
                AmountMinor = t.Column<long>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                Explanation = t.Column<string>(maxLength: 1000, nullable: false),
                EarnedOn = t.Column<DateOnly>(nullable: false),
                Period = t.Column<string>(maxLength: 7, nullable: false),
                Status = t.Column<int>(nullable: false),
                Disputed = t.Column<bool>(nullable: false),
                BatchId = t.Column<Guid>(nullable: true),
                ReversesId = t.Column<Guid>(nullable: true),
                FundClaimId = t.Column<Guid>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                PaidAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Accruals", x => x.Id);
                t.ForeignKey("FK_Accruals_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Accruals_IncentivePrograms_ProgramId", x => x.ProgramId, "IncentivePrograms", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AccrualDisputes",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                AccrualId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                Comment = t.Column<string>(maxLength: 2000, nullable: false),
                OpenedByPersonId = t.Column<Guid>(nullable: true),
                OpenedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<int>(nullable: false),
                Resolution = t.Column<string>(maxLength: 2000, nullable: true),
                ResolvedByPersonId = t.Column<Guid>(nullable: true),
                ResolvedAt = t.Column<DateTime>(nullable: true),
                AdjustmentId = t.Column<Guid>(nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AccrualDisputes", x => x.Id);
                t.ForeignKey("FK_AccrualDisputes_Accruals_AccrualId", x => x.AccrualId, "Accruals", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PayoutBatches",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Period = t.Column<string>(maxLength: 7, nullable: false),
                Status = t.Column<int>(nullable: false),
                LineCount = t.Column<int>(nullable: false),
                PartnerCount = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                CreatedByPersonId = t.Column<Guid>(nullable: true),
                ApprovedAt = t.Column<DateTime>(nullable: true),
                ApprovedByPersonId = t.Column<Guid>(nullable: true),
                PaidAt = t.Column<DateTime>(nullable: true),
                PaidByPersonId = t.Column<Guid>(nullable: true),
                PaymentReference = t.Column<string>(maxLength: 400, nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_PayoutBatches", x => x.Id));

        migrationBuilder.CreateTable(
            name: "PayoutBatchTotals",
            columns: t => new
            {
                BatchId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                LineCount = t.Column<int>(nullable: false),
                AmountMinor = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PayoutBatchTotals", x => new { x.BatchId, x.PartnerId, x.Currency });
                t.ForeignKey("FK_PayoutBatchTotals_PayoutBatches_BatchId", x => x.BatchId, "PayoutBatches", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_IncentiveRules_ProgramId_Position", "IncentiveRules", ["ProgramId", "Position"]);
        migrationBuilder.CreateIndex("IX_IncentiveRules_ProductLineId", "IncentiveRules", "ProductLineId");
        migrationBuilder.CreateIndex("IX_TierMultipliers_TierId", "TierMultipliers", "TierId");
        migrationBuilder.CreateIndex("IX_DealSplits_PartnerId", "DealSplits", "PartnerId");
        migrationBuilder.CreateIndex("IX_ExchangeRates_From_To_ValidFrom", "ExchangeRates", ["From", "To", "ValidFrom"], unique: true);
        migrationBuilder.CreateIndex("IX_Accruals_PartnerId_Period", "Accruals", ["PartnerId", "Period"]);
        migrationBuilder.CreateIndex("IX_Accruals_BatchId_PartnerId", "Accruals", ["BatchId", "PartnerId"]);
        migrationBuilder.CreateIndex("IX_Accruals_Status_Period", "Accruals", ["Status", "Period"]);
        migrationBuilder.CreateIndex("IX_Accruals_RegistrationId_RuleId_PartnerId_Kind", "Accruals", ["RegistrationId", "RuleId", "PartnerId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_Accruals_RuleId_PartnerId", "Accruals", ["RuleId", "PartnerId"]);
        migrationBuilder.CreateIndex("IX_Accruals_ProgramId", "Accruals", "ProgramId");
        migrationBuilder.CreateIndex("IX_Accruals_FundClaimId", "Accruals", "FundClaimId", unique: true);
        migrationBuilder.CreateIndex("IX_AccrualDisputes_Status_OpenedAt", "AccrualDisputes", ["Status", "OpenedAt"]);
        migrationBuilder.CreateIndex("IX_AccrualDisputes_AccrualId", "AccrualDisputes", "AccrualId");
        migrationBuilder.CreateIndex("IX_AccrualDisputes_PartnerId", "AccrualDisputes", "PartnerId");
        migrationBuilder.CreateIndex("IX_PayoutBatches_CreatedAt", "PayoutBatches", "CreatedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
