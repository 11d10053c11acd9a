using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Parties;
using Marten.Exceptions;

namespace LoiTracker.Projections.Tests;

[Collection(ProjectionCollection.Name)]
public sealed class when_folding_party_events(ProjectionStore projections)
{
    [Fact]
    public async Task a_renamed_party_keeps_its_former_names()
    {
        var id = Guid.CreateVersion7();
        var name = $"Samsung C and T {id:N}";
        await projections.Start(id, "Ada", new PartyRegistered(id, name, "KR"), new PartyJoinedGroup(id, "Samsung"));

        await projections.Append<Party>(id, "Grace", new PartyRenamed(id, $"Samsung C&T {id:N}", name));

        var view = (await projections.Load<PartyView>(id)).ShouldNotBeNull();
        view.Name.ShouldBe($"Samsung C&T {id:N}");
        view.FormerNames.ShouldBe([name]);
        view.Group.ShouldBe("Samsung");
        view.Version.ShouldBe(3);
        view.LastChange!.BySubject.ShouldBe("Grace");
    }

    [Fact]
    public async Task the_database_refuses_a_second_party_with_the_same_name_even_when_both_are_written_at_once()
    {
        var name = $"Samsung SDS {Guid.NewGuid():N}";
        var first = Guid.CreateVersion7();
        await projections.Start(first, "Ada", new PartyRegistered(first, name, null));
        var second = Guid.CreateVersion7();

        var refused = await Should.ThrowAsync<Exception>(() => projections.Start(second, "Ada", new PartyRegistered(second, $" {name.ToLowerInvariant()}", null)));

        (refused is MartenCommandException || refused.InnerException is Npgsql.PostgresException).ShouldBeTrue(refused.ToString());
        (await projections.Load<PartyView>(second)).ShouldBeNull();
    }
}
