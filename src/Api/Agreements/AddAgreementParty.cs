using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>Another registered party joins a draft agreement, in a role.</summary>
public sealed record AddAgreementParty(Guid? PartyId, PartyRole? Role, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AddAgreementParty>
    {
        public Validator()
        {
            RuleFor(x => x.PartyId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.Role).NotNull();
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Agreement agreement, ICommandContext context)
    {
        var party = await context.KnownParty(PartyId!.Value);
        return [agreement.AddParty(party.Id, Role!.Value, party.Name)];
    }
}

public static class AddAgreementPartyEndpoint
{
    [WolverinePost("/api/agreements/{id}/parties"), Authorize(Policy = Can.DraftAgreements)]
    public static Task<Applied> Post(Guid id, AddAgreementParty command, Writes writes) => writes.On<Agreement>(id, command, command.Decide);
}
