using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LoiTracker.Testing;

/// <summary>
/// A loopback TCP proxy in front of the test PostgreSQL. Cutting it off is a real outage as the Api sees one:
/// open connections drop and new ones are refused.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;

    public TcpProxy(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        _targetHost = target.Host!;
        _targetPort = target.Port;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }

    public string ConnectionStringThrough(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port, Timeout = 3 }.ConnectionString;

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void CutOff()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var client in _clients) client.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
            catch (Exception) { inbound.Dispose(); outbound.Dispose(); continue; }
            lock (_clients) { _clients.Add(inbound); _clients.Add(outbound); }
            _ = Pipe(inbound.GetStream(), outbound.GetStream(), inbound, outbound);
            _ = Pipe(outbound.GetStream(), inbound.GetStream(), inbound, outbound);
        }
    }

    private async Task Pipe(Stream from, Stream to, TcpClient a, TcpClient b)
    {
        try { await from.CopyToAsync(to, _stop.Token); }
        catch (Exception) { /* the other side went away */ }
        a.Dispose();
        b.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        CutOff();
        return ValueTask.CompletedTask;
    }
}
