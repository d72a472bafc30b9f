using Npgsql;
using NpgsqlTypes;

namespace Valueweb.Features.Leads.Import;

public sealed partial class LeadBulkStore
{
    /// <summary>Staging tables of this session, emptied by every commit.</summary>
    private const string StageSql = """
        CREATE TEMP TABLE IF NOT EXISTS lead_import_stage (
            "Id" uuid, "Identity" text, "Source" text, "SourceSystem" text, "SourceRecordId" text, "FirstName" text, "LastName" text,
            "Company" text, "Title" text, "Email" text, "Phone" text, "Website" text, "CountryCode" text, "City" text, "Latitude" float8,
            "Longitude" float8, "Industry" text, "Segment" text, "Employees" int, "Description" text, "Score" int, "Qualified" bool,
            "ScoreReasons" text, "RedFlag" bool, "Status" int) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS lead_import_stage_lines ("LeadId" uuid, "ProductLineId" uuid) ON COMMIT DELETE ROWS;
        """;

    private static readonly string CopyLeadsSql = $"COPY lead_import_stage ({string.Join(", ", Varying.Select(Quoted))}) FROM STDIN (FORMAT BINARY)";

    private const string CopyLinesSql = "COPY lead_import_stage_lines (\"LeadId\", \"ProductLineId\") FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// New leads in, known ones left alone, the new ones' product lines with them; answers how many were new and queued. The rows go
    /// in identity order, so that two imports of overlapping files take the same identities in the same order.
    /// </summary>
    private static readonly string InsertSql = $"""
        WITH inserted AS (
            INSERT INTO "Leads" ({InsertColumns})
            SELECT {string.Join(", ", Varying.Select(c => "s." + Quoted(c)).Concat(Shared.Select(s => s.Value)))}
            FROM lead_import_stage s ORDER BY s."Identity"
            ON CONFLICT ("Identity") DO NOTHING
            RETURNING "Id", "Status"),
        lines AS (
            INSERT INTO "LeadProductLines" ("LeadId", "ProductLineId")
            SELECT l."LeadId", l."ProductLineId" FROM lead_import_stage_lines l JOIN inserted i ON i."Id" = l."LeadId")
        SELECT count(*)::int, (count(*) FILTER (WHERE "Status" = {(int)LeadStatus.Queued}))::int FROM inserted
        """;

    private async Task<LeadBatchStored> CopyAsync(NpgsqlConnection connection, IReadOnlyList<ImportedLead> batch, DateTime now, CancellationToken ct)
    {
        if (!staged)
        {
            await using var create = new NpgsqlCommand(StageSql, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var lines = 0;
        await using (var w = await connection.BeginBinaryImportAsync(CopyLeadsSql, ct))
        {
            foreach (var l in batch)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(l.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(l.Identity, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Source, NpgsqlDbType.Text, ct);
                await TextOrNull(w, l.SourceSystem, ct);
                await TextOrNull(w, l.SourceRecordId, ct);
                await w.WriteAsync(l.FirstName, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.LastName, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Company, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Title, NpgsqlDbType.Text, ct);
                await TextOrNull(w, l.Email, ct);
                await TextOrNull(w, l.Phone, ct);
                await TextOrNull(w, l.Website, ct);
                await w.WriteAsync(l.CountryCode, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.City, NpgsqlDbType.Text, ct);
                await ValueOrNull(w, l.Latitude, NpgsqlDbType.Double, ct);
                await ValueOrNull(w, l.Longitude, NpgsqlDbType.Double, ct);
                await w.WriteAsync(l.Industry, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Segment, NpgsqlDbType.Text, ct);
                await ValueOrNull(w, l.Employees, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(l.Description, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Score, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(l.Qualified, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(l.ScoreReasons, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.RedFlag, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync((int)l.Status, NpgsqlDbType.Integer, ct);
                lines += l.ProductLines.Length;
            }
            await w.CompleteAsync(ct);
        }
        if (lines > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(CopyLinesSql, ct);
            foreach (var l in batch)
                foreach (var line in l.ProductLines)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(l.Id, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(line, NpgsqlDbType.Uuid, ct);
                }
            await w.CompleteAsync(ct);
        }
        await using var insert = new NpgsqlCommand(InsertSql, connection);
        insert.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        await using var reader = await insert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LeadBatchStored(reader.GetInt32(0), reader.GetInt32(1));
    }

    private static Task TextOrNull(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task ValueOrNull<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);
}
