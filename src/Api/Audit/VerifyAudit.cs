using LoiTracker.Domain.Audit;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>A seal that no longer vouches for what it covers, and why, in words an auditor can put in a report.</summary>
public sealed record SealFinding(long Seal, long AfterSequence, long ThroughSequence, DateTimeOffset? SealedAt, string Problem, string Detail);

/// <summary>
/// What the verification found over the seals it checked (<c>from</c> to <c>through</c>): <c>intact</c> when none shows
/// an alteration, each one a finding; <c>signed</c> when every one of them carries a valid signature by this Api's key,
/// and how many could not be checked for that (<c>unsignedSeals</c>: made without a key; <c>otherKeySeals</c>: signed
/// with another). <c>unsealed</c> entries are above the last seal, not yet vouched for; <c>next</c> continues.
/// <c>anchor</c> is the last seal checked as <c>number:digest</c>: noted outside the database and given back later as
/// <c>?anchor=</c>, it shows that no seal up to it was removed since, which no seal can show of itself.
/// </summary>
public sealed record AuditVerification(bool Intact, bool Signed, string? KeyId, long From, long? Through, long Seals, long Entries,
    long? SealedThroughSequence, DateTimeOffset? SealedAt, long UnsignedSeals, long OtherKeySeals, long Unsealed,
    IReadOnlyList<SealFinding> Findings, string? Anchor, string? Next, DateTimeOffset? KnownUntil);

public static class VerifyAuditEndpoint
{
    /// <summary>At most about this many entries are hashed again per call: the rest is a <c>next</c> away.</summary>
    public const long EntriesPerCall = 100_000;

    /// <summary>
    /// Proves the audit trail was not edited (ADR 28): works out again what each seal's entries and their events hash to,
    /// checks that each seal follows the one before and that its signature holds, from seal <c>from</c> (1 by default)
    /// for about 100,000 entries; and, given <c>anchor</c> (<c>number:digest</c>, as an earlier answer gave it), that this
    /// seal is still there with that digest. For auditors and admins whose own access is not limited: it reads the whole
    /// record.
    /// </summary>
    [WolverineGet("/api/audit/verify"), Authorize(Policy = Can.Audit)]
    [Access.Scoped("auditors and admins whose own access is not limited")]
    public static async Task<AuditVerification> Get(long? from, string? anchor, IQuerySession session, Sealing sealing,
        Access.Visibility visibility, CancellationToken token)
    {
        await Access.UserScopes.MustBeUnlimited(visibility);
        if (from is < 1)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["from"] = ["Seals are numbered from 1."] });
        var noted = anchor is null ? ((long Number, byte[] Digest)?)null : Anchor(anchor);
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

        if (noted is { } note && Seals.CheckAnchor(await AuditSeals.Find(session, note.Number, token), note.Digest) is { } lost)
        {
            altered = true;
            findings.Add(new SealFinding(note.Number, 0, 0, null, Name(lost),
                $"Seal {note.Number} was noted with digest {Convert.ToHexStringLower(note.Digest)}; it is no longer there with that digest: " +
                "seals were removed or rewritten since it was noted."));
        }

        var last = seals.Count > 0 ? seals[^1].Seal : null;
        var next = last is not null && state.Last is not null && last.Number < state.Last.Number ? $"/api/audit/verify?from={last.Number + 1}" : null;
        return new AuditVerification(
            Intact: !altered,
            Signed: signed, KeyId: sealing.Key?.KeyId, From: first, Through: last?.Number, Seals: seals.Count,
            Entries: seals.Sum(s => s.Now.Entries), SealedThroughSequence: last?.ThroughSequence, SealedAt: last?.SealedAt,
            UnsignedSeals: unsigned, OtherKeySeals: otherKey, Unsealed: state.Unsealed, Findings: findings,
            Anchor: last is null ? null : $"{last.Number}:{Convert.ToHexStringLower(last.Digest)}", Next: next, KnownUntil: mark.KnownUntil);
    }

    /// <summary>An anchor as an answer gave it: the seal's number, a colon, its digest in 64 hex digits.</summary>
    private static (long Number, byte[] Digest) Anchor(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], out var number) && number >= 1 && parts[1].Length == 64
            && parts[1].All(Uri.IsHexDigit))
            return (number, Convert.FromHexString(parts[1]));
        throw new InvalidRequest(new Dictionary<string, string[]>
        {
            ["anchor"] = ["Give a seal as an earlier verification named it: its number, a colon, its digest in 64 hex digits."]
        });
    }

    private static string Name(SealProblem problem) => problem switch
    {
        SealProblem.EntriesChanged => "entries-changed",
        SealProblem.ChainBroken => "chain-broken",
        SealProblem.AnchorLost => "anchor-lost",
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
