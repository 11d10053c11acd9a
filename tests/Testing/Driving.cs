namespace LoiTracker.Testing;

/// <summary>The requests tests use to set a scene, each checked to succeed, so a test reads as the sentence it proves.</summary>
public static class Driving
{
    public static object PublicAnnouncement { get; } = new { kind = "PublicAnnouncement", reference = "Samsung newsroom, 2025-10-01" };

    public static async Task<Guid> RegisterParty(this ApiHost api, string name, string? group = null, string? country = null) =>
        (await api.Post("/api/parties", new { name = $"{name} {Unique()}", group, country }, "editor")).ShouldBe(201).Id;

    public static async Task<Guid> DraftAgreement(this ApiHost api, string title, IEnumerable<(Guid PartyId, string Role)> parties,
        string kind = "LetterOfIntent", string timeZone = "Asia/Seoul", Guid? parentAgreementId = null) =>
        (await api.Post("/api/agreements", new
        {
            title, kind, timeZone, parentAgreementId, source = PublicAnnouncement,
            parties = parties.Select(p => new { partyId = p.PartyId, role = p.Role })
        })).ShouldBe(201).Id;

    public static async Task<Reply> RecordProvision(this ApiHost api, Guid agreementId, string reference, bool binding,
        bool survives = false, object? amends = null, string heading = "Clause", string text = "The parties intend to cooperate.") =>
        (await api.Post($"/api/agreements/{agreementId}/provisions", new { @ref = reference, heading, text, binding, survives, amends }))
        .ShouldBe(200);

    public static async Task<Reply> Sign(this ApiHost api, Guid agreementId, DateOnly on, params Guid[] parties) =>
        (await api.Post($"/api/agreements/{agreementId}/sign", new
        {
            signatures = parties.Select(p => new { partyId = p, signedOn = on, signatoryName = "Authorised Signatory" })
        })).ShouldBe(200);

    /// <summary>Party names are unique; tests sharing one database keep theirs apart.</summary>
    private static string Unique() => Guid.NewGuid().ToString("N")[..6];
}
