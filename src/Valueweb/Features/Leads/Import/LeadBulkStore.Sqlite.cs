using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Valueweb.Features.Leads.Import;

public sealed partial class LeadBulkStore
{
    private static readonly string SqliteInsertSql =
        $"INSERT OR IGNORE INTO \"Leads\" ({InsertColumns}) VALUES ({string.Join(", ", Varying.Select((_, i) => $"@v{i}").Concat(Shared.Select(s => s.Value)))})";

    private const string SqliteLineSql = "INSERT INTO \"LeadProductLines\" (\"LeadId\", \"ProductLineId\") VALUES (@lead, @line)";

    /// <summary>
    /// One prepared statement, run row by row inside the batch's transaction (SQLite's fastest way: it looks bound names up one by
    /// one, so a statement of many rows costs more per row, not less); a row ignored for its known identity changes nothing.
    /// </summary>
    private static async Task<LeadBatchStored> InsertAsync(SqliteConnection connection, DbTransaction tx, IReadOnlyList<ImportedLead> batch, DateTime now,
        CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)tx;
        insert.CommandText = SqliteInsertSql;
        var values = new SqliteParameter[Varying.Length];
        for (var i = 0; i < values.Length; i++) values[i] = insert.Parameters.Add(new SqliteParameter { ParameterName = $"@v{i}" });
        insert.Parameters.AddWithValue("@now", now);
        await using var lines = connection.CreateCommand();
        lines.Transaction = (SqliteTransaction)tx;
        lines.CommandText = SqliteLineSql;
        var lead = lines.Parameters.Add(new SqliteParameter { ParameterName = "@lead" });
        var line = lines.Parameters.Add(new SqliteParameter { ParameterName = "@line" });
        int inserted = 0, queued = 0;
        foreach (var l in batch)
        {
            var row = Values(l);
            for (var i = 0; i < row.Length; i++) values[i].Value = row[i] ?? DBNull.Value;
            if (await insert.ExecuteNonQueryAsync(ct) == 0) continue;
            inserted++;
            if (l.Status == LeadStatus.Queued) queued++;
            foreach (var productLine in l.ProductLines)
            {
                lead.Value = row[0];
                line.Value = Text(productLine);
                await lines.ExecuteNonQueryAsync(ct);
            }
        }
        return new LeadBatchStored(inserted, queued);
    }

    /// <summary>A row's values in the order of <see cref="Varying"/>, as EF Core writes them on SQLite (ids as upper-case text).</summary>
    private static object?[] Values(ImportedLead l) =>
    [
        Text(l.Id), l.Identity, l.Source, l.SourceSystem, l.SourceRecordId, l.FirstName, l.LastName, l.Company, l.Title, l.Email, l.Phone, l.Website,
        l.CountryCode, l.City, l.Latitude, l.Longitude, l.Industry, l.Segment, l.Employees, l.Description, l.Score, l.Qualified, l.ScoreReasons,
        l.RedFlag, (int)l.Status,
    ];

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
