using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LoiTracker.Api.Tests.Alerts;

/// <summary>An email as the SMTP server received it: who it was delivered to (the envelope) and the message.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string Body => Message.TextBody ?? "";
    public string MessageId => Message.MessageId ?? "";
}

/// <summary>A real SMTP server in process, on a free loopback port, keeping what it receives.</summary>
public sealed class TestMailbox : MessageStore, IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> received = new();
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public int Port { get; } = FreePort();

    public IReadOnlyList<ReceivedEmail> Received => [.. received];

    public void Clear() => received.Clear();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stopping.Token);
    }

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        received.Enqueue(new ReceivedEmail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], MimeMessage.Load(stream, cancellationToken)));
        return Task.FromResult(SmtpResponse.Ok);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try { await running; }
        catch (OperationCanceledException) { }
        stopping.Dispose();
    }
}
