using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Milestones;

namespace LoiTracker.Projections.Tests;

/// <summary>
/// The schedule view, kept by the daemon with the Domain's rule: a milestone that counts from a condition is pending
/// until the condition is satisfied, then due a given number of days after, in the agreement's zone.
/// </summary>
[Collection(ProjectionCollection.Name)]
public sealed class when_a_schedule_is_resolved(ProjectionStore store)
{
    [Fact]
    public async Task a_milestone_counting_from_a_condition_falls_due_once_the_condition_is_satisfied()
    {
        var (agreement, commitment, condition, milestone) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var party = Guid.CreateVersion7();
        await store.Start(agreement, "ada",
            new AgreementDrafted(agreement, "LOI", AgreementKind.LetterOfIntent, null, "Seoul", "Asia/Seoul", null, null,
                new Source(SourceKind.PublicAnnouncement, "Newsroom")),
            new PartyJoinedAgreement(agreement, party, PartyRole.Signatory),
            new AgreementSignedByParty(agreement, party, new DateOnly(2025, 10, 1), "Signatory", null),
            new AgreementSigned(agreement, new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 1)));
        await store.Start(condition, "ada", new ConditionRecorded(condition, "Extension agreed", ConditionKind.Other, null, null, "Asia/Seoul"));
        await store.Start(commitment, "ada",
            new CommitmentMade(commitment, agreement, [party], [Guid.CreateVersion7()], "floating-power", "Floating power", "Terms", null, false,
                null, null, null),
            new CommitmentActivated("the agreement is in force"),
            new MilestonePlanned(milestone, "Feasibility study", null, new RelativeDue(90, new DueAnchor(null, condition, false)), party, null, [],
                true));

        await store.CaughtUp();
        var waiting = (await store.Load<MilestoneScheduleView>(milestone))!;
        waiting.PendingOn.ShouldBe("condition 'Extension agreed'");
        waiting.StateOn(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBe(MilestoneState.Pending);

        await store.Append<Condition>(condition, "ada", new ConditionSatisfied(condition, new DateOnly(2026, 3, 2), null, null));
        await store.CaughtUp();

        var due = (await store.Load<MilestoneScheduleView>(milestone))!;
        due.DueOn.ShouldBe(new DateOnly(2026, 5, 31));
        due.FallsDueAt.ShouldBe(new DateTimeOffset(2026, 5, 31, 15, 0, 0, TimeSpan.Zero));
        due.PendingOn.ShouldBeNull();
        due.Parties.ShouldContain(party);
        due.StateOn(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBe(MilestoneState.Overdue);
    }
}
