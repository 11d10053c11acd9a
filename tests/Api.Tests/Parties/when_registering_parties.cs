namespace LoiTracker.Api.Tests.Parties;

[Collection(ApiCollection.Name)]
public sealed class when_registering_parties(ApiHost api)
{
    [Fact]
    public async Task a_party_is_registered_in_its_group_and_read_back()
    {
        var name = $"Samsung Heavy Industries {Guid.NewGuid():N}"[..32];

        var reply = await api.Post("/api/parties", new { name, group = "Samsung", country = "kr" }, "editor");

        reply.ShouldBe(201).Version.ShouldBe(2);
        var party = (await api.Get(reply.Location!)).ShouldBe(200).Body!;
        party["name"]!.GetValue<string>().ShouldBe(name);
        party["group"]!.GetValue<string>().ShouldBe("Samsung");
        party["country"]!.GetValue<string>().ShouldBe("KR");
        party["lastChange"]!["by"]!.GetValue<string>().ShouldBe("Editor User");
        (await api.Get($"/api/parties?group=Samsung&q={Uri.EscapeDataString(name[..24])}")).Body!["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task two_parties_cannot_share_a_name()
    {
        var name = $"Samsung C&T {Guid.NewGuid():N}";
        (await api.Post("/api/parties", new { name }, "editor")).ShouldBe(201);
        var before = await api.EventCount();

        var reply = await api.Post("/api/parties", new { name = $"  {name.ToUpperInvariant()} " }, "editor");

        reply.ShouldBe(422).Rule.ShouldBe("party-name-taken");
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_party_is_renamed_and_moved_between_groups_with_optimistic_concurrency()
    {
        var party = await api.RegisterParty("Harman", "Samsung");
        var newName = $"Harman International {Guid.NewGuid():N}"[..30];

        (await api.Post($"/api/parties/{party}/rename", new { name = newName, expectedVersion = 2 }, "editor")).ShouldBe(200).Version.ShouldBe(3);
        (await api.Post($"/api/parties/{party}/group", new { group = "Other", expectedVersion = 2 }, "editor")).ShouldBe(409);
        (await api.Post($"/api/parties/{party}/group", new { group = "", expectedVersion = 3 }, "editor")).ShouldBe(200).Version.ShouldBe(4);

        var read = (await api.Get($"/api/parties/{party}")).Body!;
        read["group"].ShouldBeNull();
        read["formerNames"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldStartWith("Harman");
        (await api.EventsOf(party)).Select(e => e.EventTypeName).ShouldBe(["party_registered", "party_joined_group", "party_renamed", "party_left_group"]);
    }
}
