namespace LoiTracker.Api.Tests.Conventions;

/// <summary>
/// api.md: without <c>expectedVersion</c> a command is applied, retried on a fresh read when it races; with a stale one
/// it is a 409 naming <c>currentVersion</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_commands_race(ApiHost api) : ApiWithActiveCommitment(api)
{
    [Fact]
    public async Task fifty_notes_sent_at_once_without_a_version_are_all_applied_each_at_its_own_version()
    {
        var before = (await Api.EventsOf(Commitment)).Count;

        var replies = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Api.Post($"/api/commitments/{Commitment}/notes", new { text = $"Call {i} with Seoul" }, "editor")));

        replies.Where(r => r.Status != 200).ShouldBeEmpty();
        replies.Select(r => r.Version).Order().ShouldBe(Enumerable.Range(before + 1, 50).Select(v => (long)v));
        var events = await Api.EventsOf(Commitment);
        events.Count.ShouldBe(before + 50);
        events.Skip(before).Select(e => e.EventTypeName).Distinct().ShouldBe(["note_added"]);
    }

    [Fact]
    public async Task commands_of_different_kinds_racing_on_one_commitment_are_all_applied()
    {
        var before = (await Api.EventsOf(Commitment)).Count;

        var replies = await Task.WhenAll(Enumerable.Range(1, 10).SelectMany(i => new[]
        {
            Api.Post($"/api/commitments/{Commitment}/notes", new { text = $"Note {i}" }, "editor"),
            Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = i }, "editor"),
            Api.Post($"/api/commitments/{Commitment}/owner", new { owner = $"Owner {i}" }, "editor")
        }));

        replies.Where(r => r.Status is not (200 or 201)).ShouldBeEmpty();
        (await Api.EventsOf(Commitment)).Count.ShouldBe(before + 30);
        replies.Select(r => r.Version).Distinct().Count().ShouldBe(30);
    }

    [Fact]
    public async Task every_stale_version_is_a_409_naming_the_current_version_on_every_kind_of_stream()
    {
        var party = await Api.RegisterParty("Samsung SDS");
        var condition = await Api.RecordCondition("Board approval");
        await Api.Post($"/api/commitments/{Commitment}/notes", new { text = "Moves the stream on" }, "editor");

        var stale = new[]
        {
            await Api.Post($"/api/parties/{party}/rename", new { name = $"SDS {Guid.NewGuid():N}", expectedVersion = 0 }, "editor"),
            await Api.Post($"/api/agreements/{Loi}/notes", new { text = "x", expectedVersion = 1 }, "editor"),
            await Api.Post($"/api/commitments/{Commitment}/owner", new { owner = "Grace", expectedVersion = 1 }, "editor"),
            await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 1, expectedVersion = 1 }, "editor"),
            await Api.Post($"/api/conditions/{condition}/fail", new { reason = "No", expectedVersion = 0 }, "editor"),
        };

        foreach (var reply in stale)
        {
            reply.ShouldBe(409);
            reply.Body!["currentVersion"]!.GetValue<long>().ShouldBeGreaterThan(0, reply.Text);
        }
    }
}
