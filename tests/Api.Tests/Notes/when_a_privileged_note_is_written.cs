namespace LoiTracker.Api.Tests.Notes;

/// <summary>
/// A viewer must not learn that legal advice was written: a privileged note leaves the record's version, its last
/// change and its events as they were; it lives in the record's notes stream, read by legal and admin only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_privileged_note_is_written(ApiHost api) : ApiWithActiveCommitment(api)
{
    [Theory]
    [InlineData("agreement")]
    [InlineData("commitment")]
    public async Task the_record_a_viewer_reads_is_exactly_as_it_was(string kind)
    {
        var record = kind == "agreement" ? Loi : Commitment;
        var url = $"/api/{kind}s/{record}";
        var before = (await Api.Get(url, "viewer")).ShouldBe(200);
        var eventsBefore = (await Api.EventsOf(record)).Count;

        var written = await Api.Post($"{url}/notes", new { text = "Exclusivity is likely unenforceable in Korea", privileged = true }, "legal");

        written.ShouldBe(200).Version.ShouldBe(before.Version);
        var after = (await Api.Get(url, "viewer")).ShouldBe(200);
        after.Text.ShouldBe(before.Text);
        (await Api.EventsOf(record)).Count.ShouldBe(eventsBefore);
        var legal = (await Api.Get(url, "legal")).Body!["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>());
        legal.ShouldContain("Exclusivity is likely unenforceable in Korea");
        // The next command with the version the note answered still applies: editors keep the record's real version.
        (await Api.Post($"{url}/notes", new { text = "Plain note", expectedVersion = written.Version }, "editor")).ShouldBe(200);
    }
}
