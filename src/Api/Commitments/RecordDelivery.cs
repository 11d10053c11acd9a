using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>What was delivered against the commitment's quantity in a period (2026-03, 2026-Q1, 2026), with evidence.</summary>
public sealed record RecordDelivery(string? Period, decimal? Quantity, EvidenceInput? Evidence, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<RecordDelivery>
    {
        public Validator()
        {
            RuleFor(x => x.Period).NotEmpty().MaximumLength(10);
            RuleFor(x => x.Quantity).NotNull().GreaterThan(0);
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }
}

public static class RecordDeliveryEndpoint
{
    // The command path the benchmark drives (./bench.sh append): one read of the commitment, one round trip to write.
    [WolverinePost("/api/commitments/{id}/deliveries"), Authorize(Policy = Can.RecordDeliveries)]
    public static (Created, Events) Post(RecordDelivery command, [WriteAggregate] Commitment commitment)
    {
        Versioning.Expect(command.ExpectedVersion, commitment.Version, "Commitment", commitment.Id);
        var id = Ids.New();
        Events events = [commitment.RecordDelivery(id, command.Period!.Trim(), command.Quantity!.Value, command.Evidence?.ToEvidence())];
        return (new Created(id, commitment.Version + events.Count, $"/api/commitments/{commitment.Id}/deliveries/{id}"), events);
    }
}
