using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Domain.Access;
using LoiTracker.Projections.Access;

namespace LoiTracker.Api.Access;

[Description("Scoped access: the parties and agreements a user is limited to, by its token's claims or an admin's assignment, and the record of who read what in bulk.")]
public static class Configuration
{
    public static void AddAccess(this StoreOptions options)
    {
        // Inline: an assignment applies to the next request.
        options.Projections.Add<UserScopeProjection>(ProjectionLifecycle.Inline);
        // Who read what (exports, privileged notes, bulk pages), found by reader and time.
        options.Schema.For<ReadRecord>().Index(x => x.ReadAt).Index(x => x.Subject);
    }

    public static IServiceCollection AddAccessServices(this IServiceCollection services) =>
        services.AddSingleton<ScopeAssignments>().AddScoped<Visibility>().AddScoped<ReadLog>().AddScoped<UserScopes>();
}
