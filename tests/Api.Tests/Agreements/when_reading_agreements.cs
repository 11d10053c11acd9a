namespace LoiTracker.Api.Tests.Agreements;

[Collection(ApiCollection.Name)]
public sealed class when_reading_agreements(ApiHost api)
{
    [Fact]
    public async Task the_list_filters_by_party_kind_and_status_and_pages()
    {
        var sds = await api.RegisterParty("Samsung SDS", "Samsung");
        var other = await api.RegisterParty("Other Co");
        var mou = await api.DraftAgreement("MOU", [(sds, "Signatory")], kind: "MemorandumOfUnderstanding");
        var loi1 = await api.DraftAgreement("LOI 1", [(sds, "Signatory")]);
        var loi2 = await api.DraftAgreement("LOI 2", [(sds, "Signatory"), (other, "Observer")]);
        await api.RecordProvision(loi2, "§1", binding: false);
        await api.Sign(loi2, new DateOnly(2025, 10, 1), sds);

        var all = (await api.Get($"/api/agreements?party={sds}")).ShouldBe(200).Body!;
        all["total"]!.GetValue<long>().ShouldBe(3);
        all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([loi2, loi1, mou], "newest first");
        all["items"]![0]!["parties"]![0]!["name"]!.GetValue<string>().ShouldStartWith("Samsung SDS");

        (await api.Get($"/api/agreements?party={sds}&kind=LetterOfIntent")).Body!["total"]!.GetValue<long>().ShouldBe(2);
        (await api.Get($"/api/agreements?party={sds}&status=Signed")).Body!["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(loi2);
        (await api.Get($"/api/agreements?party={other}")).Body!["total"]!.GetValue<long>().ShouldBe(1);

        var page2 = (await api.Get($"/api/agreements?party={sds}&page=2&pageSize=2")).Body!;
        page2["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(mou);
        page2["page"]!.GetValue<int>().ShouldBe(2);
        page2["pageSize"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task an_unknown_filter_value_or_page_size_is_400()
    {
        (await api.Get("/api/agreements?status=Pending")).ShouldBe(400).ErrorsFor("status").ShouldNotBeEmpty();
        (await api.Get("/api/agreements?kind=Handshake")).ShouldBe(400).ErrorsFor("kind").ShouldNotBeEmpty();
        (await api.Get("/api/agreements?pageSize=501")).ShouldBe(400).ErrorsFor("pageSize").ShouldNotBeEmpty();
        (await api.Get("/api/agreements?page=0")).ShouldBe(400).ErrorsFor("page").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task a_privileged_note_is_read_by_legal_and_admin_only()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory")]);
        var noted = (await api.Post($"/api/agreements/{loi}/notes", new { text = "Call Seoul on Monday" }, "editor")).ShouldBe(200);
        (await api.Post($"/api/agreements/{loi}/key-dates", new { kind = "LongStop", date = "2026-12-31", expectedVersion = noted.Version }))
            .ShouldBe(200).Version.ShouldBe(noted.Version + 1);
        (await api.Post($"/api/agreements/{loi}/notes", new { text = "Exclusivity is likely unenforceable", privileged = true }, "legal")).ShouldBe(200);
        (await api.Post($"/api/agreements/{loi}/notes", new { text = "x", privileged = true }, "editor")).ShouldBe(403);

        async Task<string[]> NotesAs(string role) =>
            [.. (await api.Get($"/api/agreements/{loi}", role)).Body!["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>())];

        (await NotesAs("viewer")).ShouldBe(["Call Seoul on Monday"]);
        (await NotesAs("editor")).ShouldBe(["Call Seoul on Monday"]);
        (await NotesAs("auditor")).ShouldBe(["Call Seoul on Monday"]);
        (await NotesAs("legal")).ShouldBe(["Call Seoul on Monday", "Exclusivity is likely unenforceable"]);
        (await NotesAs("admin")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task a_renamed_party_shows_its_current_name_on_its_agreements()
    {
        var party = await api.RegisterParty("Samsung C and T");
        var loi = await api.DraftAgreement("LOI", [(party, "Signatory")]);
        var newName = $"Samsung C&T {Guid.NewGuid():N}"[..20];

        (await api.Post($"/api/parties/{party}/rename", new { name = newName }, "editor")).ShouldBe(200);

        (await api.Get($"/api/agreements/{loi}")).Body!["parties"]![0]!["name"]!.GetValue<string>().ShouldBe(newName);
    }
}
