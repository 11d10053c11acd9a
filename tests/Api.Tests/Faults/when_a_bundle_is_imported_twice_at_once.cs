namespace LoiTracker.Api.Tests.Faults;

/// <summary>
/// Two imports of one bundle at the same moment: one creates, the others get what a second import gets (nothing new),
/// never a 500, and nothing is created twice.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_bundle_is_imported_twice_at_once(ApiHost api)
{
    [Fact]
    public async Task one_creates_and_the_others_match()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bundle = new
        {
            parties = Enumerable.Range(1, 20).Select(i => new { key = $"p-{tag}-{i}", name = $"Party {tag} {i}" }),
            conditions = new[] { new { key = $"c-{tag}", title = "Regulatory approval", kind = "RegulatoryApproval" } }
        };
        var before = await api.EventCount();

        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.Post("/api/import", bundle)));

        replies.ShouldAllBe(r => r.Status == 200);
        replies.Count(r => r.Body!["outcome"]!.GetValue<string>() == "imported").ShouldBe(1);
        replies.Count(r => r.Body!["outcome"]!.GetValue<string>() == "nothing-new").ShouldBe(4);
        var parties = (await api.Get($"/api/parties?q=Party%20{tag}&pageSize=100")).Body!["total"]!.GetValue<long>();
        parties.ShouldBe(20);
        (await api.EventCount()).ShouldBe(before + 20 + 1 + 1); // the parties, the condition, the import itself
    }
}
