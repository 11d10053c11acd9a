using Alba;
using LoiTracker.Api.Auth;
using Microsoft.AspNetCore.Hosting;

namespace LoiTracker.Api.Tests.Security;

/// <summary>
/// Secure by default: outside Development the Api refuses to start unless tokens can be checked with something nobody
/// else knows (an https OpenID Connect authority with an audience, or a random key of at least 32 bytes). A
/// misconfiguration is a start-up error, never a 500 on every request.
/// </summary>
public sealed class when_the_api_starts_outside_development
{
    private static async Task<Exception?> Start(params (string Key, string? Value)[] settings)
    {
        var schema = TestDatabase.NewSchema("prod");
        try
        {
            await using var host = await AlbaHost.For<Program>(web =>
            {
                web.UseEnvironment("Production");
                web.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
                web.UseSetting("Database:Schema", schema);
                foreach (var (key, value) in settings) web.UseSetting(key, value);
            });
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            await TestDatabase.DropSchema(schema);
        }
    }

    private static string Message(Exception? e) => e is null ? "(it started)" : e.InnerException?.Message ?? e.Message;

    [Fact]
    public async Task with_no_key_and_no_authority_it_does_not_start()
    {
        Message(await Start()).ShouldContain("Outside Development, set Auth:Authority");
    }

    [Theory]
    [InlineData("change-me-to-a-random-string-of-32-bytes-or-more", "placeholder")]
    [InlineData("short-key", "fewer than 32")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "pattern")]
    [InlineData("our-very-own-signing-secret-for-the-api-please", "words")]
    public async Task with_a_guessable_key_it_does_not_start(string key, string why)
    {
        Message(await Start(("Auth:SigningKey", key))).ShouldContain(why);
    }

    [Fact]
    public async Task with_an_http_authority_it_does_not_start()
    {
        Message(await Start(("Auth:Authority", "http://login.example.com"), ("Auth:Audience", "loitracker")))
            .ShouldContain("must be an https URL");
    }

    [Fact]
    public async Task with_an_authority_but_no_audience_it_does_not_start()
    {
        Message(await Start(("Auth:Authority", "https://login.example.com"))).ShouldContain("Auth:Audience");
    }

    [Fact]
    public async Task with_a_random_key_or_an_https_authority_it_starts()
    {
        (await Start(("Auth:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))))).ShouldBeNull();
        (await Start(("Auth:Authority", "https://login.example.com"), ("Auth:Audience", "loitracker"))).ShouldBeNull();
    }

    [Fact]
    public void the_placeholder_compose_once_shipped_is_refused_by_name()
    {
        SigningKey.Weakness("change-me-to-a-random-string-of-32-bytes-or-more").ShouldNotBeNull();
        SigningKey.Weakness(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))).ShouldBeNull();
    }
}
