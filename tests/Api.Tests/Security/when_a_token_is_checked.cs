using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using LoiTracker.Api.Auth;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Tests.Security;

/// <summary>A token signed with the right key is still refused when it cannot say who acts, or lives too long.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_token_is_checked(ApiHost api)
{
    private static string Mint(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)) { KeyId = "local" };
        var now = DateTime.UtcNow;
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(SigningKey.Issuer, SigningKey.Audience, claims, now, now.Add(lifetime),
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256)));
    }

    [Fact]
    public async Task a_token_without_a_subject_is_401_and_writes_nothing()
    {
        var before = await api.EventCount();
        var token = Mint([new Claim("name", "Nobody"), new Claim("role", "admin")], TimeSpan.FromHours(1));

        var reply = await api.Send(HttpMethod.Post, "/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}" }, null, token);

        reply.ShouldBe(401);
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_token_that_lives_longer_than_the_cap_is_401()
    {
        var token = Mint([new Claim("sub", "ada"), new Claim("name", "Ada"), new Claim("role", "viewer")], TimeSpan.FromDays(30));

        (await api.Send(HttpMethod.Get, "/api/parties", null, null, token)).ShouldBe(401);
        (await api.Send(HttpMethod.Get, "/api/parties", null, null,
            Mint([new Claim("sub", "ada"), new Claim("name", "Ada"), new Claim("role", "viewer")], TimeSpan.FromHours(8)))).ShouldBe(200);
    }
}
