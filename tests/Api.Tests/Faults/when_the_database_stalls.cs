namespace LoiTracker.Api.Tests.Faults;

/// <summary>
/// A frozen server or a network black hole: connections stay open and nothing answers. Requests get a 503 problem
/// within the deadline instead of hanging for as long as the stall lasts; readiness says not ready; the Api recovers
/// by itself when the database thaws.
/// </summary>
public sealed class when_the_database_stalls : IAsyncLifetime
{
    private readonly ProxiedApi _api = new();

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task requests_and_readiness_answer_503_and_the_api_recovers_when_it_thaws()
    {
        var party = await _api.RegisterParty("Samsung SDS");
        _api.Proxy.Stall();

        // The guard only stops a hang from stalling the suite; the deadline itself is the Api's (two seconds here).
        var write = await _api.Post("/api/parties", new { name = $"Stalled {Guid.NewGuid():N}" }, "editor").WaitAsync(TimeSpan.FromSeconds(60));
        var read = await _api.Get($"/api/parties/{party}").WaitAsync(TimeSpan.FromSeconds(60));
        var ready = await _api.Get("/health/ready", role: null).WaitAsync(TimeSpan.FromSeconds(60));

        write.ShouldBe(503);
        write.ContentType.ShouldStartWith("application/problem+json");
        read.ShouldBe(503);
        ready.ShouldBe(503);

        _api.Proxy.Thaw();
        (await _api.Get($"/api/parties/{party}")).ShouldBe(200);
        (await _api.Post("/api/parties", new { name = $"Thawed {Guid.NewGuid():N}" }, "editor")).ShouldBe(201);
        (await _api.Get("/health/ready", role: null)).ShouldBe(200);
    }
}
