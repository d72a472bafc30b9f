using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Valueweb.Tests.Infrastructure;

/// <summary>Collects the exceptions the app logged as unhandled: an unhandled exception is a bug, and the fixture fails on it.</summary>
public sealed class UnhandledErrors : ILoggerProvider
{
    public ConcurrentQueue<string> Seen { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(UnhandledErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null && category.Contains("ExceptionHandler", StringComparison.Ordinal))
                owner.Seen.Enqueue($"{category}: {exception}");
        }
    }
}
