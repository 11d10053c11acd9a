using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

/// <summary>Renames a party; its former names are kept, and every record shows the current one.</summary>
public sealed record RenameParty(string? Name, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<RenameParty>
    {
        public Validator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }

    public async Task<IReadOnlyList<object>> Decide(Party party, ICommandContext context)
    {
        if (Party.NameKey(Name!) != Party.NameKey(party.Name) && await context.PartyNameTaken(Name!))
            throw new RuleViolation("party-name-taken", $"A party named '{Name!.Trim()}' is already registered");
        return [.. party.Rename(Name!)];
    }
}

public static class RenamePartyEndpoint
{
    [WolverinePost("/api/parties/{id}/rename"), Authorize(Policy = Can.RegisterParties)]
    public static Task<Applied> Post(Guid id, RenameParty command, Writes writes) => writes.On<Party>(id, command, command.Decide);
}
