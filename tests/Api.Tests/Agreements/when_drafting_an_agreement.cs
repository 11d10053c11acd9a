namespace LoiTracker.Api.Tests.Agreements;

[Collection(ApiCollection.Name)]
public sealed class when_drafting_an_agreement(ApiHost api)
{
    [Fact]
    public async Task it_answers_201_with_the_location_the_id_and_the_version()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");

        var reply = await api.Post("/api/agreements", new
        {
            title = "Letter of intent on Stargate", kind = "LetterOfIntent", timeZone = "Asia/Seoul", place = "Seoul",
            parties = new[] { new { partyId = openAi, role = "Signatory" }, new { partyId = samsung, role = "Signatory" } },
            source = Driving.PublicAnnouncement
        }, "editor");

        reply.ShouldBe(201);
        reply.Location.ShouldBe($"/api/agreements/{reply.Id}");
        reply.Version.ShouldBe(3);
        var events = await api.EventsOf(reply.Id);
        events.Select(e => e.EventTypeName).ShouldBe(["agreement_drafted", "party_joined_agreement", "party_joined_agreement"]);
    }
}
