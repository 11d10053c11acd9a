using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

public sealed record AgreementPartyInput(Guid? PartyId, PartyRole? Role);

/// <summary>Drafts an agreement between registered parties. Without a <c>timeZone</c>, deadlines fall due in UTC.</summary>
public sealed record DraftAgreement(
    string? Title,
    AgreementKind? Kind,
    string? Summary,
    string? Place,
    string? TimeZone,
    string? GoverningLaw,
    Guid? ParentAgreementId,
    IReadOnlyList<AgreementPartyInput>? Parties,
    SourceInput? Source) : IHaveSource
{
    public sealed class Validator : AbstractValidator<DraftAgreement>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Kind).NotNull();
            RuleFor(x => x.Summary).MaximumLength(4000);
            RuleFor(x => x.Place).MaximumLength(200);
            RuleFor(x => x.GoverningLaw).MaximumLength(200);
            RuleFor(x => x.TimeZone).Must(BusinessCalendar.IsKnownTimeZone).When(x => x.TimeZone is not null)
                .WithMessage("Use an IANA time zone, such as Asia/Seoul or America/New_York.");
            RuleFor(x => x.ParentAgreementId).NotNull().When(x => x.Kind == AgreementKind.Amendment)
                .WithMessage("An amendment needs the agreement it amends.");
            RuleFor(x => x.Parties).NotEmpty().WithMessage("Name the parties to the agreement.");
            RuleForEach(x => x.Parties).ChildRules(party =>
            {
                party.RuleFor(p => p.PartyId).NotNull().NotEqual(Guid.Empty);
                party.RuleFor(p => p.Role).NotNull();
            });
            RuleFor(x => x.Parties)
                .Must(parties => parties!.Where(p => p.PartyId is not null).GroupBy(p => p.PartyId).All(g => g.Count() == 1))
                .When(x => x.Parties is not null).WithMessage("A party takes one role on an agreement: it is listed twice.")
                .Must(parties => parties!.Any(p => p.Role == PartyRole.Signatory))
                .When(x => x.Parties is { Count: > 0 }).WithMessage("At least one party must be a signatory.");
            RuleFor(x => x.Source).NotNull().SetValidator(new SourceInputValidator()!);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Guid id, ICommandContext context)
    {
        var parties = Parties!.Select(p => new AgreementParty(p.PartyId!.Value, p.Role!.Value)).ToList();
        var registered = (await context.PartyNames(parties.Select(p => p.PartyId))).Keys.ToHashSet();
        var parent = ParentAgreementId is { } parentId ? await context.Agreement(parentId) : null;
        var terms = new DraftTerms(Title!, Kind!.Value, Summary, Place, TimeZone ?? BusinessCalendar.DefaultTimeZone, GoverningLaw,
            ParentAgreementId, parties, Source!.ToSource());
        return [.. Agreement.Draft(id, terms, registered, parent)];
    }
}

public static class DraftAgreementEndpoint
{
    [WolverinePost("/api/agreements"), Authorize(Policy = Can.DraftAgreements)]
    [Access.Scoped("references looked up through Visibility; the new agreement must involve the user's parties (NewRecords)")]
    public static Task<Created> Post(DraftAgreement command, ClaimsPrincipal user, Writes writes)
    {
        if (command.Kind == AgreementKind.Amendment) user.MustBeAllowedTo(Can.Amend, "Only legal may draft an amendment");
        var id = Ids.New();
        return writes.Start<Agreement>(id, command, $"/api/agreements/{id}", context => command.Decide(id, context));
    }
}
