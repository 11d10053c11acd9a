using Microsoft.AspNetCore.Hosting;

namespace LoiTracker.Api.Tests.Faults;

/// <summary>The Api reaching its database through a <see cref="TcpProxy"/> a test can cut, stall or make lose a commit's answer.</summary>
public sealed class ProxiedApi : ApiHost
{
    public TcpProxy Proxy { get; } = new(TestDatabase.ConnectionString);

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("ConnectionStrings:Marten", Proxy.ConnectionStringThrough(TestDatabase.ConnectionString));
        // A short deadline keeps the stalled-database test quick; production waits five seconds.
        web.UseSetting("Database:CommandTimeoutSeconds", "2");
        // Likewise the shutdown-after-an-outage test: production gives a stop fifteen seconds.
        web.UseSetting("Host:ShutdownTimeoutSeconds", "4");
    }

    public override async Task DisposeAsync()
    {
        Proxy.Thaw();
        Proxy.Restore();
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
