using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Valueweb.Features.Leads.Import;

namespace Valueweb.Data.Migrations;

/// <summary>Imports of lead files (M2, M12): the import with its progress, counts and error report, and the uploaded file in parts.</summary>
[DbContext(typeof(ValuewebDb))]
[Migration("20261124000100_LeadImports")]
public sealed class LeadImportTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LeadImports",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                FileName = t.Column<string>(maxLength: 200, nullable: false),
                State = t.Column<int>(nullable: false),
                UploadedByPersonId = t.Column<Guid>(nullable: true),
                UploadedAt = t.Column<DateTime>(nullable: false),
                StartedAt = t.Column<DateTime>(nullable: true),
                FinishedAt = t.Column<DateTime>(nullable: true),
                SourceSystem = t.Column<string>(maxLength: 40, nullable: true),
                Mapping = t.Column<string>(maxLength: 4000, nullable: false),
                TotalBytes = t.Column<long>(nullable: false),
                ReadBytes = t.Column<long>(nullable: false),
                Rows = t.Column<int>(nullable: false),
                Imported = t.Column<int>(nullable: false),
                Duplicates = t.Column<int>(nullable: false),
                Bad = t.Column<int>(nullable: false),
                Queued = t.Column<int>(nullable: false),
                ErrorReport = t.Column<string>(maxLength: LeadImport.MaxReportChars + 1000, nullable: false),
                Failure = t.Column<string>(maxLength: 2000, nullable: true),
                Version = t.Column<long>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadImports", x => x.Id);
                t.ForeignKey("FK_LeadImports_People_UploadedByPersonId", x => x.UploadedByPersonId, "People", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "LeadImportFiles",
            columns: t => new
            {
                ImportId = t.Column<Guid>(nullable: false),
                Part = t.Column<int>(nullable: false),
                Content = t.Column<byte[]>(nullable: false)
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LeadImportFiles", x => new { x.ImportId, x.Part });
                t.ForeignKey("FK_LeadImportFiles_LeadImports_ImportId", x => x.ImportId, "LeadImports", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_LeadImports_UploadedByPersonId", "LeadImports", "UploadedByPersonId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only.");
}
