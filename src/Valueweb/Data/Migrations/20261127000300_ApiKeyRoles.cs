using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>An API key may act in a role of its organisation other than admin (finance's key, marketing's key).</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261127000300_ApiKeyRoles")]
public sealed class ApiKeyRoles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>("Role", "ApiKeys", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
