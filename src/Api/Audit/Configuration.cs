using System.ComponentModel;

namespace LoiTracker.Api.Audit;

[Description("The audit trail and time travel: what was known when, who changed it and why (ADR 5, ADR 18); its seals (ADR 28).")]
public static class Configuration
{
    public static IServiceCollection AddAuditServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddSingleton(new Sealing(SealingKey.Load(configuration, environment.IsDevelopment())))
            .AddHostedService<AuditJob>();
}
