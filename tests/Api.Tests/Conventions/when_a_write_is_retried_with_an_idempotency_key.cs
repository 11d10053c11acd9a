using LoiTracker.Api.Infrastructure;
using Marten;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>
/// api.md: every write accepts an <c>Idempotency-Key</c>; a retry with the same key and body returns the first answer
/// and writes nothing; the same key with another body is a 422; keys are kept a day, per user.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_write_is_retried_with_an_idempotency_key(ApiHost api) : ApiWithActiveCommitment(api)
{
    private Task<Reply> Send(string url, object body, string key, string role = "editor") =>
        Api.Send(HttpMethod.Post, url, body, role, headers: [("Idempotency-Key", key)]);

    [Fact]
    public async Task the_retry_gets_the_first_answer_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Send($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 7 }, key);
        var events = (await Api.EventsOf(Commitment)).Count;

        var retry = await Send($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 7 }, key);

        first.ShouldBe(201);
        retry.ShouldBe(201);
        retry.Text.ShouldBe(first.Text);
        retry.Location.ShouldBe(first.Location);
        retry.Headers["Idempotent-Replayed"].ShouldBe("true");
        (await Api.EventsOf(Commitment)).Count.ShouldBe(events);
    }

    [Fact]
    public async Task every_kind_of_write_answers_a_retry_the_same_way()
    {
        var writes = new (string Url, object Body)[]
        {
            ("/api/parties", new { name = $"Samsung SDS {Guid.NewGuid():N}" }),
            ($"/api/commitments/{Commitment}/notes", new { text = "Call Seoul" }),
            ($"/api/commitments/{Commitment}/milestones", new { title = "Allocation", dueOn = "2026-06-30", ownerPartyId = Supplier }),
            ("/api/import", new { parties = new[] { new { key = $"p-{Guid.NewGuid():N}", name = $"Imported {Guid.NewGuid():N}" } } }),
        };
        foreach (var (url, body) in writes)
        {
            var key = Guid.NewGuid().ToString();
            var first = await Send(url, body, key, "legal");
            var before = await Api.EventCount();
            var retry = await Send(url, body, key, "legal");
            retry.Status.ShouldBe(first.Status, url);
            retry.Text.ShouldBe(first.Text, url);
            (await Api.EventCount()).ShouldBe(before, url);
        }
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_422_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        (await Send($"/api/commitments/{Commitment}/notes", new { text = "First" }, key)).ShouldBe(200);
        var before = await Api.EventCount();

        var reused = await Send($"/api/commitments/{Commitment}/notes", new { text = "Something else" }, key);

        reused.ShouldBe(422).Rule.ShouldBe("idempotency-key-reused");
        (await Api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task keys_belong_to_the_user_who_sent_them()
    {
        var key = Guid.NewGuid().ToString();
        var editor = await Send($"/api/commitments/{Commitment}/notes", new { text = "Same words" }, key, "editor");
        var legal = await Send($"/api/commitments/{Commitment}/notes", new { text = "Same words" }, key, "legal");

        editor.ShouldBe(200);
        legal.ShouldBe(200).Version.ShouldBe(editor.Version + 1);
    }

    [Fact]
    public async Task a_key_is_kept_a_day_then_names_a_new_operation()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Send($"/api/commitments/{Commitment}/notes", new { text = "Daily check" }, key);

        Api.Clock.Advance(TimeSpan.FromHours(23));
        (await Send($"/api/commitments/{Commitment}/notes", new { text = "Daily check" }, key)).Version.ShouldBe(first.Version);
        Api.Clock.Advance(TimeSpan.FromHours(2));
        (await Send($"/api/commitments/{Commitment}/notes", new { text = "Daily check" }, key)).ShouldBe(200).Version.ShouldBe(first.Version + 1);
    }

    [Fact]
    public async Task keys_past_their_retention_are_purged_and_others_kept()
    {
        var old = Guid.NewGuid().ToString();
        await Send($"/api/commitments/{Commitment}/notes", new { text = "Kept a day" }, old);
        Api.Clock.Advance(TimeSpan.FromHours(25));
        var recent = Guid.NewGuid().ToString();
        var kept = await Send($"/api/commitments/{Commitment}/notes", new { text = "Still within the day" }, recent);

        await IdempotencyPurge.Purge(Api.Store, Api.Clock.GetUtcNow() - TimeSpan.FromHours(24), CancellationToken.None);

        await using var session = Api.Store.QuerySession();
        var keys = await session.Query<IdempotencyRecord>().Where(r => r.Key == old || r.Key == recent).Select(r => r.Key).ToListAsync();
        keys.ShouldBe([recent]);
        (await Send($"/api/commitments/{Commitment}/notes", new { text = "Still within the day" }, recent)).Version.ShouldBe(kept.Version);
    }

    [Fact]
    public async Task the_same_key_sent_many_times_at_once_records_once()
    {
        var key = Guid.NewGuid().ToString();
        var before = (await Api.EventsOf(Commitment)).Count;

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Send($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 3 }, key)));

        replies.ShouldAllBe(r => r.Status == 201);
        replies.Select(r => r.Text).Distinct().ShouldHaveSingleItem();
        (await Api.EventsOf(Commitment)).Count.ShouldBe(before + 1);
    }

    [Fact]
    public async Task a_malformed_key_is_a_400()
    {
        (await Send($"/api/commitments/{Commitment}/notes", new { text = "x" }, new string('k', 201))).ShouldBe(400)
            .ErrorsFor("Idempotency-Key").ShouldNotBeEmpty();
    }
}
