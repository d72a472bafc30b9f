using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Valueweb.Data.Migrations;

/// <summary>Organisations, people, accounts, partners, catalog, program, grants, events, audit, keys, idempotency.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261123000100_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                ActorPersonId = t.Column<Guid>(nullable: true),
                ActorOrganisationId = t.Column<Guid>(nullable: true),
                Action = t.Column<string>(maxLength: 400, nullable: false),
                ObjectType = t.Column<string>(maxLength: 400, nullable: false),
                ObjectId = t.Column<Guid>(nullable: true),
                RemoteAddress = t.Column<string>(maxLength: 400, nullable: false),
                Details = t.Column<string>(maxLength: 4000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                FriendlyName = t.Column<string>(maxLength: 400, nullable: false),
                Xml = t.Column<string>(maxLength: 8000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Events",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Type = t.Column<string>(maxLength: 400, nullable: false),
                OccurredAt = t.Column<DateTime>(nullable: false),
                SubjectType = t.Column<string>(maxLength: 400, nullable: false),
                SubjectId = t.Column<Guid>(nullable: false),
                ActorPersonId = t.Column<Guid>(nullable: true),
                Data = t.Column<string>(maxLength: 8000, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Events", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Grants",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                GranteeOrganisationId = t.Column<Guid>(nullable: false),
                ObjectType = t.Column<string>(maxLength: 400, nullable: false),
                ObjectId = t.Column<Guid>(nullable: false),
                Reason = t.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Grants", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "IdempotencyRecords",
            columns: t => new
            {
                OrganisationId = t.Column<Guid>(nullable: false),
                Key = t.Column<string>(maxLength: 400, nullable: false),
                RequestHash = t.Column<string>(maxLength: 400, nullable: false),
                StatusCode = t.Column<int>(nullable: false),
                ResponseBody = t.Column<string>(maxLength: 100000, nullable: false),
                Location = t.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_IdempotencyRecords", x => new { x.OrganisationId, x.Key });
            });

        migrationBuilder.CreateTable(
            name: "Organisations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                LegalName = t.Column<string>(maxLength: 400, nullable: false),
                DisplayName = t.Column<string>(maxLength: 400, nullable: false),
                Slug = t.Column<string>(maxLength: 400, nullable: false),
                Status = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Organisations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ProductLines",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Code = t.Column<string>(maxLength: 400, nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Active = t.Column<bool>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ProductLines", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Programs",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                ApplicationReviewDays = t.Column<int>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Programs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DomainEventAudiences",
            columns: t => new
            {
                EventId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DomainEventAudiences", x => new { x.EventId, x.OrganisationId });
                t.ForeignKey("FK_DomainEventAudiences_Events_EventId", x => x.EventId, "Events", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Prefix = t.Column<string>(maxLength: 400, nullable: false),
                Hash = t.Column<string>(maxLength: 400, nullable: false),
                Scopes = t.Column<string>(maxLength: 400, nullable: false),
                CreatedByPersonId = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                RevokedAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ApiKeys", x => x.Id);
                t.ForeignKey("FK_ApiKeys_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "People",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Email = t.Column<string>(maxLength: 400, nullable: false),
                Role = t.Column<int>(nullable: false),
                Status = t.Column<int>(nullable: false),
                TimeZone = t.Column<string>(maxLength: 400, nullable: false),
                Language = t.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_People", x => x.Id);
                t.ForeignKey("FK_People_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Tiers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Rank = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Tiers", x => x.Id);
                t.ForeignKey("FK_Tiers_Programs_ProgramId", x => x.ProgramId, "Programs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Accounts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(maxLength: 400, nullable: true),
                SecurityStamp = t.Column<string>(maxLength: 100, nullable: true),
                ConcurrencyStamp = t.Column<string>(maxLength: 100, nullable: true),
                PhoneNumber = t.Column<string>(maxLength: 50, nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTime>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Accounts", x => x.Id);
                t.ForeignKey("FK_Accounts_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Partners",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Types = t.Column<int>(nullable: false),
                ProgramId = t.Column<Guid>(nullable: true),
                TierId = t.Column<Guid>(nullable: true),
                ChannelManagerId = t.Column<Guid>(nullable: true),
                Listed = t.Column<bool>(nullable: false),
                PublicDescription = t.Column<string>(maxLength: 2000, nullable: false),
                Website = t.Column<string>(maxLength: 400, nullable: false),
                Phone = t.Column<string>(maxLength: 400, nullable: false),
                PrivateNotes = t.Column<string>(maxLength: 4000, nullable: false),
                ContactEmail = t.Column<string>(maxLength: 400, nullable: false),
                AppliedAt = t.Column<DateTime>(nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Partners", x => x.Id);
                t.ForeignKey("FK_Partners_Organisations_Id", x => x.Id, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Partners_People_ChannelManagerId", x => x.ChannelManagerId, "People", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Partners_Programs_ProgramId", x => x.ProgramId, "Programs", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Partners_Tiers_TierId", x => x.TierId, "Tiers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AccountClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<Guid>(nullable: false),
                ClaimType = t.Column<string>(maxLength: 400, nullable: true),
                ClaimValue = t.Column<string>(maxLength: 400, nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AccountClaims", x => x.Id);
                t.ForeignKey("FK_AccountClaims_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AccountLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(maxLength: 400, nullable: false),
                ProviderKey = t.Column<string>(maxLength: 400, nullable: false),
                ProviderDisplayName = t.Column<string>(maxLength: 400, nullable: true),
                UserId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AccountLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AccountLogins_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AccountTokens",
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                LoginProvider = t.Column<string>(maxLength: 400, nullable: false),
                Name = t.Column<string>(maxLength: 400, nullable: false),
                Value = t.Column<string>(maxLength: 400, nullable: true)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AccountTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AccountTokens_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PartnerAttributes",
            columns: t => new
            {
                PartnerId = t.Column<Guid>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                Value = t.Column<string>(maxLength: 400, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerAttributes", x => new { x.PartnerId, x.Kind, x.Value });
                t.ForeignKey("FK_PartnerAttributes_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PartnerCountries",
            columns: t => new
            {
                PartnerId = t.Column<Guid>(nullable: false),
                CountryCode = t.Column<string>(maxLength: 2, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerCountries", x => new { x.PartnerId, x.CountryCode });
                t.ForeignKey("FK_PartnerCountries_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PartnerDomains",
            columns: t => new
            {
                PartnerId = t.Column<Guid>(nullable: false),
                Domain = t.Column<string>(maxLength: 400, nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerDomains", x => new { x.PartnerId, x.Domain });
                t.ForeignKey("FK_PartnerDomains_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PartnerLocations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                City = t.Column<string>(maxLength: 400, nullable: false),
                CountryCode = t.Column<string>(maxLength: 2, nullable: false),
                Latitude = t.Column<double>(nullable: false),
                Longitude = t.Column<double>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerLocations", x => x.Id);
                t.ForeignKey("FK_PartnerLocations_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PartnerProductLines",
            columns: t => new
            {
                PartnerId = t.Column<Guid>(nullable: false),
                ProductLineId = t.Column<Guid>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PartnerProductLines", x => new { x.PartnerId, x.ProductLineId });
                t.ForeignKey("FK_PartnerProductLines_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_PartnerProductLines_ProductLines_ProductLineId", x => x.ProductLineId, "ProductLines", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_AccountClaims_UserId", "AccountClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AccountLogins_UserId", "AccountLogins", "UserId");
        migrationBuilder.CreateIndex("EmailIndex", "Accounts", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_Accounts_PersonId", "Accounts", "PersonId", unique: true);
        migrationBuilder.CreateIndex("UserNameIndex", "Accounts", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_ApiKeys_Hash", "ApiKeys", "Hash", unique: true);
        migrationBuilder.CreateIndex("IX_ApiKeys_OrganisationId", "ApiKeys", "OrganisationId");
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_ObjectType_ObjectId", "AuditEntries", new[] { "ObjectType", "ObjectId" });
        migrationBuilder.CreateIndex("IX_DomainEventAudiences_OrganisationId", "DomainEventAudiences", "OrganisationId");
        migrationBuilder.CreateIndex("IX_Events_OccurredAt", "Events", "OccurredAt");
        migrationBuilder.CreateIndex("IX_Events_SubjectType_SubjectId", "Events", new[] { "SubjectType", "SubjectId" });
        migrationBuilder.CreateIndex("IX_Grants_GranteeOrganisationId_ObjectId", "Grants", new[] { "GranteeOrganisationId", "ObjectId" }, unique: true);
        migrationBuilder.CreateIndex("IX_Grants_ObjectId", "Grants", "ObjectId");
        migrationBuilder.CreateIndex("IX_Organisations_Kind_DisplayName", "Organisations", new[] { "Kind", "DisplayName" });
        migrationBuilder.CreateIndex("IX_Organisations_Slug", "Organisations", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_PartnerAttributes_Kind_Value", "PartnerAttributes", new[] { "Kind", "Value" });
        migrationBuilder.CreateIndex("IX_PartnerCountries_CountryCode", "PartnerCountries", "CountryCode");
        migrationBuilder.CreateIndex("IX_PartnerDomains_Domain", "PartnerDomains", "Domain");
        migrationBuilder.CreateIndex("IX_PartnerLocations_Latitude_Longitude", "PartnerLocations", new[] { "Latitude", "Longitude" });
        migrationBuilder.CreateIndex("IX_PartnerLocations_PartnerId", "PartnerLocations", "PartnerId");
        migrationBuilder.CreateIndex("IX_PartnerProductLines_ProductLineId", "PartnerProductLines", "ProductLineId");
        migrationBuilder.CreateIndex("IX_Partners_ChannelManagerId", "Partners", "ChannelManagerId");
        migrationBuilder.CreateIndex("IX_Partners_ProgramId", "Partners", "ProgramId");
        migrationBuilder.CreateIndex("IX_Partners_TierId", "Partners", "TierId");
        migrationBuilder.CreateIndex("IX_People_Email", "People", "Email", unique: true);
        migrationBuilder.CreateIndex("IX_People_OrganisationId_Name", "People", new[] { "OrganisationId", "Name" });
        migrationBuilder.CreateIndex("IX_ProductLines_Code", "ProductLines", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Tiers_ProgramId_Rank", "Tiers", new[] { "ProgramId", "Rank" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
