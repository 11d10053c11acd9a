[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LoiTracker.Acceptance.Tests;

[CollectionDefinition(Name)]
public sealed class AcceptanceCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "acceptance";
}
