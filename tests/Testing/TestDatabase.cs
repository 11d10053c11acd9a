using Npgsql;

namespace LoiTracker.Testing;

/// <summary>
/// The real PostgreSQL the tests run against: the project-local cluster that ./test.sh starts
/// (scripts/pg.sh), or LOITRACKER_TEST_CONNECTION. Each test host gets a schema of its own and drops it after.
/// </summary>
public static class TestDatabase
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("LOITRACKER_TEST_CONNECTION") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5544;Database=loitracker;Username=postgres;Maximum Pool Size=50";

    public static string NewSchema(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];

    public static async Task DropSchema(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade", connection);
        await command.ExecuteNonQueryAsync();
    }
}
