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

    private static readonly string CopyDirectSql = $"COPY \"Leads\" ({InsertColumns}) FROM STDIN (FORMAT BINARY)";

    private const string CopyDirectLinesSql = "COPY \"LeadProductLines\" (\"LeadId\", \"ProductLineId\") FROM STDIN (FORMAT BINARY)";

    private const string KnownSql = "SELECT \"Identity\" FROM \"Leads\" WHERE \"Identity\" = ANY(@identities)";

    /// <summary>
    /// The fast ways: the new leads COPYed straight into the tables, after looking the batch's known identities up when asked to
    /// (else a known one makes the COPY fail on the unique index, and the caller tries again).
    /// </summary>
    private static async Task<LeadBatchStored> CopyAsync(NpgsqlConnection connection, IReadOnlyList<ImportedLead> batch, DateTime now, bool lookUp,
        CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (lookUp)
        {
            await using var lookup = new NpgsqlCommand(KnownSql, connection);
            var identities = new string[batch.Count];
            for (var i = 0; i < identities.Length; i++) identities[i] = batch[i].Identity;
            lookup.Parameters.Add(new NpgsqlParameter("identities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = identities });
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) known.Add(reader.GetString(0));
        }
        var fresh = known.Count == 0 ? batch : batch.Where(l => !known.Contains(l.Identity)).ToList();
        if (fresh.Count == 0) return default;
        Copy(connection, CopyDirectSql, CopyDirectLinesSql, fresh, now);
        var queued = 0;
        foreach (var l in fresh)
            if (l.Status == LeadStatus.Queued) queued++;
        return new LeadBatchStored(fresh.Count, queued);
    }

    /// <summary>The safe way: COPY into the staging tables, then INSERT … ON CONFLICT DO NOTHING.</summary>
    private async Task<LeadBatchStored> StageAsync(NpgsqlConnection connection, IReadOnlyList<ImportedLead> batch, DateTime now, CancellationToken ct)
    {
        if (!staged)
        {
            await using var create = new NpgsqlCommand(StageSql, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        Copy(connection, CopyLeadsSql, CopyLinesSql, batch, null);
        await using var insert = new NpgsqlCommand(InsertSql, connection);
        insert.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        await using var reader = await insert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LeadBatchStored(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Writes the leads and their product lines by binary COPY: the varying columns, and the shared ones too when
    /// <paramref name="now"/> is given. Synchronous on purpose: an await per field costs more than the rest of the import.
    /// </summary>
    private static void Copy(NpgsqlConnection connection, string leadsSql, string linesSql, IReadOnlyList<ImportedLead> leads, DateTime? now)
    {
        var lines = 0;
        using (var stream = connection.BeginRawBinaryCopy(leadsSql))
        {
            var w = new PgCopyRows(stream);
            w.Header();
            foreach (var l in leads)
            {
                WriteLead(w, l, now);
                lines += l.ProductLines.Length;
            }
            w.Complete();
        }
        if (lines == 0) return;
        using (var stream = connection.BeginRawBinaryCopy(linesSql))
        {
            var w = new PgCopyRows(stream);
            w.Header();
            foreach (var l in leads)
                foreach (var line in l.ProductLines)
                {
                    w.Row(2);
                    w.Uuid(l.Id);
                    w.Uuid(line);
                }
            w.Complete();
        }
    }

    /// <summary>
    /// One lead as a binary COPY row: the columns of <see cref="Varying"/>, then, when <paramref name="now"/> is given, those of
    /// <see cref="Shared"/> (a COPY straight into the Leads table rather than into the staging table). The benchmark's raw COPY
    /// writes its rows with this too.
    /// </summary>
    internal static void WriteLead(PgCopyRows w, ImportedLead l, DateTime? now)
    {
        w.Row((short)(Varying.Length + (now is null ? 0 : Shared.Length)));
        w.Uuid(l.Id);
        w.Text(l.Identity);
        w.Text(l.Source);
        w.Text(l.SourceSystem);
        w.Text(l.SourceRecordId);
        w.Text(l.FirstName);
        w.Text(l.LastName);
        w.Text(l.Company);
        w.Text(l.Title);
        w.Text(l.Email);
        w.Text(l.Phone);
        w.Text(l.Website);
        w.Text(l.CountryCode);
        w.Text(l.City);
        w.Double(l.Latitude);
        w.Double(l.Longitude);
        w.Text(l.Industry);
        w.Text(l.Segment);
        w.Int(l.Employees);
        w.Text(l.Description);
        w.Int(l.Score);
        w.Bool(l.Qualified);
        w.Text(l.ScoreReasons);
        w.Bool(l.RedFlag);
        w.Int((int)l.Status);
        if (now is { } time)
        {
            // In the order of Shared: Channel, ValueMinor, Currency, PartnerId, Round, CreatedAt, UpdatedAt, Version.
            w.Text("import");
            w.Null();
            w.Text(Currency);
            w.Null();
            w.Int(0);
            w.Timestamp(time);
            w.Timestamp(time);
            w.Long(1);
        }
    }
}
