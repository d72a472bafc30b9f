using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Valueweb.Bench;

/// <summary>
/// Records EF Core's commands as a timeline from its diagnostic events: for each command the table it reads first
/// (<c>FROM "Table"</c>) or its kind, when it started, when its reader was disposed (so materialising the rows counts),
/// and the rows read; also opening connections and committing. Sequential use only: the events arrive on the thread
/// that runs the command.
/// </summary>
public sealed partial class SqlTimeline : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    /// <summary>One command: its first table, start and end (Stopwatch timestamps) and rows read.</summary>
    public sealed record Span(string Table, long Start, long End, long Rows);

    private readonly List<IDisposable> subscriptions = [];
    private readonly Dictionary<Guid, (string Table, long Start)> open = [];
    private readonly List<Span> spans = [];

    public IReadOnlyList<Span> Spans => spans;

    public static SqlTimeline Listen()
    {
        var timeline = new SqlTimeline();
        timeline.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(timeline));
        return timeline;
    }

    public void Reset()
    {
        open.Clear();
        spans.Clear();
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) subscriptions.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        var now = Stopwatch.GetTimestamp();
        switch (value.Value)
        {
            case CommandEventData e when value.Key == RelationalEventId.CommandExecuting.Name:
                open[e.CommandId] = (Classify(e.Command.CommandText), now);
                break;
            case CommandExecutedEventData e when e.Result is not System.Data.Common.DbDataReader:
                End(e.CommandId, now, 0);
                break;
            case DataReaderDisposingEventData e:
                // EF Core counts every Read() call, the last one (that found no row) included.
                End(e.CommandId, now, Math.Max(0, e.ReadCount - 1));
                break;
            case ConnectionEventData e when value.Key == RelationalEventId.ConnectionOpening.Name:
                open[e.ConnectionId] = ("(open connection)", now);
                break;
            case ConnectionEventData e when value.Key == RelationalEventId.ConnectionOpened.Name:
                End(e.ConnectionId, now, 0);
                break;
            case TransactionEventData e when value.Key == RelationalEventId.TransactionCommitting.Name:
                open[e.TransactionId] = ("(commit)", now);
                break;
            case TransactionEventData e when value.Key == RelationalEventId.TransactionCommitted.Name:
                End(e.TransactionId, now, 0);
                break;
        }
    }

    private void End(Guid id, long now, long rows)
    {
        if (open.Remove(id, out var started)) spans.Add(new Span(started.Table, started.Start, now, rows));
    }

    /// <summary>The first table a query reads, or what kind of statement it is.</summary>
    public static string Classify(string sql)
    {
        if (sql.Contains("pg_advisory_xact_lock", StringComparison.Ordinal)) return "(advisory locks)";
        var head = sql.TrimStart();
        if (head.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || head.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            return "(SaveChanges batch)";
        return FirstTable().Match(sql) is { Success: true } m ? m.Groups[1].Value : "(other)";
    }

    [GeneratedRegex("FROM \"(\\w+)\"")]
    private static partial Regex FirstTable();

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var s in subscriptions) s.Dispose();
    }
}
