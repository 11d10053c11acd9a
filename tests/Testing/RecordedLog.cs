using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LoiTracker.Testing;

/// <summary>What the Api logged, kept in memory so a test can read it like an operator reads the log.</summary>
public sealed class RecordedLog : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(RecordedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // What the Api logs at information and above, from its own code and from the frameworks' request handling.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information &&
                                                    (category.StartsWith("LoiTracker") || category.StartsWith("Microsoft.AspNetCore"));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
