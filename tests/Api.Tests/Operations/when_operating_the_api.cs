namespace LoiTracker.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class when_operating_the_api(ApiHost api)
{
    [Fact]
    public async Task health_is_open_and_readiness_checks_the_database()
    {
        (await api.Get("/health/live", role: null)).ShouldBe(200);
        (await api.Get("/health/ready", role: null)).ShouldBe(200).Text.ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_is_open_and_lists_the_routes()
    {
        var reply = (await api.Get("/openapi/v1.json", role: null)).ShouldBe(200);

        var paths = reply.Body!["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/agreements");
        paths.ShouldContain("/api/agreements/{id}/sign");
        paths.ShouldContain("/api/parties");
    }

    [Fact]
    public async Task the_interactive_docs_are_served()
    {
        var reply = await api.Get("/docs", role: null);

        reply.Status.ShouldBeOneOf(200, 301, 302);
    }
}
