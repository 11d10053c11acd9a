using LoiTracker.Domain.Parties;
using Npgsql;

namespace LoiTracker.Api.Auth;

/// <summary>The <c>token</c> command's lookup of a party by its exact name (up to case and spaces), in the Api's database.</summary>
public static class ScopeLookup
{
    public static Guid PartyNamed(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString("Marten")
                               ?? throw new InvalidOperationException("--party by name needs ConnectionStrings:Marten (or give the party's id)");
        var schema = configuration["Database:Schema"] ?? "loitracker";
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"select id from {schema}.mt_doc_partyview where data ->> 'nameKey' = $1", connection);
        command.Parameters.AddWithValue(Party.NameKey(name));
        var found = new List<Guid>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) found.Add(reader.GetGuid(0));
        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"No party is registered as '{name}': give its exact name or its id");
    }
}
