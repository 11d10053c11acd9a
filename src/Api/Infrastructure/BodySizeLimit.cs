using Microsoft.AspNetCore.Http.Features;

namespace LoiTracker.Api.Infrastructure;

/// <summary>An endpoint that takes a larger body than a command's (an import bundle) says so with this attribute.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BodyLimitAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

/// <summary>
/// 413 before anything is read (api.md). Commands are small; an endpoint marked <see cref="BodyLimitAttribute"/> may
/// take more. The body reader would otherwise swallow Kestrel's own limit into a bare 400, so the declared length is
/// checked here, and a body sent without one is cut off by a counting stream.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next)
{
    public const long DefaultBytes = 256 * 1024;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimitAttribute>()?.Bytes ?? DefaultBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;

        if (context.Request.ContentLength > limit)
        {
            await WriteTooLarge(context, problems, limit);
            return;
        }

        LimitedStream? counted = null;
        if (context.Request.ContentLength is null && HasBody(context.Request))
            context.Request.Body = counted = new LimitedStream(context.Request.Body, limit);

        await next(context);

        if (counted is { Exceeded: true } && !context.Response.HasStarted)
            await WriteTooLarge(context, problems, limit);
    }

    private static bool HasBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    private static async Task WriteTooLarge(HttpContext context, IProblemDetailsService problems, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.TooLarge(limit) });
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;
        public bool Exceeded { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await inner.ReadAsync(buffer, cancellationToken);
            return Count(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int count)
        {
            _read += count;
            if (_read <= limit) return count;
            Exceeded = true;
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
