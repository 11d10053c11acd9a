using System.ComponentModel;
using Microsoft.AspNetCore.Authentication;

namespace LoiTracker.Api.Calendar;

[Description("Calendar feeds: milestones and key dates as an RFC 5545 feed with stable UIDs and reminders, and the personal feed tokens calendar clients subscribe with (ADR 20).")]
public static class Configuration
{
    public static void AddCalendar(this StoreOptions options)
    {
        // A feed token is found by the hash of its secret (unique), a user's tokens by their owner.
        options.Schema.For<FeedToken>().UniqueIndex(x => x.Hash).Index(x => x.Subject);
    }

    public static IServiceCollection AddCalendarServices(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, FeedTokenAuthentication>(FeedTokens.Scheme, null);
        return services;
    }
}
