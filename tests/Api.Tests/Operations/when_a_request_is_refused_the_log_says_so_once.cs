using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoiTracker.Api.Tests.Operations;

/// <summary>An operator reads one information line per refusal, with its rule and correlation id; never a stack trace for an expected 409.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_request_is_refused_the_log_says_so_once(ApiHost api) : ApiWithActiveCommitment(api)
{
    [Fact]
    public async Task a_stale_version_is_one_information_line_naming_the_correlation_id()
    {
        var log = Api.Host.Services.GetRequiredService<RecordedLog>();
        log.Clear();

        var reply = await Api.Post($"/api/commitments/{Commitment}/owner", new { owner = "Grace", expectedVersion = 1 }, "editor");

        reply.ShouldBe(409);
        var correlation = reply.Body!["correlationId"]!.GetValue<string>();
        var lines = log.Entries.Where(e => e.Message.Contains(correlation)).ToList();
        lines.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Information);
        lines[0].Message.ShouldContain("409");
        log.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_rule_refusal_names_its_rule_in_the_line()
    {
        var log = Api.Host.Services.GetRequiredService<RecordedLog>();
        log.Clear();

        var reply = await Api.Post($"/api/commitments/{Commitment}/notice-breach", new { cureBy = "2026-12-31", reason = "Late" });

        reply.ShouldBe(422);
        log.Entries.ShouldHaveSingleItem().Message.ShouldContain("non-binding-no-breach");
    }
}
