using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace LoiTracker.Contract.Tests;

/// <summary>
/// A C# client nobody here wrote: Kiota generates it from the served document, the C# compiler builds it with
/// kiota/KiotaScenario.cs, and the scenario drives the Api on its loopback port.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class when_a_kiota_client_drives_the_api(ContractHost api, ITestOutputHelper output)
{
    [Fact]
    public async Task the_generated_client_compiles_and_runs_the_reference_scenario_reading_409_and_422_as_typed_problems()
    {
        var document = Path.Combine(ClientTools.Scratch, "openapi-kiota.json");
        var generated = Path.Combine(ClientTools.Scratch, "kiota");
        await File.WriteAllTextAsync(document, api.Document);

        var (_, log, _) = await ClientTools.Run("dotnet",
            ["kiota", "generate", "--openapi", document, "--language", "CSharp", "--class-name", "LoiTrackerClient",
             "--namespace-name", "LoiTracker.Contract.Kiota.Client", "--output", generated, "--exclude-backward-compatible",
             "--clean-output", "--log-level", "Warning"],
            ClientTools.Repository, TimeSpan.FromMinutes(2));
        output.WriteLine(log);
        log.ShouldNotContain("fail:");

        var sources = Directory.EnumerateFiles(generated, "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(AppContext.BaseDirectory, "kiota", "KiotaScenario.cs"))
            .ToList();
        var assembly = Compile(sources);

        var scenario = assembly.GetType("LoiTracker.Contract.Kiota.KiotaScenario")!.GetMethod("RunAsync")!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var steps = await (Task<IReadOnlyList<string>>)scenario.Invoke(null, [http, api.BaseAddress.ToString().TrimEnd('/'), (Func<string, string>)(r => TestTokens.For(r))])!;
        foreach (var step in steps) output.WriteLine(step);
        steps.Count.ShouldBe(8);
    }

    /// <summary>The generated client and the scenario as one assembly, with warnings allowed and errors shown in full.</summary>
    private Assembly Compile(IReadOnlyList<string> sources)
    {
        // Kiota's code and the scenario need only what this test process already loads.
        _ = new[]
        {
            typeof(Microsoft.Kiota.Abstractions.RequestInformation), typeof(Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter),
            typeof(Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory), typeof(Microsoft.Kiota.Serialization.Text.TextParseNodeFactory),
            typeof(Microsoft.Kiota.Serialization.Form.FormParseNodeFactory), typeof(Microsoft.Kiota.Serialization.Multipart.MultipartSerializationWriterFactory)
        };
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location);
        var references = platform.Concat(loaded).DistinctBy(Path.GetFileName).Select(path => MetadataReference.CreateFromFile(path));

        var parse = new CSharpParseOptions(LanguageVersion.Latest,
            preprocessorSymbols: ["NET", "NETCOREAPP", "NET10_0", "NET10_0_OR_GREATER", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER", "NET5_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NETSTANDARD2_1_OR_GREATER"]);
        var trees = sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", parse));
        var compilation = CSharpCompilation.Create("LoiTracker.Contract.Kiota", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        output.WriteLine($"compiled {sources.Count} files: {errors.Count} errors, {result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warnings");
        errors.ShouldBeEmpty();
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }
}
