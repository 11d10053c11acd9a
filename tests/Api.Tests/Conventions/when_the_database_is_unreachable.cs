using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>api.md: the database unreachable is a 503 problem, never a stack trace; readiness says so too.</summary>
public sealed class when_the_database_is_unreachable : IAsyncLifetime
{
    private readonly TcpProxy _proxy = new(TestDatabase.ConnectionString);
    private readonly string _schema = TestDatabase.NewSchema("outage");
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        // The Api starts against a healthy database, reached through a proxy the test then cuts off.
        _host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Marten", _proxy.ConnectionStringThrough(TestDatabase.ConnectionString));
            web.UseSetting("Database:Schema", _schema);
            web.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
            web.ConfigureServices(services => services.RunPreGeneratedCode()
                .ConfigureWolverine(o => o.Durability.Mode = DurabilityMode.MediatorOnly));
        });
        _proxy.CutOff();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        await TestDatabase.DropSchema(_schema);
    }

    [Fact]
    public async Task a_command_is_answered_503_with_a_problem()
    {
        var result = await _host.Scenario(s =>
        {
            s.Post.Text("""{ "name": "Nvidia" }""").ToUrl("/api/parties");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(TestTokens.For("editor"));
            s.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.ShouldBe(503);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var body = await result.ReadAsTextAsync();
        body.ShouldContain("The database is unreachable");
        body.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task readiness_fails_while_liveness_holds()
    {
        var ready = await _host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); });
        var live = await _host.Scenario(s => { s.Get.Url("/health/live"); s.IgnoreStatusCode(); });

        ready.Context.Response.StatusCode.ShouldBe(503);
        live.Context.Response.StatusCode.ShouldBe(200);
    }
}
