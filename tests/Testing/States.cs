using Xunit;

namespace LoiTracker.Testing;

/// <summary>
/// A state of the world a test class starts from, arranged before each of its tests on the shared host, so each test
/// reads as the one sentence it proves (EventSourcing.NetCore's <c>ApiWithLoggedIncident</c>).
/// </summary>
public abstract class ApiState(ApiHost api) : IAsyncLifetime
{
    protected ApiHost Api { get; } = api;

    public abstract Task InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>A letter of intent between a supplier and a buyer, signed, with a non-binding (§2) and a binding (§9) provision.</summary>
public abstract class ApiWithSignedLoi(ApiHost api) : ApiState(api)
{
    protected Guid Supplier { get; private set; }
    protected Guid Buyer { get; private set; }
    protected Guid Loi { get; private set; }

    public override async Task InitializeAsync() => (Supplier, Buyer, Loi) = await Api.SignedSupplyLoi();
}

/// <summary>The signed letter of intent with an active, non-binding commitment: up to 900,000 DRAM wafers a month.</summary>
public abstract class ApiWithActiveCommitment(ApiHost api) : ApiWithSignedLoi(api)
{
    protected Guid Commitment { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Commitment = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, quantity: Driving.MonthlyWafers()));
    }
}
