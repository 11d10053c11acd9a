namespace LoiTracker.Api.Tests.Faults;

/// <summary>
/// After a database outage the Api still stops: the writes that failed left Marten retrying its bookkeeping, which
/// used to keep the process alive forever. A stop now finishes within the host's shutdown timeout.
/// </summary>
public sealed class when_the_api_stops_after_an_outage : IAsyncLifetime
{
    private readonly ProxiedApi _api = new();

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task it_stops_and_lets_go_of_the_database()
    {
        var (supplier, buyer, loi) = await _api.SignedSupplyLoi();
        var commitment = await _api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        // The daemon, woken by each append, commits its own progress: let it finish, so the commit cut is the delivery's.
        await _api.WaitForProjections();
        _api.Proxy.CutTheNextCommitsAnswer(thenRefuse: true);
        (await _api.Post($"/api/commitments/{commitment}/deliveries", new { period = "2026-03", quantity = 1 }, "editor")).ShouldBe(503);
        for (var i = 0; i < 3; i++)
            (await _api.Post($"/api/commitments/{commitment}/notes", new { text = $"During the outage {i}" }, "editor")).ShouldBe(503);
        // Then the database stalls rather than refuses: whatever the Api still tries to write now waits.
        _api.Proxy.Restore();
        _api.Proxy.Stall();

        // The guard only turns a hang into a failure instead of a stuck suite (before the fix a stop never returned);
        // how long a stop takes is measured by bench/crash.sh, not asserted here.
        var stopped = _api.Host.StopAsync();
        (await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(90)))).ShouldBe(stopped, "the Api never stopped");
        await stopped;
        var disposed = _api.DisposeAsync();
        (await Task.WhenAny(disposed, Task.Delay(TimeSpan.FromSeconds(90)))).ShouldBe(disposed, "the Api never let go of the store");
    }
}
