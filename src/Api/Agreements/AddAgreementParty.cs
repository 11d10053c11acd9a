using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Agreements;

public sealed record AddAgreementParty(Guid? PartyId, PartyRole? Role, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<AddAgreementParty>
    {
        public Validator()
        {
            RuleFor(x => x.PartyId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.Role).NotNull();
        }
    }
}

public static class AddAgreementPartyEndpoint
{
    [WolverinePost("/api/agreements/{id}/parties"), Authorize(Policy = Can.DraftAgreements)]
    public static async Task<(Applied, Events)> Post(AddAgreementParty command, [WriteAggregate] Agreement agreement,
        IQuerySession session, CancellationToken token)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        var party = await session.LoadAsync<Party>(command.PartyId!.Value, token)
                    ?? throw new RuleViolation("unknown-party", $"Party {command.PartyId} is not registered");
        Events events = [agreement.AddParty(party.Id, command.Role!.Value, party.Name)];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }
}
