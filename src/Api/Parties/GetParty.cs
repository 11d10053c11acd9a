using LoiTracker.Api.Auth;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

public static class GetPartyEndpoint
{
    [WolverineGet("/api/parties/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<PartyDetails> Get(Guid id, IQuerySession session, CancellationToken token) =>
        PartyDetails.From(await session.LoadAsync<PartyView>(id, token) ?? throw new NotFound("Party", id));
}
