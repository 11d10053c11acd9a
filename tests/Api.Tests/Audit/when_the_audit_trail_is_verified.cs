using System.Text.Json.Nodes;
using LoiTracker.Projections.Audit;
using Npgsql;

namespace LoiTracker.Api.Tests.Audit;

/// <summary>
/// Tamper evidence (ADR 28), as an auditor preparing for a dispute uses it: the seals vouch for the record as it is, and
/// a change made behind the Api's back (an event's data, an audit entry, an entry removed, a seal rewritten) is named
/// with the seal it breaks. The edits are made in SQL, as someone with access to the database would make them.
/// </summary>
public sealed class when_the_audit_trail_is_verified(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private async Task<JsonNode> Verify(string role = "auditor", string query = "") =>
        (await api.Get($"/api/audit/verify{query}", role)).ShouldBe(200).Body!;

    private static string[] Problems(JsonNode verification) =>
        [.. verification["findings"]!.AsArray().Select(f => $"{f!["seal"]!.GetValue<long>()}:{f["problem"]!.GetValue<string>()}")];

    private async Task<T> Sql<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", api.Schema), connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task Run(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", api.Schema), connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        (await command.ExecuteNonQueryAsync()).ShouldNotBe(0, sql);
    }

    /// <summary>The seal that covers sequence <paramref name="seq"/>.</summary>
    private Task<long> SealOf(long seq) =>
        Sql<long>("select seal_no from {schema}.audit_seals where after_seq < @seq and through_seq >= @seq", ("seq", seq));

    [Fact]
    public async Task the_seals_vouch_for_the_record_as_it_is_signed_with_the_key_the_api_publishes()
    {
        var power = await api.Commitment("floating-power");
        (await api.Post($"/api/commitments/{power}/notes", new { text = "Sealed, then read again" }, "editor")).ShouldBe(200);
        (await api.AuditSealed()).ShouldBeGreaterThan(0);

        var key = (await api.Get("/api/audit/public-key", "auditor")).ShouldBe(200).Body!;
        key["algorithm"]!.GetValue<string>().ShouldBe("ES256");
        key["publicKey"]!.GetValue<string>().ShouldStartWith("-----BEGIN PUBLIC KEY-----");

        var verification = await Verify();
        verification["intact"]!.GetValue<bool>().ShouldBeTrue();
        verification["signed"]!.GetValue<bool>().ShouldBeTrue();
        Problems(verification).ShouldBeEmpty();
        verification["keyId"]!.GetValue<string>().ShouldBe(key["keyId"]!.GetValue<string>());
        // Every entry up to the last seal was hashed again: as many as the audit model holds there.
        var through = verification["sealedThroughSequence"]!.GetValue<long>();
        verification["entries"]!.GetValue<long>().ShouldBe(await Sql<long>("select count(*) from {schema}.audit_entries where seq_id <= @s", ("s", through)));
        verification["entries"]!.GetValue<long>().ShouldBeGreaterThan(0);
        verification["next"].ShouldBeNull();

        // A later change is sealed by a later seal, chained to the ones before.
        var sealsBefore = verification["seals"]!.GetValue<long>();
        (await api.Post($"/api/commitments/{power}/notes", new { text = "And one more" }, "editor")).ShouldBe(200);
        await api.AuditSealed();
        var latest = await Sql<long>("select max(seq_id) from {schema}.mt_events where stream_id = @id", ("id", power));
        var again = await Verify("admin");
        again["intact"]!.GetValue<bool>().ShouldBeTrue();
        again["seals"]!.GetValue<long>().ShouldBeGreaterThan(sealsBefore);
        again["sealedThroughSequence"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(latest);
    }

    [Fact]
    public async Task an_event_changed_in_the_database_is_named_with_the_seal_it_breaks_and_only_while_it_differs()
    {
        var power = await api.Commitment("floating-power");
        (await api.Post($"/api/commitments/{power}/notes", new { text = "What was written" }, "editor")).ShouldBe(200);
        await api.AuditSealed();
        var seq = await Sql<long>("select max(seq_id) from {schema}.mt_events where stream_id = @id and type = 'note_added'", ("id", power));
        var seal = await SealOf(seq);
        var original = await Sql<string>("select data::text from {schema}.mt_events where seq_id = @s", ("s", seq));

        await Run("update {schema}.mt_events set data = jsonb_set(data, '{text}', '\"What was never written\"') where seq_id = @s", ("s", seq));
        var verification = await Verify();
        verification["intact"]!.GetValue<bool>().ShouldBeFalse();
        Problems(verification).ShouldBe([$"{seal}:entries-changed"]);
        verification["findings"]![0]!["detail"]!.GetValue<string>().ShouldContain("was changed");

        // Put back as it was, the record is intact again: the check is about content, not about having been touched.
        await Run("update {schema}.mt_events set data = @d::jsonb where seq_id = @s", ("d", original), ("s", seq));
        (await Verify())["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task an_audit_entry_rewritten_or_removed_is_found_and_a_rewritten_seal_fails_its_signature()
    {
        var power = await api.Commitment("floating-datacenter");
        (await api.Post($"/api/commitments/{power}/notes", new { text = "Who wrote this?" }, "editor")).ShouldBe(200);
        await api.AuditSealed();
        var seq = await Sql<long>("select max(seq_id) from {schema}.audit_entries where stream_id = @id", ("id", power));
        var seal = await SealOf(seq);

        // Someone else named as the author.
        await Run("update {schema}.audit_entries set actor_name = 'Someone Else' where seq_id = @s", ("s", seq));
        Problems(await Verify()).ShouldBe([$"{seal}:entries-changed"]);
        await Run("update {schema}.audit_entries set actor_name = 'Editor User' where seq_id = @s", ("s", seq));
        (await Verify())["intact"]!.GetValue<bool>().ShouldBeTrue();

        // The entry removed: the seal counts one fewer than it sealed.
        await Run("create table {schema}.removed_entry as select * from {schema}.audit_entries where seq_id = @s", ("s", seq));
        (await Sql<int>("with gone as (delete from {schema}.audit_entries where seq_id = @s returning 1) select count(*)::int from gone", ("s", seq))).ShouldBe(1);
        var verification = await Verify();
        Problems(verification).ShouldBe([$"{seal}:entries-changed"]);
        verification["findings"]![0]!["detail"]!.GetValue<string>().ShouldContain("added or removed");

        // The seal made to agree with what is there now: its count and digest rewritten, but nobody can sign that without the key.
        await Run("create table {schema}.sealed_as as select * from {schema}.audit_seals where seal_no = @n", ("n", seal));
        await Run("update {schema}.audit_seals s set entries = s.entries - 1, digest = sha256(s.digest) where seal_no = @n", ("n", seal));
        var rewritten = await Verify();
        Problems(rewritten).ShouldContain($"{seal}:signature-invalid");
        rewritten["intact"]!.GetValue<bool>().ShouldBeFalse();

        // Both put back as they were: intact again.
        await Run("insert into {schema}.audit_entries select * from {schema}.removed_entry");
        await Run("update {schema}.audit_seals s set entries = a.entries, digest = a.digest from {schema}.sealed_as a where s.seal_no = a.seal_no");
        await Run("drop table {schema}.removed_entry; drop table {schema}.sealed_as");
        (await Verify())["intact"]!.GetValue<bool>().ShouldBeTrue();

        // A seal removed from the middle of the chain, with what it covered: the seal after it no longer follows.
        (await api.Post($"/api/commitments/{power}/notes", new { text = "Sealed after" }, "editor")).ShouldBe(200);
        await api.AuditSealed();
        var lastSeal = await Sql<long>("select max(seal_no) from {schema}.audit_seals");
        await Run("create table {schema}.removed_seal as select * from {schema}.audit_seals where seal_no = @n", ("n", lastSeal - 1));
        await Run("delete from {schema}.audit_seals where seal_no = @n", ("n", lastSeal - 1));
        var broken = await Verify();
        Problems(broken).ShouldContain($"{lastSeal}:chain-broken");
        broken["intact"]!.GetValue<bool>().ShouldBeFalse();
        await Run("insert into {schema}.audit_seals select * from {schema}.removed_seal");
        await Run("drop table {schema}.removed_seal");
        var noted = (await Verify())["anchor"]!.GetValue<string>();
        (await Verify(query: $"?anchor={noted}"))["intact"]!.GetValue<bool>().ShouldBeTrue();

        // The newest seal removed together with the entries it covered: the chain cannot show it, the seal noted outside does.
        var newest = long.Parse(noted.Split(':')[0]);
        var (after, through) = (await Sql<long>("select after_seq from {schema}.audit_seals where seal_no = @n", ("n", newest)),
            await Sql<long>("select through_seq from {schema}.audit_seals where seal_no = @n", ("n", newest)));
        await Run("create table {schema}.removed_seal as select * from {schema}.audit_seals where seal_no = @n", ("n", newest));
        await Run("create table {schema}.removed_entries as select * from {schema}.audit_entries where seq_id > @a and seq_id <= @t", ("a", after), ("t", through));
        await Run("delete from {schema}.audit_entries where seq_id > @a and seq_id <= @t", ("a", after), ("t", through));
        await Run("delete from {schema}.audit_seals where seal_no = @n", ("n", newest));
        (await Verify())["intact"]!.GetValue<bool>().ShouldBeTrue("without the note, a removed tail leaves a chain that holds (ADR 28)");
        var lost = await Verify(query: $"?anchor={noted}");
        Problems(lost).ShouldBe([$"{newest}:anchor-lost"]);
        lost["intact"]!.GetValue<bool>().ShouldBeFalse();
        await Run("insert into {schema}.audit_entries select * from {schema}.removed_entries");
        await Run("insert into {schema}.audit_seals select * from {schema}.removed_seal");
        await Run("drop table {schema}.removed_seal; drop table {schema}.removed_entries");
        (await Verify(query: $"?anchor={noted}"))["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task the_check_is_for_auditors_and_admins_who_see_everything_and_reads_nothing_into_the_record()
    {
        await api.AuditSealed();
        var before = await api.EventCount();
        foreach (var role in new[] { "viewer", "editor", "legal" })
            (await api.Get("/api/audit/verify", role)).ShouldBe(403);
        (await api.Send(HttpMethod.Get, "/api/audit/verify", null, role: null)).ShouldBe(401);
        var scoped = TestTokens.Scoped("auditor", $"scoped-auditor-{Guid.NewGuid():N}", parties: [await api.Party("Samsung SDS")]);
        (await api.Send(HttpMethod.Get, "/api/audit/verify", null, role: null, token: scoped)).ShouldBe(403);
        (await api.Get("/api/audit/verify?from=0", "auditor")).ShouldBe(400);
        (await api.Get("/api/audit/verify?anchor=12:not-a-digest", "auditor")).ShouldBe(400).Body!["errors"]!["anchor"].ShouldNotBeNull();
        (await api.EventCount()).ShouldBe(before);
    }
}
