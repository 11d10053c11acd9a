using LoiTracker.Api.Auth;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>
/// api.md's role table, route by route: a role the table does not list gets 403 and writes nothing;
/// a role it lists gets past authorization (whatever the rules then say).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_roles_are_checked(ApiHost api)
{
    private sealed record World(Guid OpenAi, Guid Samsung, Guid Draft, Guid Signed, Guid Binding, Guid NonBinding, Guid Condition);

    private static readonly Dictionary<string, (string Action, Func<World, (string Url, object? Body)> Request)> Commands = new()
    {
        ["register a party"] = (Can.RegisterParties, _ => ("/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}" })),
        ["rename a party"] = (Can.RegisterParties, w => ($"/api/parties/{w.OpenAi}/rename", new { name = $"OpenAI OpCo {Guid.NewGuid():N}" })),
        ["move a party to a group"] = (Can.RegisterParties, w => ($"/api/parties/{w.OpenAi}/group", new { group = "OpenAI Group" })),
        ["draft an agreement"] = (Can.DraftAgreements, w => ("/api/agreements", new
        {
            title = "MOU", kind = "MemorandumOfUnderstanding", source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = w.OpenAi, role = "Signatory" } }
        })),
        ["draft an amendment"] = (Can.Amend, w => ("/api/agreements", new
        {
            title = "Amendment 1", kind = "Amendment", parentAgreementId = w.Signed, source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = w.OpenAi, role = "Signatory" } }
        })),
        ["add a party to an agreement"] = (Can.DraftAgreements, w => ($"/api/agreements/{w.Draft}/parties", new { partyId = w.Samsung, role = "Guarantor" })),
        ["record a provision"] = (Can.RecordProvisions, w => ($"/api/agreements/{w.Draft}/provisions", new { @ref = "§1", heading = "H", text = "T", binding = false })),
        ["set a key date"] = (Can.SetKeyDates, w => ($"/api/agreements/{w.Draft}/key-dates", new { kind = "Expiry", date = "2026-12-31" })),
        ["sign"] = (Can.Sign, w => ($"/api/agreements/{w.Draft}/sign", new
        {
            signatures = new[] { new { partyId = w.OpenAi, signedOn = "2025-10-01", signatoryName = "Sam Altman" } }
        })),
        ["supersede"] = (Can.Supersede, w => ($"/api/agreements/{w.Signed}/supersede", new { byAgreementIds = new[] { w.Signed }, reason = "r" })),
        ["terminate"] = (Can.Terminate, w => ($"/api/agreements/{w.Signed}/terminate", new { on = "2026-01-01", reason = "r" })),
        ["abandon"] = (Can.Abandon, w => ($"/api/agreements/{w.Draft}/abandon", new { reason = "r" })),
        ["add a note"] = (Can.AddNotes, w => ($"/api/agreements/{w.Draft}/notes", new { text = "Call Seoul on Monday" })),
        ["add a privileged note"] = (Can.AddPrivilegedNotes, w => ($"/api/agreements/{w.Draft}/notes", new { text = "Advice", privileged = true })),
        ["make a commitment"] = (Can.MakeCommitments, w => ($"/api/agreements/{w.Signed}/commitments", Driving.Commitment(w.Samsung, w.OpenAi))),
        ["record a delivery"] = (Can.RecordDeliveries, w => ($"/api/commitments/{w.NonBinding}/deliveries", new { period = "2026-03", quantity = 10 })),
        ["plan a milestone"] = (Can.PlanMilestones, w => ($"/api/commitments/{w.NonBinding}/milestones", new { title = "M", dueOn = "2026-12-31", ownerPartyId = w.Samsung })),
        ["declare a dependency"] = (Can.DeclareDependencies, w => ($"/api/commitments/{w.NonBinding}/dependencies", new { dependsOnCommitmentId = w.Binding })),
        ["record a condition"] = (Can.RecordConditions, _ => ("/api/conditions", new { title = "Board vote", kind = "BoardApproval" })),
        ["satisfy a condition"] = (Can.RecordConditions, w => ($"/api/conditions/{w.Condition}/satisfy", new { })),
        ["assign an owner"] = (Can.AssignOwners, w => ($"/api/commitments/{w.NonBinding}/owner", new { owner = "Grace" })),
        ["fulfil"] = (Can.Fulfil, w => ($"/api/commitments/{w.NonBinding}/fulfill", new { })),
        ["notice a breach"] = (Can.NoticeBreach, w => ($"/api/commitments/{w.Binding}/notice-breach", new { cureBy = "2099-01-01", reason = "Late" })),
        ["record not performed"] = (Can.RecordNotPerformed, w => ($"/api/commitments/{w.NonBinding}/not-performed", new { reason = "r" })),
        ["waive"] = (Can.Waive, w => ($"/api/commitments/{w.NonBinding}/waive", new { reason = "r" })),
        ["withdraw"] = (Can.Withdraw, w => ($"/api/commitments/{w.NonBinding}/withdraw", new { reason = "r" })),
        ["import"] = (Can.Import, _ => ("/api/import", new { parties = new[] { new { key = $"p-{Guid.NewGuid():N}", name = $"Imported {Guid.NewGuid():N}" } } })),
    };

    public static TheoryData<string, string> EveryCommandAndRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands.Keys)
        foreach (var role in Roles.All)
            data.Add(command, role);
        return data;
    }

    private async Task<World> AWorld()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var draft = await api.DraftAgreement("LOI", [(openAi, "Signatory")]);
        var signed = await api.DraftAgreement("Signed LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        await api.RecordProvision(signed, "§2", binding: false);
        await api.RecordProvision(signed, "§9", binding: true);
        await api.Sign(signed, new DateOnly(2025, 10, 1), openAi, samsung);
        var binding = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, binding: true));
        var nonBinding = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, quantity: Driving.MonthlyWafers()));
        var condition = await api.RecordCondition("Extension agreed");
        return new World(openAi, samsung, draft, signed, binding, nonBinding, condition);
    }

    [Theory]
    [MemberData(nameof(EveryCommandAndRole))]
    public async Task a_command_is_taken_only_by_the_roles_the_table_lists(string command, string role)
    {
        var (action, request) = Commands[command];
        var (url, body) = request(await AWorld());
        var before = await api.EventCount();

        var reply = await api.Post(url, body, role);

        if (Can.RolesFor[action].Contains(role))
        {
            reply.Status.ShouldNotBe(403, reply.Text);
            reply.Status.ShouldNotBe(401, reply.Text);
        }
        else
        {
            reply.ShouldBe(403);
            (await api.EventCount()).ShouldBe(before);
        }
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("editor")]
    [InlineData("legal")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task every_role_reads(string role)
    {
        var world = await AWorld();

        (await api.Get("/api/agreements", role)).ShouldBe(200);
        (await api.Get($"/api/agreements/{world.Signed}", role)).ShouldBe(200);
        (await api.Get("/api/parties", role)).ShouldBe(200);
        (await api.Get($"/api/parties/{world.OpenAi}", role)).ShouldBe(200);
        (await api.Get($"/api/parties/{world.OpenAi}/ledger", role)).ShouldBe(200);
        (await api.Get("/api/commitments", role)).ShouldBe(200);
        (await api.Get($"/api/commitments/{world.NonBinding}", role)).ShouldBe(200);
        (await api.Get("/api/commitments/export.csv", role)).ShouldBe(200);
        (await api.Get("/api/milestones", role)).ShouldBe(200);
        (await api.Get("/api/conditions", role)).ShouldBe(200);
    }

    [Fact]
    public async Task the_actor_on_every_event_is_the_token_subject_never_a_field_of_the_body()
    {
        var reply = await api.Post("/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}", actor = "mallory", userName = "mallory" }, "editor");

        var recorded = (await api.EventsOf(reply.ShouldBe(201).Id)).ShouldHaveSingleItem();
        recorded.UserName.ShouldBe("editor-user");
        recorded.GetHeader("actor-name")!.ToString().ShouldBe("Editor User");
    }
}
