using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Tests.Risk;

/// <summary>A host of its own: these cases move its clock a long way.</summary>
public sealed class RiskSeedHost : ApiHost;

/// <summary>
/// Twenty seeded deals driven through the Api and the database: commitments with dated milestones and dependencies,
/// then random reschedules, completions, new dependencies and moves of the clock (with the sweep). After every step the
/// risk the daemon keeps equals the risk worked out from scratch over the same facts (<see cref="RiskGraph.Evaluate"/>).
/// The pure model's property test covers far more graphs; this proves the daemon routes every change to what it moves.
/// </summary>
public sealed class when_seeded_deals_change_through_the_database(RiskSeedHost api) : IClassFixture<RiskSeedHost>
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task the_kept_risk_equals_the_risk_from_scratch_after_every_step(int seed)
    {
        var random = new Random(seed);
        var supplier = await api.RegisterParty($"Supplier {seed}-{Guid.NewGuid():N}");
        var buyer = await api.RegisterParty($"Buyer {seed}-{Guid.NewGuid():N}");
        var loi = await api.DraftAgreement($"LOI {seed}", [(supplier, "Signatory"), (buyer, "Signatory")]);
        await api.RecordProvision(loi, "§2", binding: false);
        await api.Sign(loi, new DateOnly(2025, 10, 1), supplier, buyer);
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

        var commitments = new List<Guid>();
        var milestones = new List<(Guid Commitment, Guid Milestone)>();
        for (var i = 0; i < 6; i++)
        {
            var c = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "other", title: $"Line {seed}.{i}"));
            commitments.Add(c);
            milestones.Add((c, (await api.Post($"/api/commitments/{c}/milestones",
                new { title = $"Step {seed}.{i}", dueOn = today.AddDays(random.Next(-10, 60)), ownerPartyId = supplier }, "editor")).ShouldBe(201).Id));
            if (i > 0 && random.Next(2) == 0)
                await api.Post($"/api/commitments/{c}/dependencies", new { dependsOnCommitmentId = commitments[random.Next(i)] }, "editor");
        }
        await ShouldAgree(commitments, "after the set-up");

        for (var step = 0; step < 6; step++)
        {
            var (commitment, milestone) = milestones[random.Next(milestones.Count)];
            var what = random.Next(4);
            switch (what)
            {
                case 0:
                    await api.Post($"/api/commitments/{commitment}/milestones/{milestone}/reschedule",
                        new { dueOn = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(random.Next(-20, 90)), reason = "Moved" }, "editor");
                    break;
                case 1:
                    await api.Post($"/api/commitments/{commitment}/milestones/{milestone}/complete",
                        new { completedOn = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-1) }, "editor");
                    break;
                case 2:
                    var from = random.Next(1, commitments.Count);
                    await api.Post($"/api/commitments/{commitments[from]}/dependencies", new { dependsOnCommitmentId = commitments[random.Next(from)] }, "editor");
                    break;
                default:
                    api.Clock.Advance(TimeSpan.FromDays(random.Next(1, 25)));
                    await LoiTracker.Api.Risk.RiskSweep.Run(api.Store, api.Clock.GetUtcNow(), CancellationToken.None);
                    break;
            }
            await ShouldAgree(commitments, $"after step {step} ({what})");
        }
    }

    private async Task ShouldAgree(IReadOnlyList<Guid> commitments, string when)
    {
        await api.WaitForProjections();
        await using var session = api.Store.QuerySession();
        var facts = await RiskFactsReader.For(session, commitments, CancellationToken.None);
        var scratch = RiskGraph.Evaluate(facts, api.Clock.GetUtcNow());
        var kept = (await session.LoadManyAsync<RiskView>(commitments)).ToDictionary(v => v.Id);
        foreach (var id in commitments)
        {
            var view = kept.GetValueOrDefault(id).ShouldNotBeNull($"{facts[id].Title} has no risk document {when}");
            var expected = scratch[id];
            view.Level.ShouldBe(expected.Level, $"{facts[id].Title} {when}: kept [{string.Join("; ", view.Reasons.Select(r => r.Summary))}], " +
                                                $"from scratch [{string.Join("; ", expected.Reasons.Select(r => r.Summary))}]");
            view.Reasons.Select(r => r.Summary).ShouldBe(expected.Reasons.Select(r => r.Summary), $"{facts[id].Title} {when}");
        }
    }
}
