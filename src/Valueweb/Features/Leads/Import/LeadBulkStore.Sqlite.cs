using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Valueweb.Features.Leads.Import;

public sealed partial class LeadBulkStore
{
    /// <summary>Rows per INSERT statement on SQLite: 25 values each, well under its limit of bound values.</summary>
    private const int SqliteRows = 200;

    private static async Task<LeadBatchStored> InsertAsync(SqliteConnection connection, DbTransaction tx, IReadOnlyList<ImportedLead> batch, DateTime now,
        CancellationToken ct)
    {
        var byId = new Dictionary<Guid, ImportedLead>(batch.Count);
        foreach (var l in batch) byId[l.Id] = l;
        var inserted = new List<ImportedLead>(batch.Count);
        var queued = 0;
        for (var start = 0; start < batch.Count; start += SqliteRows)
        {
            var count = Math.Min(SqliteRows, batch.Count - start);
            await using var command = LeadsCommand(connection, tx, count, now);
            var p = 0;
            for (var i = start; i < start + count; i++)
                foreach (var value in Values(batch[i])) command.Parameters[p++].Value = value ?? DBNull.Value;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(byId[Guid.Parse(reader.GetString(0))]);
                if (reader.GetInt32(1) == (int)LeadStatus.Queued) queued++;
            }
        }
        var pairs = inserted.SelectMany(l => l.ProductLines.Select(line => (l.Id, line))).ToList();
        for (var start = 0; start < pairs.Count; start += SqliteRows)
        {
            var chunk = pairs.Skip(start).Take(SqliteRows).ToList();
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)tx;
            command.CommandText = "INSERT INTO \"LeadProductLines\" (\"LeadId\", \"ProductLineId\") VALUES "
                + string.Join(", ", chunk.Select((_, i) => $"(@l{i}, @p{i})"));
            for (var i = 0; i < chunk.Count; i++)
            {
                command.Parameters.AddWithValue($"@l{i}", Text(chunk[i].Id));
                command.Parameters.AddWithValue($"@p{i}", Text(chunk[i].line));
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        return new LeadBatchStored(inserted.Count, queued);
    }

    private static SqliteCommand LeadsCommand(SqliteConnection connection, DbTransaction tx, int rows, DateTime now)
    {
        var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        var sql = new StringBuilder($"INSERT OR IGNORE INTO \"Leads\" ({InsertColumns}) VALUES ");
        var shared = string.Join(", ", Shared.Select(s => s.Value));
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Varying.Length; c++)
            {
                var name = $"@v{r * Varying.Length + c}";
                sql.Append(name).Append(", ");
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(shared).Append(')');
        }
        sql.Append(" RETURNING \"Id\", \"Status\"");
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("@now", now);
        return command;
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
