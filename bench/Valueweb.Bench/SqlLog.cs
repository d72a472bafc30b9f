using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Valueweb.Bench;

/// <summary>
/// Keeps the SQL of every command EF Core runs through the contexts it is added to, with its time (a reader's until it is
/// disposed, so reading the rows counts) and its rows (affected, or read). Sequential use only.
/// </summary>
public sealed class SqlLog : DbCommandInterceptor
{
    public sealed record Entry(string Sql, TimeSpan Elapsed, long Rows);

    private readonly List<Entry> entries = [];
    private readonly Dictionary<Guid, long> readers = [];

    public IReadOnlyList<Entry> Entries => entries;

    public void Clear()
    {
        entries.Clear();
        readers.Clear();
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        entries.Add(new Entry(command.CommandText, eventData.Duration, result));
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        entries.Add(new Entry(command.CommandText, eventData.Duration, result));
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        entries.Add(new Entry(command.CommandText, eventData.Duration, 1));
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        entries.Add(new Entry(command.CommandText, eventData.Duration, 1));
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        readers[eventData.CommandId] = Stopwatch.GetTimestamp();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        readers[eventData.CommandId] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // From the command's start until its reader is disposed, so reading the rows counts; EF Core counts every Read()
        // call, the last one (that found no row) included.
        var elapsed = readers.Remove(eventData.CommandId, out var start) ? Stopwatch.GetElapsedTime(start) : eventData.Duration;
        entries.Add(new Entry(command.CommandText, elapsed, Math.Max(0, eventData.ReadCount - 1)));
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        entries.Add(new Entry("(failed) " + command.CommandText, eventData.Duration, 0));

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        entries.Add(new Entry("(failed) " + command.CommandText, eventData.Duration, 0));
        return Task.CompletedTask;
    }
}
