using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>Durable jobs, invitations, program agreements and their acceptance, in-app notifications.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261123000200_JobsOnboardingNotifications")]
public sealed class JobsOnboardingNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Jobs",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 400, nullable: false),
                Payload = t.Column<string>(maxLength: 8000, nullable: false),
                DedupeKey = t.Column<string>(maxLength: 400, nullable: true),
                DueAt = t.Column<DateTime>(nullable: false),
                State = t.Column<int>(nullable: false),
                Attempts = t.Column<int>(nullable: false),
                MaxAttempts = t.Column<int>(nullable: false),
                LeaseOwner = t.Column<string>(maxLength: 400, nullable: true),
                LeaseUntil = t.Column<DateTime>(nullable: true),
                LastError = t.Column<string>(maxLength: 2000, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                CompletedAt = t.Column<DateTime>(nullable: true),
                CompletedBy = t.Column<string>(maxLength: 400, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Jobs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Email = t.Column<string>(maxLength: 400, nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Role = t.Column<int>(nullable: false),
                TokenHash = t.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: false),
                AcceptedAt = t.Column<DateTime>(nullable: true),
                InvitedByPersonId = t.Column<Guid>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Invitations", x => x.Id);
                t.ForeignKey("FK_Invitations_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Agreements",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: false),
                Version = t.Column<int>(nullable: false),
                Title = t.Column<string>(maxLength: 400, nullable: false),
                Text = t.Column<string>(maxLength: 20000, nullable: false),
                PublishedAt = t.Column<DateTime>(nullable: false),
                ReviewDueAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Agreements", x => x.Id);
                t.ForeignKey("FK_Agreements_Programs_ProgramId", x => x.ProgramId, "Programs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 400, nullable: false),
                Body = t.Column<string>(maxLength: 4000, nullable: false),
                Link = t.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ReadAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Notifications", x => x.Id);
                t.ForeignKey("FK_Notifications_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AgreementAcceptances",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                AgreementId = t.Column<Guid>(nullable: false),
                Version = t.Column<int>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                AcceptedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AgreementAcceptances", x => x.Id);
                t.ForeignKey("FK_AgreementAcceptances_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_AgreementAcceptances_Organisations_PartnerId", x => x.PartnerId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AgreementAcceptances_AgreementId", "AgreementAcceptances", "AgreementId");
        migrationBuilder.CreateIndex("IX_AgreementAcceptances_PartnerId_Version", "AgreementAcceptances", new[] { "PartnerId", "Version" }, unique: true);
        migrationBuilder.CreateIndex("IX_Agreements_ProgramId_Version", "Agreements", new[] { "ProgramId", "Version" }, unique: true);
        migrationBuilder.CreateIndex("IX_Invitations_OrganisationId", "Invitations", "OrganisationId");
        migrationBuilder.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_Jobs_DedupeKey", "Jobs", "DedupeKey", unique: true);
        migrationBuilder.CreateIndex("IX_Jobs_State_DueAt", "Jobs", new[] { "State", "DueAt" });
        migrationBuilder.CreateIndex("IX_Notifications_PersonId_ReadAt", "Notifications", new[] { "PersonId", "ReadAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
