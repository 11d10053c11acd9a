using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Parties;

public sealed record RenameParty(string? Name, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<RenameParty>
    {
        public Validator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }
}

public static class RenamePartyEndpoint
{
    [WolverinePost("/api/parties/{id}/rename"), Authorize(Policy = Can.RegisterParties)]
    public static async Task<(Applied, Events)> Post(RenameParty command, [WriteAggregate] Party party, IQuerySession session,
        CancellationToken token)
    {
        Versioning.Expect(command.ExpectedVersion, party.Version, "Party", party.Id);
        if (Party.NameKey(command.Name!) != Party.NameKey(party.Name))
            await PartyRules.NameMustBeFree(session, command.Name!, token);
        Events events = [.. party.Rename(command.Name!)];
        return (new Applied(party.Id, party.Version + events.Count), events);
    }
}
