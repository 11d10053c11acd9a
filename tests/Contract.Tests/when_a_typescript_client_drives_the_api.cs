using Xunit.Abstractions;

namespace LoiTracker.Contract.Tests;

/// <summary>
/// A TypeScript client nobody here wrote: openapi-typescript types the served document, TypeScript 5 checks
/// typescript/src/scenario.ts against those types, and node runs it (openapi-fetch) against the Api's loopback port.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class when_a_typescript_client_drives_the_api(ContractHost api, ITestOutputHelper output)
{
    [Fact]
    public async Task the_generated_types_check_and_the_reference_scenario_runs_reading_409_and_422_as_typed_problems()
    {
        var generated = Path.Combine(ClientTools.TypeScript, "src", "generated");
        Directory.CreateDirectory(generated);
        var document = Path.Combine(generated, "openapi.json");
        await File.WriteAllTextAsync(document, api.Document);

        var minute = TimeSpan.FromMinutes(1);
        await ClientTools.Run(ClientTools.Npm("openapi-typescript"), [document, "--output", Path.Combine(generated, "loitracker.d.ts")],
            ClientTools.TypeScript, minute);
        var (_, compiled, _) = await ClientTools.Run(ClientTools.Npm("tsc"), ["-p", "tsconfig.json"], ClientTools.TypeScript, minute, check: false);
        compiled.ShouldBeEmpty("tsc found errors");

        var (_, steps, _) = await ClientTools.Run("node", ["dist/scenario.js"], ClientTools.TypeScript, minute, new Dictionary<string, string>
        {
            ["LOITRACKER_URL"] = api.BaseAddress.ToString().TrimEnd('/'),
            ["LOITRACKER_TOKEN_EDITOR"] = TestTokens.For("editor"),
            ["LOITRACKER_TOKEN_LEGAL"] = TestTokens.For("legal"),
            ["LOITRACKER_TOKEN_VIEWER"] = TestTokens.For("viewer")
        });
        output.WriteLine(steps);
        steps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(8, steps);
    }
}
