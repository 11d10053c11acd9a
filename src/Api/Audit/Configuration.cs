using System.ComponentModel;

namespace LoiTracker.Api.Audit;

[Description("The audit trail and time travel: what was known when, who changed it and why (ADR 5, ADR 18).")]
public static class Configuration
{
    public static IServiceCollection AddAuditServices(this IServiceCollection services) => services.AddHostedService<AuditJob>();
}
