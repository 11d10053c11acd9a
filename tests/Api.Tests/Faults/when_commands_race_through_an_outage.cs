namespace LoiTracker.Api.Tests.Faults;

/// <summary>
/// Many commands on one commitment at once, through a database that goes away in the middle. Without a version every
/// command applies to the current state; with the same version only one can win; and whatever meets the outage is a
/// problem a client can act on (409 or 503), never an empty 500, even when working out the conflict needs the database.
/// </summary>
public sealed class when_commands_race_through_an_outage : IAsyncLifetime
{
    private readonly ProxiedApi _api = new();
    private Guid _commitment, _supplier;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        var (supplier, buyer, loi) = await _api.SignedSupplyLoi();
        _supplier = supplier;
        _commitment = await _api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
    }

    public Task DisposeAsync() => _api.DisposeAsync();

    private Task<Reply> AddMilestone(int n, long? expectedVersion) => _api.Post($"/api/commitments/{_commitment}/milestones",
        new { title = $"Allocation {n}", dueOn = "2026-06-30", ownerPartyId = _supplier, expectedVersion }, "editor");

    private async Task<int> Milestones() => (await _api.EventsOf(_commitment)).Count(e => e.EventTypeName == "milestone_planned");

    [Fact]
    public async Task fifty_commands_without_a_version_are_all_applied()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => AddMilestone(n, expectedVersion: null)));

        replies.ShouldAllBe(r => r.Status == 201);
        (await Milestones()).ShouldBe(50);
    }

    [Fact]
    public async Task commands_on_one_version_cut_off_midway_answer_problems_and_record_at_most_one()
    {
        var version = (await _api.Get($"/api/commitments/{_commitment}")).Version;
        var racing = Enumerable.Range(0, 30).Select(n => AddMilestone(n, version)).ToList();
        // The outage begins while they are in flight: some have answered, some are waiting for their turn.
        await Task.WhenAny(racing);
        _api.Proxy.CutOff();
        var replies = await Task.WhenAll(racing);
        _api.Proxy.Restore();

        replies.ShouldAllBe(r => r.Status == 201 || r.Status == 409 || r.Status == 503);
        replies.Where(r => r.Status != 201).ShouldAllBe(r => r.ContentType!.StartsWith("application/problem+json") && r.Title != null);
        replies.Count(r => r.Status == 201).ShouldBeLessThanOrEqualTo(1);
        var unknown = replies.Any(r => r.Rule == "outcome-unknown");
        var recorded = await Milestones();
        if (unknown) recorded.ShouldBeLessThanOrEqualTo(1);
        else recorded.ShouldBe(replies.Count(r => r.Status == 201));
    }
}
