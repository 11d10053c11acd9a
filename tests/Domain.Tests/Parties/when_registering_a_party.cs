using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;

namespace LoiTracker.Domain.Tests.Parties;

public sealed class when_registering_a_party
{
    private static Party Fold(params object[] events) =>
        events.Skip(1).Aggregate(Party.From((PartyRegistered)events[0]), (p, e) => p.When(e));

    [Fact]
    public void a_party_in_a_group_is_registered_then_joins_it()
    {
        var id = Guid.CreateVersion7();

        var events = Party.Register(id, "  Samsung SDS ", "Samsung", "KR").ToList();

        events[0].ShouldBe(new PartyRegistered(id, "Samsung SDS", "KR"));
        events[1].ShouldBe(new PartyJoinedGroup(id, "Samsung"));
    }

    [Fact]
    public void a_rename_keeps_the_previous_name()
    {
        var party = Fold(new PartyRegistered(Guid.CreateVersion7(), "Samsung C and T", "KR"));

        party.Rename("Samsung C&T").ShouldHaveSingleItem().ShouldBe(new PartyRenamed(party.Id, "Samsung C&T", "Samsung C and T"));
        Should.Throw<RuleViolation>(() => party.Rename("Samsung C and T").ToList()).Rule.ShouldBe("party-name-unchanged");
    }

    [Fact]
    public void moving_to_another_group_leaves_the_first()
    {
        var id = Guid.CreateVersion7();
        var party = Fold(new PartyRegistered(id, "Harman", null), new PartyJoinedGroup(id, "Samsung"));

        party.ChangeGroup("Other").ShouldBe([new PartyLeftGroup(id, "Samsung"), new PartyJoinedGroup(id, "Other")]);
        party.ChangeGroup(null).ShouldBe([new PartyLeftGroup(id, "Samsung")]);
        Should.Throw<RuleViolation>(() => party.ChangeGroup("Samsung").ToList()).Rule.ShouldBe("party-group-unchanged");
    }

    [Fact]
    public void names_differing_only_in_case_and_spaces_are_the_same_name()
    {
        Party.NameKey(" Samsung SDS").ShouldBe(Party.NameKey("samsung sds "));
    }
}
