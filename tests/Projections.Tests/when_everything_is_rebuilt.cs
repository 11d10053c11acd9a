using System.Text.Json.Nodes;
using LoiTracker.Api.Operations;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using LoiTracker.Testing;
using Marten;

namespace LoiTracker.Projections.Tests;

/// <summary>
/// A full rebuild (with no Api node serving) replays every projection: the documents it leaves are exactly those the
/// inline projections wrote as the events were appended, and verifying finds nothing to say.
/// </summary>
public sealed class when_everything_is_rebuilt : IAsyncLifetime
{
    private readonly string _schema = TestDatabase.NewSchema("rebuild");
    private DocumentStore _store = null!;

    public Task InitializeAsync()
    {
        _store = ProjectionStore.Open(_schema);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await TestDatabase.DropSchema(_schema);
    }

    [Fact]
    public async Task the_rebuilt_documents_are_the_inline_ones()
    {
        var (party, agreement, commitment, milestone) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = _store.LightweightSession())
        {
            session.LastModifiedBy = "ada";
            session.Events.StartStream<Party>(party, new PartyRegistered(party, "Samsung SDS", "KR"), new PartyJoinedGroup(party, "Samsung"));
            session.Events.StartStream<Agreement>(agreement,
                new AgreementDrafted(agreement, "LOI", AgreementKind.LetterOfIntent, null, null, "Asia/Seoul", null, null,
                    new Source(SourceKind.PublicAnnouncement, "Newsroom")),
                new PartyJoinedAgreement(agreement, party, PartyRole.Signatory),
                new KeyDateSet(agreement, new KeyDate(KeyDateKind.Expiry, new DateOnly(2027, 12, 31), null), null));
            session.Events.StartStream<Commitment>(commitment,
                new CommitmentMade(commitment, agreement, [party], [Guid.CreateVersion7()], "resale", "Resale", "Terms", null, false, null, null, "Ada"),
                new MilestonePlanned(milestone, "Reseller agreement", new DateOnly(2026, 1, 31), null, party, null, [], true),
                new MilestoneRescheduled(milestone, new DateOnly(2026, 3, 31), new DateOnly(2026, 1, 31), "Negotiation"));
            await session.SaveChangesAsync();
        }
        var before = await Snapshot(party, agreement, commitment, milestone);

        await new ProjectionMaintenance(_store).RebuildAll(CancellationToken.None);

        var after = await Snapshot(party, agreement, commitment, milestone);
        after.Zip(before).ShouldAllBe(pair => JsonNode.DeepEquals(pair.First, pair.Second));
        (await new ProjectionMaintenance(_store).Verify(CancellationToken.None)).ShouldBeEmpty();
        await using var query = _store.QuerySession();
        (await query.LoadAsync<MilestoneScheduleView>(milestone))!.DueOn.ShouldBe(new DateOnly(2026, 3, 31));
    }

    private async Task<List<JsonNode?>> Snapshot(Guid party, Guid agreement, Guid commitment, Guid milestone)
    {
        await using var session = _store.QuerySession();
        var serializer = _store.Options.Serializer();
        return
        [
            JsonNode.Parse(serializer.ToJson(await session.LoadAsync<PartyView>(party))),
            JsonNode.Parse(serializer.ToJson(await session.LoadAsync<AgreementView>(agreement))),
            JsonNode.Parse(serializer.ToJson(await session.LoadAsync<CommitmentView>(commitment))),
            JsonNode.Parse(serializer.ToJson(await session.LoadAsync<MilestoneView>(milestone)))
        ];
    }
}
