using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Projections.Alerts;
using LoiTracker.Projections.Conditions;

namespace LoiTracker.Api.Alerts;

[Description("Milestone alerts: raised once for their cause when a date falls due soon or passes, a condition is late, a cure deadline nears or a risk rises; acknowledged by a person, resolved when the cause goes away (ADR 19).")]
public static class Configuration
{
    public static void AddAlerts(this StoreOptions options)
    {
        options.Projections.Add<AlertProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<AlertViewProjection>(ProjectionLifecycle.Inline);
        // The inbox by state, party, assignee; the sweep through the active ones.
        options.Schema.For<AlertView>().Index(x => x.State).Index(x => x.Active).Index(x => x.Assignee!).Index(x => x.ItemId)
            .Index(x => x.RaisedAt).GinIndexJsonData();
        // The sweep finds late conditions by their expected date.
        options.Schema.For<ConditionView>().Index(x => x.ExpectedBy!);
        // Alert email claims (ADR 21), found by their id only; two processes taking over one abandoned claim conflict.
        options.Schema.For<AlertEmailSent>().UseOptimisticConcurrency(true);
    }

    public static IServiceCollection AddAlertServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<AlertSweep>();
        // Email is off unless configured (ADR 21); the settings are registered either way, for whoever reads them.
        var email = AlertEmailSettings.Read(configuration);
        services.AddSingleton(email);
        if (email.Enabled) services.AddHostedService<AlertMail>();
        return services;
    }
}
