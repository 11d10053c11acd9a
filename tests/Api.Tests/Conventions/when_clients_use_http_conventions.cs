using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>HTTP conventions an integrator expects: ETags and If-Match, Locations that resolve, the catalogue as a route.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_clients_use_http_conventions(ApiHost api) : ApiWithActiveCommitment(api)
{
    private async Task<Reply> Send(HttpMethod method, string url, object? body, string role, params (string, string)[] headers)
    {
        var result = await Api.Host.Scenario(s =>
        {
            if (method == HttpMethod.Get) s.Get.Url(url);
            else s.Post.Json(body!).ToUrl(url);
            s.WithBearerToken(TestTokens.For(role));
            foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return new Reply(result.Context.Response.StatusCode, string.IsNullOrEmpty(text) ? null : System.Text.Json.Nodes.JsonNode.Parse(text), text,
            result.Context.Response.Headers.Location.ToString(), result.Context.Response.ContentType)
        { Headers = result.Context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()) };
    }

    [Fact]
    public async Task every_read_of_a_stream_carries_its_version_as_an_etag()
    {
        var condition = await Api.RecordCondition("Board approval");
        foreach (var url in new[] { $"/api/agreements/{Loi}", $"/api/commitments/{Commitment}", $"/api/parties/{Supplier}", $"/api/conditions/{condition}" })
        {
            var read = await Send(HttpMethod.Get, url, null, "viewer");
            read.ShouldBe(200);
            read.Headers["ETag"].ShouldBe($"\"{read.Version}\"", url);
        }
    }

    [Fact]
    public async Task if_match_is_the_expected_version_and_a_stale_one_is_409_naming_the_current_version()
    {
        var read = await Send(HttpMethod.Get, $"/api/commitments/{Commitment}", null, "viewer");
        var etag = read.Headers["ETag"];

        var applied = await Send(HttpMethod.Post, $"/api/commitments/{Commitment}/owner", new { owner = "Grace" }, "editor", ("If-Match", etag));
        var stale = await Send(HttpMethod.Post, $"/api/commitments/{Commitment}/owner", new { owner = "Ada" }, "editor", ("If-Match", etag));
        var disagreeing = await Send(HttpMethod.Post, $"/api/commitments/{Commitment}/owner", new { owner = "Ada", expectedVersion = 1 }, "editor",
            ("If-Match", $"\"{applied.Version}\""));
        var malformed = await Send(HttpMethod.Post, $"/api/commitments/{Commitment}/owner", new { owner = "Ada" }, "editor", ("If-Match", "yesterday"));

        applied.ShouldBe(200).Version.ShouldBe(read.Version + 1);
        stale.ShouldBe(409).Body!["currentVersion"]!.GetValue<long>().ShouldBe(applied.Version);
        disagreeing.ShouldBe(400).ErrorsFor("If-Match").ShouldNotBeEmpty();
        malformed.ShouldBe(400).ErrorsFor("If-Match").ShouldNotBeEmpty();
        (await Api.EventsOf(Commitment)).Count.ShouldBe((int)applied.Version);
    }

    [Fact]
    public async Task the_location_of_every_created_thing_resolves()
    {
        var delivery = await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 12 }, "editor");
        var milestone = await Api.Post($"/api/commitments/{Commitment}/milestones", new { title = "Allocation", dueOn = "2026-06-30", ownerPartyId = Supplier }, "editor");
        var condition = await Api.Post("/api/conditions", new { title = "Board approval", kind = "BoardApproval" }, "editor");
        var party = await Api.Post("/api/parties", new { name = $"Samsung SDS {Guid.NewGuid():N}" }, "editor");

        foreach (var created in new[] { delivery, milestone, condition, party })
            (await Api.Get(created.ShouldBe(201).Location!)).Status.ShouldBe(200, created.Location);
        (await Api.Get(delivery.Location!)).As<DeliveryView>().Quantity.ShouldBe(12);
        (await Api.Get($"/api/commitments/{Commitment}/deliveries/{Guid.CreateVersion7()}")).ShouldBe(404);
    }

    [Fact]
    public async Task the_workstream_catalogue_is_a_route()
    {
        var catalogue = (await Api.Get("/api/workstreams")).ShouldBe(200).As<PageOf<WorkstreamEntry>>();

        catalogue.Items.Select(w => w.Code).ShouldContain("floating-power");
        catalogue.Items.Single(w => w.Code == "datacenter-design").Name.ShouldBe("Data center design");
        catalogue.Total.ShouldBe(catalogue.Items.Count);
    }
}
