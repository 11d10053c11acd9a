using FluentValidation;

namespace LoiTracker.Api.Infrastructure;

public sealed class SourceInputValidator : AbstractValidator<SourceInput>
{
    public SourceInputValidator()
    {
        RuleFor(x => x.Kind).NotNull()
            .WithMessage("Say what kind of source this is: SignedText, PublicAnnouncement, Correspondence or Internal.");
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Url).MaximumLength(2000).Must(WebAddresses.IsAllowed).When(x => !string.IsNullOrWhiteSpace(x.Url))
            .WithMessage(WebAddresses.Rule);
    }
}
