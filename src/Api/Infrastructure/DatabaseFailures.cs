using System.Net.Sockets;
using Npgsql;

namespace LoiTracker.Api.Infrastructure;

/// <summary>Whether an exception means the database could not be reached or did not answer in time (a 503), rather than a refusal.</summary>
public static class DatabaseFailures
{
    public static bool IsUnreachable(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or TimeoutException or IOException or EndOfStreamException) return true;
            if (inner is NpgsqlException { IsTransient: true } and not PostgresException) return true;
            if (inner is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08006" or "08001" or "08003" or "08004" or "53300" }) return true;
        }
        return false;
    }

    /// <summary>A connection that broke (reset, closed, refused): worth one more try. A timeout is not: the database is stalled.</summary>
    public static bool IsBrokenConnection(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is TimeoutException or OperationCanceledException) return false;
        return IsUnreachable(e);
    }
}
