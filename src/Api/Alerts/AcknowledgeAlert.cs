using LoiTracker.Domain.Alerts;

namespace LoiTracker.Api.Alerts;

/// <summary>A person saw the alert and takes it on; who and when are recorded on the event.</summary>
public sealed record AcknowledgeAlert(string? Note, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AcknowledgeAlert>
    {
        public Validator() => RuleFor(x => x.Note).MaximumLength(2_000);
    }
}

public static class AcknowledgeAlertEndpoint
{
    [WolverinePost("/api/alerts/{id}/acknowledge"), Authorize(Policy = Can.AcknowledgeAlerts)]
    public static Task<Applied> Post(Guid id, AcknowledgeAlert command, Writes writes) =>
        writes.On<Alert>(id, command, (alert, context) => Task.FromResult<IReadOnlyList<object>>([alert.Acknowledge(context.Now, command.Note)]));
}
