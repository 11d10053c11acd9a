// Compiled at test time with the client Kiota generates from the served document (see a_kiota_client.cs):
// it only compiles if the document describes the routes, bodies and problems this scenario uses.
using LoiTracker.Contract.Kiota.Client;
using LoiTracker.Contract.Kiota.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace LoiTracker.Contract.Kiota;

/// <summary>The reference scenario, OpenAI and Samsung's letter of intent, as a C# integrator would write it.</summary>
public static class KiotaScenario
{
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient http, string baseUrl, Func<string, string> tokenFor)
    {
        var log = new List<string>();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var editor = Client(http, baseUrl, tokenFor("editor"));
        var legal = Client(http, baseUrl, tokenFor("legal"));
        var viewer = Client(http, baseUrl, tokenFor("viewer"));

        var openAi = await editor.Api.Parties.PostAsync(new RegisterParty { Name = $"OpenAI (kiota {tag})", Country = "US" });
        var samsung = await editor.Api.Parties.PostAsync(new RegisterParty
            { Name = $"Samsung Electronics (kiota {tag})", Group = "Samsung", Country = "KR" });
        var parties = await viewer.Api.Parties.GetAsync(r => r.QueryParameters.Q = $"kiota {tag}");
        Expect(parties!.Total == 2 && parties.Items!.All(p => p.Id is not null), $"listed {parties.Total} parties");
        log.Add($"listParties: {parties.Total} parties");

        var drafted = await editor.Api.Agreements.PostAsync(new DraftAgreement
        {
            Title = $"Letter of intent: OpenAI and Samsung ({tag})",
            Kind = AgreementKind.LetterOfIntent,
            TimeZone = "Asia/Seoul",
            Parties =
            [
                new AgreementPartyInput { PartyId = openAi!.Id, Role = PartyRole.Signatory },
                new AgreementPartyInput { PartyId = samsung!.Id, Role = PartyRole.Signatory }
            ],
            Source = new SourceInput { Kind = SourceKind.PublicAnnouncement, Reference = "Samsung Newsroom, 1 October 2025" }
        });
        var agreement = drafted!.Id!.Value;
        log.Add($"draftAgreement: {agreement} at version {drafted.Version}");

        var provision = await legal.Api.Agreements[agreement].Provisions.PostAsync(new RecordProvision
        {
            Ref = "§2", Heading = "Memory supply", Binding = false,
            Text = "Samsung Electronics intends to supply DRAM; OpenAI's needs could reach 900,000 wafers per month."
        });
        var signed = await legal.Api.Agreements[agreement].Sign.PostAsync(new SignAgreement
        {
            ExpectedVersion = provision!.Version,
            Signatures =
            [
                new SignatureInput { PartyId = openAi.Id, SignedOn = new Date(2025, 10, 1), SignatoryName = "Sam Altman" },
                new SignatureInput { PartyId = samsung.Id, SignedOn = new Date(2025, 10, 1), SignatoryName = "Authorised signatory" }
            ]
        });
        var read = await viewer.Api.Agreements[agreement].GetAsync();
        Expect(read!.Status == AgreementStatuses.Signed && read.Version == signed!.Version, $"read back {read.Status} at {read.Version}");
        log.Add($"signAgreement: {read.Status} at version {signed!.Version}");

        var commitment = await editor.Api.Agreements[agreement].Commitments.PostAsync(new MakeCommitment
        {
            ObligorPartyIds = [samsung.Id], BeneficiaryPartyIds = [openAi.Id], Workstream = "memory-supply",
            Title = "High-bandwidth DRAM supply", Terms = "Supplies high-performance DRAM.", ProvisionRef = "§2", Binding = false,
            Quantity = new QuantityInput { Amount = 900_000m, Unit = "DRAM wafers", Per = QuantityPer.Month, Kind = QuantityKind.UpTo },
            Owner = "Ada Partnerships"
        });
        log.Add($"makeCommitment: {commitment!.Id}");

        var register = await viewer.Api.Commitments.GetAsync(r => r.QueryParameters.Agreement = agreement);
        var row = register!.Items!.Single();
        Expect(row.Id == commitment.Id && row.Quantity!.Kind == QuantityKind.UpTo && row.Quantity.Amount == 900_000m
               && row.Agreement!.Status == AgreementStatuses.Signed, "the register row");
        log.Add($"listRegister: {row.Title}, {row.Status}, {row.Quantity.Kind} {row.Quantity.Amount} {row.Quantity.Unit} per {row.Quantity.Per}");

        await using (var csv = await viewer.Api.Commitments.ExportCsv.GetAsync(r => r.QueryParameters.Agreement = agreement))
        {
            var text = await new StreamReader(csv!).ReadToEndAsync();
            Expect(text.StartsWith("id,agreement,") && text.Contains("High-bandwidth DRAM supply") && text.Contains("up-to"), text);
            log.Add($"exportRegister: {text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length} lines of CSV");
        }

        try
        {
            await legal.Api.Agreements[agreement].Notes.PostAsync(new AddAgreementNote { Text = "Stale", ExpectedVersion = provision.Version });
            throw new InvalidOperationException("A stale expectedVersion was accepted.");
        }
        catch (ConflictProblem conflict)
        {
            Expect(conflict.ResponseStatusCode == 409 && conflict.CurrentVersion == signed.Version, $"409 naming {conflict.CurrentVersion}");
            log.Add($"409 ConflictProblem: '{conflict.Title}', currentVersion {conflict.CurrentVersion}");
        }

        try
        {
            await legal.Api.Agreements[agreement].Sign.PostAsync(new SignAgreement
            {
                Signatures = [new SignatureInput { PartyId = openAi.Id, SignedOn = new Date(2025, 10, 2), SignatoryName = "Sam Altman" }]
            });
            throw new InvalidOperationException("Signing twice was accepted.");
        }
        catch (RuleProblem refused)
        {
            Expect(refused.ResponseStatusCode == 422 && refused.Rule == "already-signed", $"422 rule {refused.Rule}");
            log.Add($"422 RuleProblem: rule {refused.Rule}, '{refused.Message}'");
        }
        return log;
    }

    private static LoiTrackerClient Client(HttpClient http, string baseUrl, string token) =>
        new(new HttpClientRequestAdapter(new Bearer(token), httpClient: http) { BaseUrl = baseUrl });

    private static void Expect(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("Unexpected: " + what);
    }

    /// <summary>The JWT as every client sends it.</summary>
    private sealed class Bearer(string token) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? context = null,
            CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }
    }
}
