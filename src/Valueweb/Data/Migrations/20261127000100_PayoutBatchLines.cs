using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Valueweb.Data.Migrations;

/// <summary>
/// A payout batch's lines move to their own narrow table, and a line's status comes from its batch: approving or paying
/// a batch changes one row instead of rewriting every line (and every index on the lines) twice.
/// </summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261127000100_PayoutBatchLines")]
public sealed class PayoutBatchLineTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PayoutBatchLines",
            columns: t => new
            {
                AccrualId = t.Column<Guid>(nullable: false),
                BatchId = t.Column<Guid>(nullable: false)
            },
            constraints: t => t.PrimaryKey("PK_PayoutBatchLines", x => x.AccrualId));
        migrationBuilder.CreateIndex("IX_PayoutBatchLines_BatchId", "PayoutBatchLines", "BatchId");
        migrationBuilder.Sql("""INSERT INTO "PayoutBatchLines" ("AccrualId", "BatchId") SELECT "Id", "BatchId" FROM "Accruals" WHERE "BatchId" IS NOT NULL;""");

        migrationBuilder.DropIndex("IX_Accruals_BatchId_PartnerId", "Accruals");
        migrationBuilder.DropIndex("IX_Accruals_Status_Period", "Accruals");
        // Plain SQL on both engines: SQLite (3.35 and later) drops an unindexed column in place.
        foreach (var column in new[] { "Status", "BatchId", "PaidAt" })
            migrationBuilder.Sql($"""ALTER TABLE "Accruals" DROP COLUMN "{column}";""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
