using System.Text.Json.Nodes;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Audit;
using Marten.Services;
using Npgsql;

namespace LoiTracker.Api.Tests.Audit;

/// <summary>
/// The audit trail as an auditor preparing for a dispute uses it (issue 11, ADR 18): a commitment as it was known on a
/// date, what changed since, who changed it and why; the register as it stood; privileged notes by role; a change
/// committed late by a long transaction not known before its commit; the job run twice at once losing and duplicating
/// nothing. Record time is PostgreSQL's commit time: instants are taken between commits, never waited for.
/// </summary>
public sealed class when_the_record_is_asked_what_was_known(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private static string At(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("O"));

    private async Task<JsonNode> Study(Guid power, string? asOf = null) =>
        (await api.Get($"/api/commitments/{power}{(asOf is null ? "" : $"?asOf={asOf}")}")).ShouldBe(200).Body!["milestones"]!.AsArray()
        .Single(m => m!["title"]!.GetValue<string>().Contains("concept", StringComparison.OrdinalIgnoreCase))!;

    private async Task<DateTimeOffset> KnownNow() => (await api.AuditCaughtUp()).KnownUntil!.Value;

    [Fact]
    public async Task a_commitment_as_known_on_a_date_what_changed_since_who_changed_it_and_why()
    {
        var power = await api.Commitment("floating-datacenter");
        var study = await Study(power);
        var dueBefore = study["dueOn"]!.GetValue<string>();
        var before = await KnownNow();

        (await api.Post($"/api/commitments/{power}/milestones/{study["id"]}/reschedule",
            new { dueOn = "2027-02-28", reason = "Extension talks slipped into next year" }, "editor")).ShouldBe(200);
        var after = await KnownNow();

        // As known before the change, and after it.
        (await Study(power, At(before)))["dueOn"]!.GetValue<string>().ShouldBe(dueBefore);
        (await Study(power, At(after)))["dueOn"]!.GetValue<string>().ShouldBe("2027-02-28");
        (await api.Get($"/api/commitments/{power}?asOf={At(before)}")).Body!["risk"]!["level"]!.GetValue<string>().ShouldBe("unknown");

        // Who changed it, when, why: the history, oldest first, with a sentence a lawyer can read.
        var history = (await api.Get($"/api/commitments/{power}/history?pageSize=500")).ShouldBe(200).Body!;
        var entries = history["items"]!.AsArray();
        entries.First()!["eventType"]!.GetValue<string>().ShouldBe("commitment_made");
        var moved = entries.Single(e => e!["eventType"]!.GetValue<string>() == "milestone_rescheduled")!;
        moved["actor"]!["subject"]!.GetValue<string>().ShouldBe("editor-user");
        moved["reason"]!.GetValue<string>().ShouldBe("Extension talks slipped into next year");
        moved["sentence"]!.GetValue<string>().ShouldBe(
            $"Editor User rescheduled '{study["title"]}' from {dueBefore} to 2027-02-28: Extension talks slipped into next year");
        var committedAt = moved["committedAt"]!.GetValue<DateTimeOffset>();
        committedAt.ShouldBeGreaterThan(before);
        committedAt.ShouldBeLessThanOrEqualTo(after);
        history["knownUntil"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(after);

        // What changed between the two instants, field by field, with who and why.
        var diff = (await api.Get($"/api/commitments/{power}/diff?from={At(before)}&to={At(after)}")).ShouldBe(200).Body!;
        var field = diff["fields"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == $"milestones[{study["id"]}].dueOn")!;
        field["before"]!.GetValue<string>().ShouldBe(dueBefore);
        field["after"]!.GetValue<string>().ShouldBe("2027-02-28");
        diff["changes"]!.AsArray().Select(c => c!["eventType"]!.GetValue<string>()).ShouldBe(["milestone_rescheduled"]);

        // The register as it stood, and the change feed for everyone.
        var row = (await api.Get($"/api/commitments?asOf={At(before)}&workstream=floating-datacenter")).ShouldBe(200).Body!["items"]!.AsArray().Single()!;
        row["nextMilestone"]!["dueOn"]!.GetValue<string>().ShouldBe(dueBefore);
        row["risk"]!["level"]!.GetValue<string>().ShouldBe("unknown");
        (await api.Get($"/api/commitments/export.csv?asOf={At(before)}&workstream=floating-datacenter")).ShouldBe(200).Text.ShouldContain(dueBefore);
        var changes = (await api.Get($"/api/changes?since={At(before)}&workstream=floating-datacenter")).ShouldBe(200).Body!["items"]!.AsArray();
        changes.Select(c => c!["eventType"]!.GetValue<string>()).ShouldBe(["milestone_rescheduled"]);

        // Business time apart from record time: as known before the change, judged on a date long after the study was due.
        (await Study(power, $"{At(before)}&on=2099-01-01"))["state"]!.GetValue<string>().ShouldBe("overdue");
    }

    [Fact]
    public async Task an_instant_the_audit_trail_has_not_reached_is_answered_503_never_guessed_and_one_to_come_is_refused()
    {
        var power = await api.Commitment("floating-power");
        var known = await KnownNow();
        // Later than the mark, yet within the minute of leeway a clock may be ahead: the trail may still learn of it.
        var later = known.AddSeconds(30);
        var reply = await api.Get($"/api/commitments/{power}?asOf={At(later)}");
        reply.ShouldBe(503).Rule.ShouldBe("not-known-yet");
        reply.Headers["Retry-After"].ShouldBe("2");
        (await api.Get($"/api/commitments?asOf={At(later)}")).ShouldBe(503);
        (await api.Get($"/api/commitments/{power}/diff?from={At(known)}&to={At(later)}")).ShouldBe(503);

        // An instant still to come is a mistake, not something to wait for: refused, with the field named.
        var future = DateTimeOffset.UtcNow.AddHours(1);
        (await api.Get($"/api/commitments/{power}?asOf={At(future)}")).ShouldBe(400).Body!["errors"]!["asOf"].ShouldNotBeNull();
        (await api.Get($"/api/commitments/{power}/diff?from={At(known)}&to={At(future)}")).ShouldBe(400).Body!["errors"]!["to"].ShouldNotBeNull();
    }

    [Fact]
    public async Task bad_questions_are_refused_and_write_nothing()
    {
        var power = await api.Commitment("floating-power");
        var known = await KnownNow();
        var events = await api.EventCount();
        (await api.Get($"/api/commitments/{power}?asOf=yesterday")).ShouldBe(400);
        (await api.Get($"/api/commitments/{power}/diff?to={At(known)}")).ShouldBe(400).ErrorsFor("from").ShouldNotBeEmpty();
        (await api.Get($"/api/commitments/{power}/diff?from={At(known)}&to={At(known.AddDays(-1))}")).ShouldBe(400).ErrorsFor("to").ShouldNotBeEmpty();
        (await api.Get($"/api/commitments?asOf={At(known)}&atRisk=true")).ShouldBe(400).ErrorsFor("atRisk").ShouldNotBeEmpty();
        (await api.Get("/api/audit/export?format=xml", "auditor")).ShouldBe(400).ErrorsFor("format").ShouldNotBeEmpty();
        (await api.Get($"/api/audit?from={At(known)}&to={At(known.AddDays(-1))}", "auditor")).ShouldBe(400);
        (await api.Get($"/api/commitments/{Guid.NewGuid()}/history")).ShouldBe(404);
        (await api.Get($"/api/commitments/{power}?asOf=2000-01-01T00:00:00Z")).ShouldBe(404);
        (await api.EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task privileged_notes_show_their_text_to_legal_their_existence_to_auditors_and_nothing_to_others()
    {
        var memory = await api.Commitment("memory-supply");
        (await api.Post($"/api/commitments/{memory}/notes", new { text = "Advice: the 900,000 figure is not a firm obligation", privileged = true },
            "legal")).ShouldBe(200);
        await KnownNow();

        JsonNode? Note(Reply reply) => reply.ShouldBe(200).Body!["items"]!.AsArray()
            .SingleOrDefault(e => e!["privileged"]!.GetValue<bool>());

        var legal = Note(await api.Get($"/api/commitments/{memory}/history?pageSize=500", "legal")).ShouldNotBeNull();
        legal["text"]!.GetValue<string>().ShouldContain("not a firm obligation");
        legal["sentence"]!.GetValue<string>().ShouldBe("Legal User added a privileged note");
        var auditor = Note(await api.Get($"/api/commitments/{memory}/history?pageSize=500", "auditor")).ShouldNotBeNull();
        auditor["text"].ShouldBeNull();
        auditor["actor"]!["name"]!.GetValue<string>().ShouldBe("Legal User");
        (await api.Get($"/api/commitments/{memory}/history?pageSize=500", "auditor")).Text.ShouldNotContain("firm obligation");
        Note(await api.Get($"/api/commitments/{memory}/history?pageSize=500", "viewer")).ShouldBeNull();
        Note(await api.Get($"/api/changes?since=2000-01-01T00:00:00Z&pageSize=500", "legal")).ShouldBeNull();
        var log = (await api.Get($"/api/audit?stream={LoiTracker.Domain.Notes.PrivilegedNotes.StreamFor(memory)}", "auditor")).ShouldBe(200);
        Note(log).ShouldNotBeNull()["text"].ShouldBeNull();
        var export = (await api.Get($"/api/audit/export?format=ndjson&stream={LoiTracker.Domain.Notes.PrivilegedNotes.StreamFor(memory)}", "auditor"))
            .ShouldBe(200);
        export.Text.ShouldContain("privileged_note_added");
        export.Text.ShouldNotContain("firm obligation");
        (await api.Get("/api/audit", "viewer")).ShouldBe(403);
    }

    [Fact]
    public async Task a_change_committed_late_by_a_long_transaction_is_not_known_before_its_commit()
    {
        var datacenters = await api.Commitment("datacenter-operations");
        await KnownNow();

        // A transaction that appends a note and stays open, as a slow import or a stalled client would.
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var session = api.Store.LightweightSession(SessionOptions.ForTransaction(slow)))
        {
            session.Events.Append(datacenters, new NoteAdded(Ids.New(), "Written in a long transaction", false));
            await session.SaveChangesAsync();
        }

        // Meanwhile a change is committed, and the job runs again and again: it cannot vouch for the instant of that change.
        var power = await api.Commitment("floating-power");
        (await api.Post($"/api/commitments/{power}/owner", new { owner = "Kim Min-jun" }, "editor")).ShouldBe(200);
        AuditMark mark = null!;
        for (var run = 0; run < 5; run++) mark = await AuditCopy.Run(api.Store, CancellationToken.None);
        var owner = (await api.Get($"/api/commitments/{power}/history?pageSize=500")).Body!["items"]!.AsArray()
            .Single(e => e!["eventType"]!.GetValue<string>() == "commitment_owner_assigned")!;
        var ownerAt = owner["committedAt"]!.GetValue<DateTimeOffset>();
        mark.KnownUntil!.Value.ShouldBeLessThan(ownerAt);
        (await api.Get($"/api/commitments/{datacenters}?asOf={At(ownerAt)}")).ShouldBe(503);

        await slow.CommitAsync();
        await KnownNow();
        var late = (await api.Get($"/api/commitments/{datacenters}/history?pageSize=500")).Body!["items"]!.AsArray()
            .Single(e => e!["eventType"]!.GetValue<string>() == "note_added" && e["text"]?.GetValue<string>() == "Written in a long transaction")!;
        var lateAt = late["committedAt"]!.GetValue<DateTimeOffset>();
        lateAt.ShouldBeGreaterThan(ownerAt);
        late["sequence"]!.GetValue<long>().ShouldBeLessThan(owner["sequence"]!.GetValue<long>());
        // Its sequence is older, its commit is later: as known when the owner changed, the note did not exist yet.
        (await api.Get($"/api/commitments/{datacenters}?asOf={At(ownerAt)}")).ShouldBe(200).Text.ShouldNotContain("Written in a long transaction");
        (await api.Get($"/api/commitments/{datacenters}?asOf={At(lateAt)}")).ShouldBe(200).Text.ShouldContain("Written in a long transaction");
    }

    [Fact]
    public async Task the_job_run_twice_at_once_and_after_a_pause_loses_and_duplicates_nothing()
    {
        var memory = await api.Commitment("memory-supply");
        for (var i = 0; i < 5; i++)
            (await api.Post($"/api/commitments/{memory}/deliveries", new { period = $"2026-0{i + 1}", quantity = 1000 + i }, "editor")).ShouldBe(201);
        // Two Api processes' jobs at once, several times over, after a pause in which none ran.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => AuditCopy.Run(api.Store, CancellationToken.None))));
        await KnownNow();

        var schema = api.Store.Options.DatabaseSchemaName;
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select (select count(*) from {schema}.mt_events e where not exists (select 1 from {schema}.{AuditTables.Entries} a where a.seq_id = e.seq_id)),
                   (select count(*) from {schema}.{AuditTables.Entries} a where not exists (select 1 from {schema}.mt_events e where e.seq_id = a.seq_id)),
                   (select count(*) from {schema}.{AuditTables.Entries}), (select count(*) from {schema}.mt_events)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBe(0, "events missing from the audit model");
        reader.GetInt64(1).ShouldBe(0, "entries for no event");
        reader.GetInt64(2).ShouldBe(reader.GetInt64(3));
    }
}
