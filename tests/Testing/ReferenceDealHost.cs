using LoiTracker.Api.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LoiTracker.Testing;

/// <summary>The Api as ./run.sh starts it: the reference deal (OpenAI and five Samsung companies) loaded into an empty database.</summary>
public class ReferenceDealHost : ApiHost
{
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Sample:LoadWhenEmpty", "true");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The sample is loaded once the Api has started: wait for the loader to say so, then for the daemon's views.
        await Host.Services.GetRequiredService<SampleData>().Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        await WaitForProjections();
    }

    /// <summary>A party of the reference deal by its name, as an unscoped viewer finds it.</summary>
    public async Task<Guid> Party(string name) =>
        (await Get($"/api/parties?q={Uri.EscapeDataString(name)}")).Body!["items"]!.AsArray()
        .Single(p => p!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();

    /// <summary>A commitment of the reference deal by its workstream, as an unscoped viewer finds it.</summary>
    public async Task<Guid> Commitment(string workstream) =>
        (await Get($"/api/commitments?workstream={workstream}")).Body!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
}
