// One Api host for the whole assembly; its tests run one after another so event counts are exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LoiTracker.Api.Tests;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
