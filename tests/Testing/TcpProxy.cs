using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace LoiTracker.Testing;

/// <summary>
/// A loopback TCP proxy in front of the test PostgreSQL, to give the Api real faults as it would see them:
/// <see cref="CutOff"/> (open connections drop, new ones are refused), <see cref="Stall"/> (connections stay open and
/// nothing moves either way: a frozen server or a network black hole) and <see cref="CutTheNextCommitsAnswer"/> (the
/// server commits, the answer never arrives).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private static readonly byte[] CommitDone = Encoding.ASCII.GetBytes("COMMIT\0");


    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private volatile TaskCompletionSource _flowing = Flowing();
    private volatile bool _refusing;
    private volatile bool _cutNextCommit;
    private volatile bool _refuseAfterCut;
    private readonly TaskCompletionSource _commitCut = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>How many connections the Api opened through the proxy.</summary>
    public int Connections { get; private set; }

    /// <summary>Completes when <see cref="CutTheNextCommitsAnswer"/> has cut a connection.</summary>
    public Task CommitCut => _commitCut.Task;

    public string ConnectionStringThrough(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port, Timeout = 3 }.ConnectionString;

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void CutOff()
    {
        _refusing = true;
        lock (_clients) foreach (var client in _clients) client.Dispose();
    }

    /// <summary>Accepts connections again after <see cref="CutOff"/>.</summary>
    public void Restore() => _refusing = false;

    /// <summary>Holds every connection open and forwards nothing, new connections included, until <see cref="Thaw"/>.</summary>
    public void Stall()
    {
        if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Thaw() => _flowing.TrySetResult();

    /// <summary>
    /// Lets the next COMMIT reach the server, then drops the server's answer and the connection: the write is recorded
    /// and the Api cannot know it. (The Api behind it should run no background work, or that work's commit may be the next.) With <paramref name="thenRefuse"/> the outage goes on (new connections are refused).
    /// </summary>
    public void CutTheNextCommitsAnswer(bool thenRefuse)
    {
        _refuseAfterCut = thenRefuse;
        _cutNextCommit = true;
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_refusing)
            {
                inbound.Dispose();
                continue;
            }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
            catch (Exception) { inbound.Dispose(); outbound.Dispose(); continue; }
            Connections++;
            lock (_clients) { _clients.Add(inbound); _clients.Add(outbound); }
            _ = Pipe(inbound.GetStream(), outbound.GetStream(), inbound, outbound, fromServer: false);
            _ = Pipe(outbound.GetStream(), inbound.GetStream(), inbound, outbound, fromServer: true);
        }
    }

    private async Task Pipe(Stream from, Stream to, TcpClient a, TcpClient b, bool fromServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0) break;
                await _flowing.Task.WaitAsync(_stop.Token);
                if (fromServer && _cutNextCommit && buffer.AsSpan(0, read).IndexOf(CommitDone) >= 0)
                {
                    // The server has committed and says so: that answer is lost with the connection.
                    _cutNextCommit = false;
                    if (_refuseAfterCut) _refusing = true;
                    _commitCut.TrySetResult();
                    if (Environment.GetEnvironmentVariable("PROXY_DEBUG") is not null)
                        Console.Error.WriteLine($"[proxy] cut a commit answer: {Encoding.ASCII.GetString(buffer, 0, read).Replace('\0', '|')}");
                    break;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception)
        {
            // The other side went away, or the proxy stopped.
        }
        a.Dispose();
        b.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Thaw();
        lock (_clients) foreach (var client in _clients) client.Dispose();
        return ValueTask.CompletedTask;
    }
}
