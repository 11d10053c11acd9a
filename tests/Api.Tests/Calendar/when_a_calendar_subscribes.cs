using System.Security.Cryptography;
using System.Text;
using Ical.Net.CalendarComponents;
using LoiTracker.Api.Calendar;
using Marten;

namespace LoiTracker.Api.Tests.Calendar;

/// <summary>
/// The reference deal in a calendar (ADR 20): an editor creates a feed token, pastes the subscription URL into a calendar
/// client, which reads the feed with <c>?token=</c> and no bearer token. The feed is parsed as a client parses it.
/// </summary>
public sealed class when_a_calendar_subscribes(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private async Task<string> FeedToken(string role = "editor", string? bearer = null, string name = "Outlook")
    {
        var reply = await api.Send(HttpMethod.Post, "/api/me/feed-tokens", new { name }, role: bearer is null ? role : null, token: bearer);
        return reply.ShouldBe(201).Body!["token"]!.GetValue<string>();
    }

    private async Task<Reply> Read(string query) => await api.Send(HttpMethod.Get, $"/api/calendar.ics{query}", null, role: null);

    private async Task<Ical.Net.Calendar> Subscribed(string secret, string filter = "")
    {
        var reply = (await Read($"?token={Uri.EscapeDataString(secret)}{filter}")).ShouldBe(200);
        reply.ContentType.ShouldStartWith("text/calendar");
        return Ical.Net.Calendar.Load(reply.Text)!;
    }

    private static CalendarEvent Event(Ical.Net.Calendar calendar, string uid) => calendar.Events.Single(e => e.Uid == uid);

    private async Task<Guid> Loi() =>
        (await api.Get("/api/agreements")).Body!["items"]!.AsArray().Single(a => a!["kind"]!.GetValue<string>() == "LetterOfIntent")!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task the_feed_has_one_event_per_dated_milestone_and_key_date_with_stable_uids()
    {
        var loi = await Loi();
        (await api.Post($"/api/agreements/{loi}/key-dates", new { kind = "Expiry", date = "2027-09-30" })).ShouldBe(200);
        await api.WaitForProjections();
        var dated = (await api.Get("/api/milestones?pageSize=500")).Body!["items"]!.AsArray().Select(i => i!["milestone"]!)
            .Where(m => m!["dueOn"] is not null).ToDictionary(m => CalendarFeed.MilestoneUid(m!["id"]!.GetValue<Guid>()));
        var keyDates = (await api.Get($"/api/agreements/{loi}")).Body!["keyDates"]!.AsArray();
        var secret = await FeedToken();

        var calendar = await Subscribed(secret);

        dated.Count.ShouldBeGreaterThan(5);
        calendar.Events.Where(e => e.Uid!.StartsWith("milestone-")).Select(e => e.Uid).ShouldBe(dated.Keys, ignoreOrder: true);
        calendar.Events.Count(e => e.Uid!.StartsWith("keydate-")).ShouldBe(keyDates.Count);
        foreach (var (uid, milestone) in dated)
        {
            var e = Event(calendar, uid);
            e.IsAllDay.ShouldBeTrue(uid);
            e.DtStart!.Date.ShouldBe(DateOnly.Parse(milestone!["dueOn"]!.GetValue<string>()), uid);
            e.Url!.ToString().ShouldBe($"http://localhost/api/commitments/{milestone["commitmentId"]!.GetValue<Guid>()}");
            e.Description!.ShouldContain("Letter of intent: OpenAI and Samsung strategic partnership");
        }
        var expiry = Event(calendar, $"keydate-{loi}-expiry@loitracker");
        expiry.DtStart!.Date.ShouldBe(new DateOnly(2027, 9, 30));
        expiry.Status.ShouldBe("CONFIRMED");
        expiry.Url!.ToString().ShouldBe($"http://localhost/api/agreements/{loi}");

        (await Subscribed(secret)).Events.Select(e => e.Uid).ShouldBe(calendar.Events.Select(e => e.Uid), ignoreOrder: true);
    }

    [Fact]
    public async Task a_reschedule_raises_the_sequence_by_one_and_moves_the_date_under_the_same_uid()
    {
        var commitment = await api.Commitment("enterprise-ai-services");
        var milestone = (await api.Get($"/api/commitments/{commitment}")).Body!["milestones"]!.AsArray().First()!["id"]!.GetValue<Guid>();
        var uid = CalendarFeed.MilestoneUid(milestone);
        var secret = await FeedToken();
        var before = Event(await Subscribed(secret), uid);
        var moved = before.DtStart!.Date.AddDays(45);

        (await api.Post($"/api/commitments/{commitment}/milestones/{milestone}/reschedule",
            new { dueOn = moved.ToString("yyyy-MM-dd"), reason = "Launch slips to the summer" }, "editor")).ShouldBe(200);

        var after = Event(await Subscribed(secret), uid);
        after.Sequence.ShouldBe(before.Sequence + 1);
        after.DtStart!.Date.ShouldBe(moved);
        after.Status.ShouldBe("CONFIRMED");
        after.Description!.ShouldContain("Launch slips to the summer");
        after.Alarms.Select(a => a.Trigger!.Duration.ToString()).ShouldBe(["-P30D", "-P7D", "-P1D"]);
        after.Alarms.ShouldAllBe(a => a.Action == "DISPLAY");
    }

    [Fact]
    public async Task a_moved_key_date_raises_its_sequence_and_keeps_its_uid()
    {
        var loi = await Loi();
        var uid = $"keydate-{loi}-notice-deadline@loitracker";
        var secret = await FeedToken();
        (await api.Post($"/api/agreements/{loi}/key-dates", new { kind = "NoticeDeadline", date = "2026-11-30" })).ShouldBe(200);
        var first = Event(await Subscribed(secret), uid);

        (await api.Post($"/api/agreements/{loi}/key-dates", new { kind = "NoticeDeadline", date = "2026-12-15" })).ShouldBe(200);

        var moved = Event(await Subscribed(secret), uid);
        moved.Sequence.ShouldBe(first.Sequence + 1);
        moved.DtStart!.Date.ShouldBe(new DateOnly(2026, 12, 15));
        moved.Alarms.Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_revoked_token_and_a_missing_or_wrong_one_answer_401()
    {
        var secret = await FeedToken(name: "Phone");
        (await Read($"?token={secret}")).ShouldBe(200);
        var id = (await api.Get("/api/me/feed-tokens", "editor")).Body!["items"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "Phone")!["id"]!
            .GetValue<Guid>();

        (await api.Delete($"/api/me/feed-tokens/{id}", "editor")).ShouldBe(200).Body!["revokedAt"].ShouldNotBeNull();

        var revoked = await Read($"?token={secret}");
        revoked.ShouldBe(401);
        revoked.ContentType.ShouldStartWith("application/problem+json");
        (await Read("")).ShouldBe(401);
        (await Read($"?token={FeedTokens.NewSecret()}")).ShouldBe(401);
        (await Read("?token=not-even-close")).ShouldBe(401);
        // A bearer token still reads the feed, as every read route.
        (await api.Get("/api/calendar.ics", "viewer")).ShouldBe(200);
    }

    [Fact]
    public async Task a_token_of_a_user_scoped_to_samsung_sds_reads_only_what_involves_sds()
    {
        var sds = await api.Party("Samsung SDS");
        var bearer = TestTokens.Scoped("editor", $"sds-editor-{Guid.NewGuid():N}", parties: [sds]);
        var secret = await FeedToken(bearer: bearer);
        var seen = (await api.Send(HttpMethod.Get, "/api/commitments?pageSize=500", null, role: null, token: bearer)).Body!["items"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<Guid>()).ToHashSet();
        var memory = await api.Commitment("memory-supply");

        var calendar = await Subscribed(secret);

        var milestones = calendar.Events.Where(e => e.Uid!.StartsWith("milestone-")).ToList();
        milestones.ShouldNotBeEmpty();
        milestones.ShouldAllBe(e => seen.Contains(Guid.Parse(e.Url!.Segments.Last())));
        calendar.Events.ShouldNotContain(e => e.Url!.ToString().EndsWith(memory.ToString()));
        (await Subscribed(await FeedToken())).Events.ShouldContain(e => e.Url!.ToString().EndsWith(memory.ToString()));
    }

    [Fact]
    public async Task an_admin_narrowing_the_owner_narrows_the_calendar_it_already_subscribed()
    {
        var subject = $"counsel-{Guid.NewGuid():N}";
        var secret = await FeedToken(bearer: TestTokens.Scoped("editor", subject));
        var memory = await api.Commitment("memory-supply");
        (await Subscribed(secret)).Events.ShouldContain(e => e.Url!.ToString().EndsWith(memory.ToString()));

        (await api.Send(HttpMethod.Put, $"/api/users/{subject}/scope",
            new { parties = new[] { await api.Party("Samsung SDS") }, reason = "Outside counsel on the SDS matter only" }, "admin")).ShouldBe(200);

        var narrowed = await Subscribed(secret);
        narrowed.Events.ShouldNotContain(e => e.Url!.ToString().EndsWith(memory.ToString()));
        narrowed.Events.ShouldContain(e => e.Uid!.StartsWith("milestone-"));
    }

    [Fact]
    public async Task a_withdrawn_commitment_cancels_its_milestones_without_reminders()
    {
        var commitment = await api.Commitment("floating-datacenter");
        var milestone = (await api.Get($"/api/commitments/{commitment}")).Body!["milestones"]!.AsArray()
            .First(m => m!["dueOn"] is not null)!["id"]!.GetValue<Guid>();
        var uid = CalendarFeed.MilestoneUid(milestone);
        var secret = await FeedToken();
        var before = Event(await Subscribed(secret), uid);

        (await api.Post($"/api/commitments/{commitment}/withdraw", new { reason = "Floating data centers dropped from the plan" })).ShouldBe(200);

        var after = Event(await Subscribed(secret), uid);
        after.Status.ShouldBe("CANCELLED");
        after.Sequence.ShouldBe(before.Sequence + 1);
        after.Alarms.ShouldBeEmpty();
        after.Description!.ShouldContain("withdrawn");
    }

    [Fact]
    public async Task a_filter_narrows_the_feed_and_a_malformed_one_answers_400_and_writes_nothing()
    {
        var secret = await FeedToken();
        var design = await api.Commitment("datacenter-design");
        var before = await api.EventCount();

        var bad = await Read($"?token={secret}&party=samsung");

        bad.ShouldBe(400).ErrorsFor("party").ShouldNotBeEmpty();
        (await api.EventCount()).ShouldBe(before);
        var narrowed = await Subscribed(secret, "&workstream=datacenter-design");
        narrowed.Events.Where(e => e.Uid!.StartsWith("milestone-")).ShouldAllBe(e => e.Url!.ToString().EndsWith(design.ToString()));
        narrowed.Events.ShouldContain(e => e.Uid!.StartsWith("milestone-"));
    }

    [Fact]
    public async Task creating_a_token_stores_only_its_hash_and_the_list_never_shows_the_secret()
    {
        var created = (await api.Post("/api/me/feed-tokens", new { name = "Google Calendar" }, "editor")).ShouldBe(201);
        var secret = created.Body!["token"]!.GetValue<string>();
        var id = created.Id;
        created.Body!["feedUrl"]!.GetValue<string>().ShouldEndWith($"/api/calendar.ics?token={secret}");

        await using (var session = api.Store.QuerySession())
        {
            var stored = (await session.LoadAsync<FeedToken>(id)).ShouldNotBeNull();
            stored.Subject.ShouldBe("editor-user");
            stored.Name.ShouldBe("Google Calendar");
            stored.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
            stored.Roles.ShouldBe(["editor"]);
            System.Text.Json.JsonSerializer.Serialize(stored).ShouldNotContain(secret);
        }
        var listed = await api.Get("/api/me/feed-tokens", "editor");
        listed.ShouldBe(200).Text.ShouldContain(id.ToString());
        listed.Text.ShouldNotContain(secret);
        listed.Text.ShouldNotContain("hash", Case.Insensitive);
        (await api.Get("/api/me/feed-tokens", "legal")).Text.ShouldNotContain(id.ToString());
        (await api.Delete($"/api/me/feed-tokens/{id}", "legal")).ShouldBe(404);
        (await Read($"?token={secret}")).ShouldBe(200);
    }

    [Fact]
    public async Task a_retried_creation_answers_the_same_token_without_showing_the_secret_again()
    {
        var key = ("Idempotency-Key", $"feed-{Guid.NewGuid():N}");
        var first = (await api.Send(HttpMethod.Post, "/api/me/feed-tokens", new { name = "Tablet" }, "editor", headers: [key])).ShouldBe(201);
        var again = (await api.Send(HttpMethod.Post, "/api/me/feed-tokens", new { name = "Tablet" }, "editor", headers: [key])).ShouldBe(201);

        again.Id.ShouldBe(first.Id);
        first.Body!["token"]!.GetValue<string>().ShouldStartWith(FeedTokens.Prefix);
        again.Body!["token"].ShouldBeNull();
        again.Headers["Idempotent-Replayed"].ShouldBe("true");
        await using var session = api.Store.QuerySession();
        (await session.Query<FeedToken>().CountAsync(t => t.Name == "Tablet")).ShouldBe(1);
    }
}
