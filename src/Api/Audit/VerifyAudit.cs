using LoiTracker.Domain.Audit;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>A seal that no longer vouches for what it covers, and why, in words an auditor can put in a report.</summary>
public sealed record SealFinding(long Seal, long AfterSequence, long ThroughSequence, DateTimeOffset SealedAt, string Problem, string Detail);

/// <summary>
/// What the verification found over the seals it checked (<c>from</c> to <c>through</c>): <c>intact</c> when none shows
/// an alteration, each one a finding; <c>signed</c> when every one of them carries a valid signature by this Api's key,
/// and how many could not be checked for that (<c>unsignedSeals</c>: made without a key; <c>otherKeySeals</c>: signed
/// with another). <c>unsealed</c> entries are above the last seal, not yet vouched for; <c>next</c> continues.
/// </summary>
public sealed record AuditVerification(bool Intact, bool Signed, string? KeyId, long From, long? Through, long Seals, long Entries,
    long? SealedThroughSequence, DateTimeOffset? SealedAt, long UnsignedSeals, long OtherKeySeals, long Unsealed,
    IReadOnlyList<SealFinding> Findings, string? Next, DateTimeOffset? KnownUntil);

public static class VerifyAuditEndpoint
{
    /// <summary>At most about this many entries are hashed again per call: the rest is a <c>next</c> away.</summary>
    public const long EntriesPerCall = 100_000;

    /// <summary>
    /// Proves the audit trail was not edited (ADR 28): works out again what each seal's entries and their events hash to,
    /// checks that each seal follows the one before and that its signature holds, from seal <c>from</c> (1 by default)
    /// for about 100,000 entries. For auditors and admins whose own access is not limited: it reads the whole record.
    /// </summary>
    [WolverineGet("/api/audit/verify"), Authorize(Policy = Can.Audit)]
    [Access.Scoped("auditors and admins whose own access is not limited")]
    public static async Task<AuditVerification> Get(long? from, IQuerySession session, Sealing sealing, Access.Visibility visibility,
        CancellationToken token)
    {
        await Access.UserScopes.MustBeUnlimited(visibility);
        if (from is < 1)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["from"] = ["Seals are numbered from 1."] });
        var first = from ?? 1;
        var mark = await AuditCopy.Read(session, token);
        var state = await AuditSeals.State(session, token);
        var (before, seals) = await AuditSeals.Check(session, first, EntriesPerCall, token);

        var findings = new List<SealFinding>();
        var signed = seals.Count > 0;
        var altered = false;
        long unsigned = 0, otherKey = 0;
        var previous = before;
        foreach (var (seal, now) in seals)
        {
            var signatureValid = sealing.Key is { } key && seal.KeyId == key.KeyId && seal.Signature is { } signature
                ? key.Verifies(Seals.Statement(seal), signature)
                : (bool?)null;
            var problems = Seals.Check(seal, now, previous, signatureValid, sealing.Key?.KeyId);
            signed &= !problems.Any(p => p is SealProblem.Unsigned or SealProblem.OtherKey or SealProblem.SignatureInvalid);
            altered |= problems.Any(Seals.Breaks);
            unsigned += problems.Contains(SealProblem.Unsigned) ? 1 : 0;
            otherKey += problems.Contains(SealProblem.OtherKey) ? 1 : 0;
            // Alterations are findings, seal by seal; a seal that merely cannot be checked here is counted, not listed.
            findings.AddRange(problems.Where(Seals.Breaks).Select(p => new SealFinding(seal.Number, seal.AfterSequence, seal.ThroughSequence,
                seal.SealedAt, Name(p), Explain(p, seal, now))));
            previous = seal;
        }
        // A first seal asked for that is not there, while there are seals: the chain's start is missing.
        if (seals.Count == 0 && first == 1 && state.Last is not null)
        {
            altered = true;
            findings.Add(new SealFinding(1, 0, 0, state.Last.SealedAt, Name(SealProblem.ChainBroken), "Seal 1 is missing: the chain has no start."));
        }

        var last = seals.Count > 0 ? seals[^1].Seal : null;
        var next = last is not null && state.Last is not null && last.Number < state.Last.Number ? $"/api/audit/verify?from={last.Number + 1}" : null;
        return new AuditVerification(
            Intact: !altered,
            Signed: signed, KeyId: sealing.Key?.KeyId, From: first, Through: last?.Number, Seals: seals.Count,
            Entries: seals.Sum(s => s.Now.Entries), SealedThroughSequence: last?.ThroughSequence, SealedAt: last?.SealedAt,
            UnsignedSeals: unsigned, OtherKeySeals: otherKey, Unsealed: state.Unsealed, Findings: findings, Next: next, KnownUntil: mark.KnownUntil);
    }

    private static string Name(SealProblem problem) => problem switch
    {
        SealProblem.EntriesChanged => "entries-changed",
        SealProblem.ChainBroken => "chain-broken",
        _ => "signature-invalid",
    };

    private static string Explain(SealProblem problem, Seal seal, SealedNow now) => problem switch
    {
        SealProblem.EntriesChanged => now.Entries == seal.Entries
            ? $"The {seal.Entries} entries sealed (sequence {seal.AfterSequence + 1} to {seal.ThroughSequence}) no longer hash to the sealed digest: " +
              "an entry, or the event it records, was changed."
            : $"{seal.Entries} entries were sealed (sequence {seal.AfterSequence + 1} to {seal.ThroughSequence}); {now.Entries} are there now: " +
              "entries or their events were added or removed.",
        SealProblem.ChainBroken => "The seal does not follow the seal before it: a seal was removed, rewritten or put out of order.",
        _ => $"The signature does not match what the seal says, under key {seal.KeyId}: the seal was rewritten.",
    };
}
