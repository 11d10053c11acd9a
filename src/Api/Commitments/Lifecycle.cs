using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// How a commitment moves on (domain.md): fulfilled; for a binding one a breach noticed with a cure deadline, then
/// cured or confirmed; for a non-binding one "not performed" (a breach there would read as an admission);
/// waived by a beneficiary; withdrawn. Each may carry a reason and evidence; some require the reason.
/// </summary>
public sealed record FulfilCommitment(DateOnly? On, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public sealed record NoticeBreach(DateOnly? CureBy, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public sealed record CureBreach(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public sealed record ConfirmBreach(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public sealed record RecordNotPerformed(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

/// <summary>Waived by a beneficiary; <c>byPartyId</c> may be left out when there is only one.</summary>
public sealed record WaiveCommitment(Guid? ByPartyId, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public sealed record WithdrawCommitment(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason;

public static class LifecycleValidators
{
    public sealed class Fulfil : AbstractValidator<FulfilCommitment>
    {
        public Fulfil() => this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public sealed class Notice : AbstractValidator<NoticeBreach>
    {
        public Notice()
        {
            RuleFor(x => x.CureBy).NotNull().WithMessage("Give the cure deadline.");
            this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: true);
        }
    }

    public sealed class Cure : AbstractValidator<CureBreach>
    {
        public Cure() => this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public sealed class Confirm : AbstractValidator<ConfirmBreach>
    {
        public Confirm() => this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public sealed class NotPerformed : AbstractValidator<RecordNotPerformed>
    {
        public NotPerformed() => this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public sealed class Waive : AbstractValidator<WaiveCommitment>
    {
        public Waive()
        {
            RuleFor(x => x.ByPartyId).NotEqual(Guid.Empty);
            this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: true);
        }
    }

    public sealed class Withdraw : AbstractValidator<WithdrawCommitment>
    {
        public Withdraw() => this.ReasonAndEvidence(x => x.Reason, x => x.Evidence, reasonRequired: true);
    }

    private static void ReasonAndEvidence<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> reason,
        System.Linq.Expressions.Expression<Func<T, EvidenceInput?>> evidence, bool reasonRequired)
    {
        var rule = validator.RuleFor(reason).MaximumLength(2000);
        if (reasonRequired) rule.NotEmpty();
        var evidenceOf = evidence.Compile(); // once, not on every request
        validator.RuleFor(evidence).SetValidator(new EvidenceInput.Validator()!).When(x => evidenceOf(x) is not null);
    }
}

public static class LifecycleEndpoints
{
    [WolverinePost("/api/commitments/{id}/fulfill"), Authorize(Policy = Can.Fulfil)]
    public static async Task<(Applied, Events)> Fulfil(FulfilCommitment command, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var today = Today.In((await Lookups.Agreement(session, commitment.AgreementId, token)).TimeZone, clock);
        return Applied(commitment, commitment.Fulfill(command.On ?? today, command.Evidence?.ToEvidence(), today));
    }

    [WolverinePost("/api/commitments/{id}/notice-breach"), Authorize(Policy = Can.NoticeBreach)]
    public static async Task<(Applied, Events)> NoticeBreach(NoticeBreach command, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var today = Today.In((await Lookups.Agreement(session, commitment.AgreementId, token)).TimeZone, clock);
        return Applied(commitment, commitment.NoticeBreach(command.CureBy!.Value, command.Reason!, command.Evidence?.ToEvidence(), today));
    }

    [WolverinePost("/api/commitments/{id}/cure"), Authorize(Policy = Can.CureBreach)]
    public static (Applied, Events) Cure(CureBreach command, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        return Applied(commitment, commitment.Cure(command.Reason, command.Evidence?.ToEvidence()));
    }

    [WolverinePost("/api/commitments/{id}/confirm-breach"), Authorize(Policy = Can.ConfirmBreach)]
    public static (Applied, Events) ConfirmBreach(ConfirmBreach command, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        return Applied(commitment, commitment.ConfirmBreach(command.Reason, command.Evidence?.ToEvidence()));
    }

    [WolverinePost("/api/commitments/{id}/not-performed"), Authorize(Policy = Can.RecordNotPerformed)]
    public static (Applied, Events) NotPerformed(RecordNotPerformed command, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        return Applied(commitment, commitment.NotPerformed(command.Reason, command.Evidence?.ToEvidence()));
    }

    [WolverinePost("/api/commitments/{id}/waive"), Authorize(Policy = Can.Waive)]
    public static async Task<(Applied, Events)> Waive(WaiveCommitment command, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var by = command.ByPartyId ?? (commitment.Beneficiaries.Count == 1
            ? commitment.Beneficiaries[0]
            : throw new InvalidRequest(new Dictionary<string, string[]> { ["byPartyId"] = ["Say which beneficiary waives: there are several."] }));
        var names = await Lookups.PartyNames(session, [by], token);
        return Applied(commitment, commitment.Waive(by, names.GetValueOrDefault(by) ?? $"Party {by}", command.Reason!, command.Evidence?.ToEvidence()));
    }

    [WolverinePost("/api/commitments/{id}/withdraw"), Authorize(Policy = Can.Withdraw)]
    public static (Applied, Events) Withdraw(WithdrawCommitment command, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        return Applied(commitment, commitment.Withdraw(command.Reason!, command.Evidence?.ToEvidence()));
    }

    private static (Applied, Events) Applied(Commitment commitment, object decided) =>
        (new Applied(commitment.Id, commitment.Version + 1), [decided]);
}
