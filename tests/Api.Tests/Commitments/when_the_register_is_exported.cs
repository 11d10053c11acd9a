using System.Text;

namespace LoiTracker.Api.Tests.Commitments;

/// <summary>The register's CSV: what Excel in Seoul opens correctly, downloaded as a dated file, streamed, never cut short.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_the_register_is_exported(ApiHost api)
{
    private async Task<(byte[] Bytes, string? Disposition, string? Type)> Download(string url)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(TestTokens.For("viewer"));
        });
        await using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return (stream.ToArray(), result.Context.Response.Headers.ContentDisposition.ToString(), result.Context.Response.ContentType);
    }

    [Fact]
    public async Task it_is_utf8_with_a_bom_and_downloads_as_a_dated_file_with_korean_names_intact()
    {
        var supplier = await api.RegisterParty("삼성전자", "Samsung", "KR");
        var buyer = await api.RegisterParty("OpenAI");
        var loi = await api.DraftAgreement("Supply LOI", [(supplier, "Signatory"), (buyer, "Signatory")]);
        await api.RecordProvision(loi, "§2", binding: false);
        await api.MakeCommitment(loi, new
        {
            obligorPartyIds = new[] { supplier }, beneficiaryPartyIds = new[] { buyer }, workstream = "memory-supply", title = "메모리 공급",
            terms = "DRAM", provisionRef = "§2", binding = false, value = new { amount = 1_500_000.50m, currency = "KRW" }
        });

        var (bytes, disposition, type) = await Download($"/api/commitments/export.csv?agreement={loi}");

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        type.ShouldStartWith("text/csv");
        disposition.ShouldStartWith("attachment");
        disposition.ShouldContain($"loitracker-register-{api.Clock.GetUtcNow():yyyy-MM-dd}.csv");
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("id,agreement,obligors,beneficiaries,workstream,title,binding,status,owner,next_milestone,next_due,next_state," +
                          "overdue_count,quantity,unit,per,kind,period,delivered,delivered_total,value,currency,risk,last_changed_at,last_changed_by");
        lines[1].ShouldContain("삼성전자");
        lines[1].ShouldContain("메모리 공급");
        lines[1].ShouldContain(",1500000.50,KRW,");
    }

    [Fact]
    public async Task every_row_is_written_however_many_pages_it_takes()
    {
        const int count = 1_201; // more than two of the pages it reads at a time
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bundle = new
        {
            parties = new[] { new { key = $"s-{tag}", name = $"Supplier {tag}" }, new { key = $"b-{tag}", name = $"Buyer {tag}" } },
            agreements = new[]
            {
                new
                {
                    key = $"a-{tag}", title = $"Export LOI {tag}", kind = "LetterOfIntent",
                    parties = new[] { new { partyKey = $"s-{tag}", role = "Signatory" }, new { partyKey = $"b-{tag}", role = "Signatory" } },
                    source = Driving.PublicAnnouncement
                }
            },
            commitments = Enumerable.Range(1, count).Select(i => new
            {
                key = $"c-{tag}-{i}", agreementKey = $"a-{tag}", obligorKeys = new[] { $"s-{tag}" }, beneficiaryKeys = new[] { $"b-{tag}" },
                workstream = "memory-supply", title = $"Line {i:D5}", terms = "Terms", binding = false
            })
        };
        var imported = (await api.Post("/api/import", bundle)).ShouldBe(200);
        var agreement = imported.Body!["created"]!.AsArray().First(c => c!["kind"]!.GetValue<string>() == "agreement")!["id"]!.GetValue<Guid>();

        var (bytes, _, _) = await Download($"/api/commitments/export.csv?agreement={agreement}");

        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(count + 1);
        lines.Skip(1).Select(l => l.Split(',')[5]).ShouldBe(Enumerable.Range(1, count).Select(i => $"Line {i:D5}"));
    }
}
