using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Parties;
using Marten;
using Marten.Schema;

namespace LoiTracker.Api.Parties;

[Description("The companies and people agreements are made between, and each party's ledger of what it owes and is owed.")]
public static class Configuration
{
    public const string NameIndex = "party_name_key";

    public static void AddParties(this StoreOptions options)
    {
        options.Projections.Add<PartyProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<PartyViewProjection>(ProjectionLifecycle.Inline);
        // Two parties cannot share a name (up to case and spaces), even when registered at the same instant.
        options.Schema.For<PartyView>().UniqueIndex(UniqueIndexType.Computed, NameIndex, x => x.NameKey);
        UniqueRules.Add(NameIndex, "party-name-taken", "A party with this name is already registered");
    }
}
