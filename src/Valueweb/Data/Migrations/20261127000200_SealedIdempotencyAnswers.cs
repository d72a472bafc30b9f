using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>A kept answer that carries a secret shown once (a new API key, a webhook's signing secret) is stored encrypted.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261127000200_SealedIdempotencyAnswers")]
public sealed class SealedIdempotencyAnswers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("Sealed", "IdempotencyRecords", nullable: false, defaultValue: false);
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            migrationBuilder.Sql("ALTER TABLE \"IdempotencyRecords\" ALTER COLUMN \"Sealed\" DROP DEFAULT;");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
