using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>Deal registration (M3): customer accounts and their blocking keys, registrations, conflicts, direct sales, stages, rules.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261123000400_DealRegistration")]
public sealed class DealRegistrationTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("ProtectionDays", "Programs", nullable: false, defaultValue: 90);
        migrationBuilder.AddColumn<int>("ExtensionRule", "Programs", nullable: false, defaultValue: 1);
        migrationBuilder.AddColumn<int>("ExtensionDays", "Programs", nullable: false, defaultValue: 30);
        migrationBuilder.AddColumn<int>("ReminderDays", "Programs", nullable: false, defaultValue: 14);
        migrationBuilder.AddColumn<double>("ConflictThreshold", "Programs", nullable: false, defaultValue: 0.85);
        migrationBuilder.AddColumn<int>("OwnDuplicates", "Programs", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>("ReportingCurrency", "Programs", maxLength: 3, nullable: false, defaultValue: "EUR");
        // The defaults only fill the existing program; the application sets every value itself from now on.
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            foreach (var column in new[] { "ProtectionDays", "ExtensionRule", "ExtensionDays", "ReminderDays", "ConflictThreshold", "OwnDuplicates", "ReportingCurrency" })
                migrationBuilder.Sql($"ALTER TABLE \"Programs\" ALTER COLUMN \"{column}\" DROP DEFAULT;");

        migrationBuilder.CreateTable(
            name: "CurrencyRates",
            columns: t => new
            {
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                RateMicros = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_CurrencyRates", x => x.Currency);
            });

        migrationBuilder.CreateTable(
            name: "CustomerAccounts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Domain = t.Column<string>(maxLength: 253, nullable: true),
                CountryCode = t.Column<string>(maxLength: 2, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_CustomerAccounts", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CustomerAliases",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerAccountId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_CustomerAliases", x => x.Id);
                t.ForeignKey("FK_CustomerAliases_CustomerAccounts_CustomerAccountId", x => x.CustomerAccountId, "CustomerAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CustomerKeys",
            columns: t => new
            {
                KeyHash = t.Column<long>(nullable: false),
                CustomerAccountId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_CustomerKeys", x => new { x.KeyHash, x.CustomerAccountId });
                t.ForeignKey("FK_CustomerKeys_CustomerAccounts_CustomerAccountId", x => x.CustomerAccountId, "CustomerAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DirectDeals",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerAccountId = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 400, nullable: false),
                OwnerPersonId = t.Column<Guid>(nullable: true),
                Open = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DirectDeals", x => x.Id);
                t.ForeignKey("FK_DirectDeals_CustomerAccounts_CustomerAccountId", x => x.CustomerAccountId, "CustomerAccounts", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "NamedAccounts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerAccountId = t.Column<Guid>(nullable: false),
                OwnerPersonId = t.Column<Guid>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_NamedAccounts", x => x.Id);
                t.ForeignKey("FK_NamedAccounts_CustomerAccounts_CustomerAccountId", x => x.CustomerAccountId, "CustomerAccounts", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DealRegistrations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                RegisteredByPartnerId = t.Column<Guid>(nullable: false),
                SubmittedByPersonId = t.Column<Guid>(nullable: true),
                CustomerAccountId = t.Column<Guid>(nullable: false),
                CustomerName = t.Column<string>(maxLength: 400, nullable: false),
                CustomerDomain = t.Column<string>(maxLength: 253, nullable: true),
                CustomerCountry = t.Column<string>(maxLength: 2, nullable: false),
                ContactName = t.Column<string>(maxLength: 400, nullable: false),
                ContactEmail = t.Column<string>(maxLength: 400, nullable: false),
                ContactPhone = t.Column<string>(maxLength: 50, nullable: true),
                EstimatedMinor = t.Column<long>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                ExpectedCloseDate = t.Column<DateOnly>(nullable: false),
                Stage = t.Column<string>(maxLength: 40, nullable: false),
                Description = t.Column<string>(maxLength: 4000, nullable: false),
                ReferredByPartnerId = t.Column<Guid>(nullable: true),
                Status = t.Column<int>(nullable: false),
                InConflict = t.Column<bool>(nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: false),
                DecidedAt = t.Column<DateTime>(nullable: true),
                DecisionReason = t.Column<string>(maxLength: 1000, nullable: true),
                ProtectedUntil = t.Column<DateTime>(nullable: true),
                Extensions = t.Column<int>(nullable: false),
                ActualMinor = t.Column<long>(nullable: true),
                ClosedOn = t.Column<DateOnly>(nullable: true),
                LostReason = t.Column<string>(maxLength: 1000, nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DealRegistrations", x => x.Id);
                t.ForeignKey("FK_DealRegistrations_CustomerAccounts_CustomerAccountId", x => x.CustomerAccountId, "CustomerAccounts", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_DealRegistrations_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DealStages",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: false),
                Key = t.Column<string>(maxLength: 40, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Position = t.Column<int>(nullable: false),
                Probability = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DealStages", x => x.Id);
                t.ForeignKey("FK_DealStages_Programs_ProgramId", x => x.ProgramId, "Programs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DirectDealProductLines",
            columns: t => new
            {
                DirectDealId = t.Column<Guid>(nullable: false),
                ProductLineId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DirectDealProductLines", x => new { x.DirectDealId, x.ProductLineId });
                t.ForeignKey("FK_DirectDealProductLines_DirectDeals_DirectDealId", x => x.DirectDealId, "DirectDeals", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_DirectDealProductLines_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "NamedAccountProductLines",
            columns: t => new
            {
                NamedAccountId = t.Column<Guid>(nullable: false),
                ProductLineId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_NamedAccountProductLines", x => new { x.NamedAccountId, x.ProductLineId });
                t.ForeignKey("FK_NamedAccountProductLines_NamedAccounts_NamedAccountId", x => x.NamedAccountId, "NamedAccounts", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_NamedAccountProductLines_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DealConflicts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                RegistrationId = t.Column<Guid>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                OtherId = t.Column<Guid>(nullable: false),
                Score = t.Column<double>(nullable: false),
                Reason = t.Column<string>(maxLength: 1000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DealConflicts", x => x.Id);
                t.ForeignKey("FK_DealConflicts_DealRegistrations_RegistrationId", x => x.RegistrationId, "DealRegistrations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DealProductLines",
            columns: t => new
            {
                RegistrationId = t.Column<Guid>(nullable: false),
                ProductLineId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DealProductLines", x => new { x.RegistrationId, x.ProductLineId });
                t.ForeignKey("FK_DealProductLines_DealRegistrations_RegistrationId", x => x.RegistrationId, "DealRegistrations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_DealProductLines_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_CustomerAccounts_Domain", "CustomerAccounts", "Domain");
        migrationBuilder.CreateIndex("IX_CustomerAccounts_Name", "CustomerAccounts", "Name");
        migrationBuilder.CreateIndex("IX_CustomerAliases_CustomerAccountId", "CustomerAliases", "CustomerAccountId");
        migrationBuilder.CreateIndex("IX_CustomerKeys_CustomerAccountId", "CustomerKeys", "CustomerAccountId");
        migrationBuilder.CreateIndex("IX_DealConflicts_OtherId", "DealConflicts", "OtherId");
        migrationBuilder.CreateIndex("IX_DealConflicts_RegistrationId", "DealConflicts", "RegistrationId");
        migrationBuilder.CreateIndex("IX_DealProductLines_ProductLineId", "DealProductLines", "ProductLineId");
        migrationBuilder.CreateIndex("IX_DealRegistrations_CustomerAccountId", "DealRegistrations", "CustomerAccountId");
        migrationBuilder.CreateIndex("IX_DealRegistrations_PartnerId_SubmittedAt", "DealRegistrations", new[] { "PartnerId", "SubmittedAt" });
        migrationBuilder.CreateIndex("IX_DealRegistrations_Status_ProtectedUntil", "DealRegistrations", new[] { "Status", "ProtectedUntil" });
        migrationBuilder.CreateIndex("IX_DealStages_ProgramId_Key", "DealStages", new[] { "ProgramId", "Key" }, unique: true);
        migrationBuilder.CreateIndex("IX_DirectDealProductLines_ProductLineId", "DirectDealProductLines", "ProductLineId");
        migrationBuilder.CreateIndex("IX_DirectDeals_CustomerAccountId", "DirectDeals", "CustomerAccountId");
        migrationBuilder.CreateIndex("IX_NamedAccountProductLines_ProductLineId", "NamedAccountProductLines", "ProductLineId");
        migrationBuilder.CreateIndex("IX_NamedAccounts_CustomerAccountId", "NamedAccounts", "CustomerAccountId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
