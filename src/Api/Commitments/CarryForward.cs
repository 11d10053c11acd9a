using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// Carries a commitment forward into an agreement that supersedes its own (a definitive agreement after the LOI):
/// into <c>toCommitmentId</c> when it is already recorded there, otherwise into a new commitment with the same terms.
/// Both sides are linked.
/// </summary>
public sealed record CarryForwardCommitment(Guid? ToAgreementId, Guid? ToCommitmentId, string? Reason, EvidenceInput? Evidence,
    long? ExpectedVersion) : IHaveReason
{
    public sealed class Validator : AbstractValidator<CarryForwardCommitment>
    {
        public Validator()
        {
            RuleFor(x => x.ToAgreementId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.ToCommitmentId).NotEqual(Guid.Empty);
            RuleFor(x => x.Reason).MaximumLength(2000);
        }
    }
}

public sealed record CarriedForward(Guid Id, long Version, Guid ToCommitmentId);

public static class CarryForwardEndpoint
{
    [WolverinePost("/api/commitments/{id}/carry-forward"), Authorize(Policy = Can.CarryForward)]
    public static async Task<(CarriedForward, Events)> Post(CarryForwardCommitment command, [WriteAggregate] IEventStream<Commitment> stream,
        IDocumentSession session, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var from = await Lookups.Agreement(session, commitment.AgreementId, token);
        var to = await Lookups.Agreement(session, command.ToAgreementId!.Value, token);
        var into = command.ToCommitmentId is { } intoId ? await session.Events.FetchForWriting<Commitment>(intoId, token) : null;
        if (into is { Aggregate: null }) throw new RuleViolation("unknown-commitment", $"Commitment {command.ToCommitmentId} does not exist");

        // The new commitment takes the terms as they read now; its provision in the new agreement is for legal to set.
        var view = await session.LoadAsync<CommitmentView>(commitment.Id, token) ?? throw new NotFound("Commitment", commitment.Id);
        var terms = new CommitmentTerms(view.Obligors, view.Beneficiaries, view.Workstream, view.Title, view.Terms, null, view.Binding,
            view.Quantity, view.Value, view.Owner);
        var names = await Lookups.PartyNames(session, to.Parties.Select(p => p.PartyId), token);

        var (here, targetId, there) = commitment.CarryForward(from, to, into?.Aggregate, Ids.New(), terms, command.Reason, names);
        // The one command that writes a second commitment stream: the receiving side of the link.
        if (into is not null) into.AppendMany(there);
        else session.Events.StartStream<Commitment>(targetId, [.. there]);

        Events events = [.. here];
        return (new CarriedForward(commitment.Id, commitment.Version + events.Count, targetId), events);
    }
}
