using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>The locator's narrow table of searchable locations, filled from the partners already there.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261123000300_LocatorEntries")]
public sealed class LocatorEntries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LocatorEntries",
            columns: t => new
            {
                LocationId = t.Column<Guid>(nullable: false),
                PartnerId = t.Column<Guid>(nullable: false),
                Latitude = t.Column<double>(nullable: false),
                Longitude = t.Column<double>(nullable: false),
                CountryCode = t.Column<string>(maxLength: 2, nullable: false),
                Types = t.Column<int>(nullable: false),
                TierId = t.Column<Guid>(nullable: true),
                TierRank = t.Column<int>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LocatorEntries", x => x.LocationId);
            });

        migrationBuilder.CreateIndex("IX_LocatorEntries_Latitude_Longitude", "LocatorEntries", new[] { "Latitude", "Longitude" });
        migrationBuilder.CreateIndex("IX_LocatorEntries_PartnerId", "LocatorEntries", "PartnerId");

        migrationBuilder.Sql("""
                INSERT INTO "LocatorEntries" ("LocationId", "PartnerId", "Latitude", "Longitude", "CountryCode", "Types", "TierId", "TierRank")
                SELECT l."Id", l."PartnerId", l."Latitude", l."Longitude", l."CountryCode", p."Types", p."TierId", COALESCE(t."Rank", 0)
                FROM "PartnerLocations" l
                JOIN "Partners" p ON p."Id" = l."PartnerId"
                JOIN "Organisations" o ON o."Id" = p."Id"
                LEFT JOIN "Tiers" t ON t."Id" = p."TierId"
                WHERE p."Listed" = TRUE AND o."Status" = 2
                """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
