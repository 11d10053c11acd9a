namespace LoiTracker.Api.Tests.Faults;

/// <summary>
/// The connection dies while COMMIT is in flight: the server recorded the write, the Api never heard. No answer may
/// claim "nothing was recorded"; the Api finds its own event when it can, says the outcome is unknown when it cannot,
/// and a retry with the same Idempotency-Key then answers the first answer without recording twice.
/// </summary>
public sealed class when_a_commit_is_cut_off_mid_flight : IAsyncLifetime
{
    private readonly ProxiedApi _api = new();
    private Guid _commitment;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        var (supplier, buyer, loi) = await _api.SignedSupplyLoi();
        _commitment = await _api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        // The daemon commits its progress after new events: let it catch up, so the next commit through the proxy is the test's.
        await _api.WaitForProjections();
    }

    public Task DisposeAsync() => _api.DisposeAsync();

    private Task<Reply> Deliver(string? key) => _api.Send(HttpMethod.Post, $"/api/commitments/{_commitment}/deliveries",
        new { period = "2026-03", quantity = 10 }, "editor", headers: key is null ? [] : [("Idempotency-Key", key)]);

    private async Task<int> Deliveries() => (await _api.EventsOf(_commitment)).Count(e => e.EventTypeName == "delivery_recorded");

    [Fact]
    public async Task when_the_database_is_still_there_the_api_finds_its_write_and_answers_it()
    {
        _api.Proxy.CutTheNextCommitsAnswer(thenRefuse: false);

        var reply = await Deliver(key: null);

        _api.Proxy.CommitCut.IsCompleted.ShouldBeTrue();
        reply.ShouldBe(201);
        (await Deliveries()).ShouldBe(1);
    }

    [Fact]
    public async Task when_the_outage_goes_on_the_outcome_is_unknown_and_a_retry_with_the_key_records_nothing_twice()
    {
        var key = Guid.NewGuid().ToString();
        _api.Proxy.CutTheNextCommitsAnswer(thenRefuse: true);

        var cut = await Deliver(key);

        cut.ShouldBe(503);
        cut.Rule.ShouldBe("outcome-unknown");
        cut.Title.ShouldBe("The outcome is unknown");
        cut.Text.ShouldNotContain("Nothing was recorded");

        _api.Proxy.Restore();
        var retry = await Deliver(key);

        retry.ShouldBe(201);
        retry.Headers["Idempotent-Replayed"].ShouldBe("true");
        (await Deliveries()).ShouldBe(1);
    }

    [Fact]
    public async Task every_kind_of_write_says_the_outcome_is_unknown_when_its_commit_is_cut()
    {
        _api.Proxy.CutTheNextCommitsAnswer(thenRefuse: true);

        var cut = await _api.Post($"/api/commitments/{_commitment}/notes", new { text = "Cut off" }, "editor");

        cut.ShouldBe(503).Rule.ShouldBe("outcome-unknown");
        _api.Proxy.Restore();
        (await _api.EventsOf(_commitment)).Count(e => e.EventTypeName == "note_added").ShouldBe(1, "the server did commit it");
    }
}
