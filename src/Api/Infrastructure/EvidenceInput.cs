using FluentValidation;
using LoiTracker.Domain.Common;

namespace LoiTracker.Api.Infrastructure;

/// <summary>A document reference as a client sends it: <c>{ name, sha256, uri? }</c>.</summary>
public sealed record EvidenceInput(string? Name, string? Sha256, string? Uri)
{
    public Evidence ToEvidence() => new(Name!.Trim(), Sha256!.ToLowerInvariant(), string.IsNullOrWhiteSpace(Uri) ? null : Uri.Trim());

    public sealed class Validator : AbstractValidator<EvidenceInput>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Sha256).NotEmpty().Matches("^[0-9a-fA-F]{64}$").WithMessage("Give the document's SHA-256 as 64 hexadecimal digits.");
            RuleFor(x => x.Uri).MaximumLength(2000).Must(WebAddresses.IsAllowed).When(x => !string.IsNullOrWhiteSpace(x.Uri))
                .WithMessage(WebAddresses.Rule);
        }
    }
}
