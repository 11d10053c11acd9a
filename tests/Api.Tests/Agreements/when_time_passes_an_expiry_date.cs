namespace LoiTracker.Api.Tests.Agreements;

/// <summary>Expired is derived from the expiry key date and the injected clock, at the end of that day in the deadline time zone.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_time_passes_an_expiry_date(ApiHost api)
{
    [Fact]
    public async Task a_signed_agreement_reads_as_expired_after_the_end_of_its_expiry_date_in_its_zone()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var loi = await api.DraftAgreement("LOI expiring", [(openAi, "Signatory")], timeZone: "Asia/Seoul");
        await api.RecordProvision(loi, "§1", binding: false);
        // The clock only moves forward (other tests share it): the expiry date is set from wherever it is now.
        var expiry = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        var endsInSeoul = new DateTimeOffset(expiry.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(15);
        (await api.Post($"/api/agreements/{loi}/key-dates", new { kind = "Expiry", date = expiry })).ShouldBe(200);
        await api.Sign(loi, new DateOnly(2025, 10, 1), openAi);
        var status = async () => (await api.Get($"/api/agreements/{loi}")).Body!["status"]!.GetValue<string>();
        var expired = async () => (await api.Get($"/api/agreements?status=Expired&party={openAi}")).Body!["total"]!.GetValue<long>();

        // The expiry date ends in Seoul at 15:00 UTC that day.
        api.Clock.SetUtcNow(endsInSeoul.AddMinutes(-1));
        (await status()).ShouldBe("Signed");
        (await expired()).ShouldBe(0);

        api.Clock.SetUtcNow(endsInSeoul);
        (await status()).ShouldBe("Expired");
        (await expired()).ShouldBe(1);
        (await api.Get($"/api/agreements?status=Signed&party={openAi}")).Body!["total"]!.GetValue<long>().ShouldBe(0);
        var keyDate = (await api.Get($"/api/agreements/{loi}")).Body!["keyDates"]![0]!;
        keyDate["passed"]!.GetValue<bool>().ShouldBeTrue();
        keyDate["date"]!.GetValue<string>().ShouldBe(expiry.ToString("yyyy-MM-dd"));
    }
}
