namespace LoiTracker.Api.Tests.Conventions;

/// <summary>Every list answers <c>{ items, total, page, pageSize }</c>, and <c>total</c> is right on every page.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_list_is_paged(ApiHost api) : ApiWithActiveCommitment(api)
{
    [Fact]
    public async Task paging_one_at_a_time_meets_every_item_once_and_the_total_never_changes()
    {
        await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-02", quantity = 3 }, "editor");
        await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 4 }, "editor");
        await Api.Post($"/api/commitments/{Commitment}/milestones", new { title = "One", dueOn = "2026-05-31", ownerPartyId = Supplier }, "editor");
        await Api.Post($"/api/commitments/{Commitment}/milestones", new { title = "Two", dueOn = "2026-06-30", ownerPartyId = Supplier }, "editor");
        await Api.WaitForProjections();

        foreach (var list in new[]
                 {
                     $"/api/parties?q=Samsung", $"/api/agreements?party={Supplier}", $"/api/commitments?agreement={Loi}",
                     $"/api/milestones?party={Supplier}", $"/api/commitments/{Commitment}/deliveries", "/api/conditions", "/api/workstreams"
                 })
        {
            var first = (await Api.Get(list)).ShouldBe(200).Body!;
            var total = first["total"]!.GetValue<long>();
            var seen = new List<string>();
            for (var page = 1; page <= total + 1 && list != "/api/workstreams"; page++)
            {
                var separator = list.Contains('?') ? '&' : '?';
                var body = (await Api.Get($"{list}{separator}page={page}&pageSize=1")).ShouldBe(200).Body!;
                body["total"]!.GetValue<long>().ShouldBe(total, $"{list} page {page}");
                body["page"]!.GetValue<int>().ShouldBe(page);
                seen.AddRange(body["items"]!.AsArray().Select(i => i!.ToJsonString()));
            }
            if (list != "/api/workstreams") seen.Distinct().Count().ShouldBe((int)total, list);
            first["items"]!.AsArray().Count.ShouldBe((int)Math.Min(total, 50), list);
        }
    }
}
