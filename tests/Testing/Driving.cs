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

    /// <summary>A signed letter of intent between two fresh parties, with one non-binding and one binding provision.</summary>
    public static async Task<(Guid Supplier, Guid Buyer, Guid Agreement)> SignedSupplyLoi(this ApiHost api, bool sign = true)
    {
        var supplier = await api.RegisterParty("Samsung Electronics", "Samsung", "KR");
        var buyer = await api.RegisterParty("OpenAI", null, "US");
        var loi = await api.DraftAgreement("Supply LOI", [(supplier, "Signatory"), (buyer, "Signatory")]);
        await api.RecordProvision(loi, "§2", binding: false, heading: "Memory supply");
        await api.RecordProvision(loi, "§9", binding: true, heading: "Exclusive supply");
        if (sign) await api.Sign(loi, new DateOnly(2025, 10, 1), supplier, buyer);
        return (supplier, buyer, loi);
    }

    public static object Commitment(Guid obligor, Guid beneficiary, string workstream = "memory-supply", bool binding = false,
        string? provisionRef = null, object? quantity = null, Guid[]? conditionIds = null, string title = "Memory supply") => new
    {
        obligorPartyIds = new[] { obligor }, beneficiaryPartyIds = new[] { beneficiary }, workstream, title,
        terms = "Supplies high-performance DRAM.", provisionRef = provisionRef ?? (binding ? "§9" : "§2"), binding, quantity,
        conditionIds, owner = "Ada Partnerships"
    };

    public static object MonthlyWafers(decimal amount = 900_000, string kind = "up-to") =>
        new { amount, unit = "DRAM wafers", per = "month", kind };

    public static async Task<Guid> MakeCommitment(this ApiHost api, Guid agreement, object commitment) =>
        (await api.Post($"/api/agreements/{agreement}/commitments", commitment, "editor")).ShouldBe(201).Id;

    public static async Task<Guid> RecordCondition(this ApiHost api, string title, Guid? satisfiedWhenAgreementSigned = null,
        string? expectedBy = null) =>
        (await api.Post("/api/conditions", new { title, kind = "Other", expectedBy, satisfiedWhenAgreementSigned }, "editor")).ShouldBe(201).Id;

    public static async Task<string> StatusOf(this ApiHost api, Guid commitment) =>
        (await api.Get($"/api/commitments/{commitment}")).ShouldBe(200).Body!["status"]!.GetValue<string>();

    /// <summary>Party names are unique; tests sharing one database keep theirs apart.</summary>
    private static string Unique() => Guid.NewGuid().ToString("N")[..6];
}
