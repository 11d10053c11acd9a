using System.Linq.Expressions;
using FluentValidation;
using LoiTracker.Api.Infrastructure;

namespace LoiTracker.Api.Commitments;

/// <summary>The reason and evidence a lifecycle command may carry, validated the same way everywhere.</summary>
public static class ReasonAndEvidence
{
    public static void ReasonAndEvidenceRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> reason,
        Expression<Func<T, EvidenceInput?>> evidence, bool reasonRequired)
    {
        var rule = validator.RuleFor(reason).MaximumLength(2000);
        if (reasonRequired) rule.NotEmpty();
        var evidenceOf = evidence.Compile(); // once, not on every request
        validator.RuleFor(evidence).SetValidator(new EvidenceInput.Validator()!).When(x => evidenceOf(x) is not null);
    }
}
