using FluentValidation;

namespace LoiTracker.Api.Infrastructure;

public sealed class SourceInputValidator : AbstractValidator<SourceInput>
{
    public SourceInputValidator()
    {
        RuleFor(x => x.Kind).NotNull()
            .WithMessage("Say what kind of source this is: SignedText, PublicAnnouncement, Correspondence or Internal.");
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Url).Must(url => Uri.TryCreate(url, UriKind.Absolute, out _)).When(x => !string.IsNullOrWhiteSpace(x.Url))
            .WithMessage("Give an absolute URL, such as https://example.com/press-release.");
    }
}
