using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace LoiTracker.Api.Infrastructure;

/// <summary>201 with <c>Location</c> and <c>{ id, version }</c> (api.md, "created").</summary>
public sealed record Created(Guid Id, long Version, [property: JsonIgnore] string Location) : IHttpAware
{
    public void Apply(HttpContext context)
    {
        context.Response.Headers.Location = Location;
        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(Created), ["application/json"]));
}

/// <summary>200 with <c>{ id, version }</c>: the version the next <c>expectedVersion</c> needs (api.md, "command applied").</summary>
public sealed record Applied(Guid Id, long Version);

/// <summary>A page of a list: <c>{ items, total, page, pageSize }</c>.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);

/// <summary>Paging as every list takes it: <c>?page=</c> from 1, <c>?pageSize=</c> 50 by default, 500 at most.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;
    /// <summary>How deep a page may start: paging further is a scan in disguise.</summary>
    public const int MaxSkip = 1_000_000;

    public int Skip => (Page - 1) * PageSize;

    public static Paging From(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["Pages are numbered from 1."];
        if (pageSize is < 1 or > MaxSize) errors["pageSize"] = [$"Page size must be between 1 and {MaxSize}."];
        else if (page is > 1 && (long)(page.Value - 1) * (pageSize ?? DefaultSize) > MaxSkip)
            errors["page"] = [$"That page starts past the first {MaxSkip:N0} items: narrow the filter instead."];
        if (errors.Count > 0) throw new InvalidRequest(errors);
        return new Paging(page ?? 1, pageSize ?? DefaultSize);
    }
}

/// <summary>A query string that cannot be answered as asked: 400 with the fields at fault.</summary>
public sealed class InvalidRequest(IDictionary<string, string[]> errors) : Exception("The query is not valid")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>A page read from PostgreSQL, with the total that matches the filter whichever page was asked for.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);

public static class Pages
{
    /// <summary>
    /// One query for the page and its total (a window count); a page past the last has no row to carry the count, so it
    /// is counted apart rather than answered with a total of 0.
    /// </summary>
    public static async Task<Page<T>> PageAsync<T>(this Func<IQueryable<T>> query, Paging paging, CancellationToken token) where T : notnull
    {
        var results = await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(query(), paging.Page, paging.PageSize, token);
        if (results.Count > 0 || paging.Page == 1) return new Page<T>([.. results], results.TotalItemCount);
        // Past the last page: the first row of the first page carries the total (the session's statistics rule out a count).
        var first = await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(query(), 1, 1, token);
        return new Page<T>([], first.TotalItemCount);
    }
}
