using System.Globalization;
using System.Text;

namespace LoiTracker.Domain.Audit;

/// <summary>
/// A seal over the audit entries with a sequence above <see cref="AfterSequence"/> and up to <see cref="ThroughSequence"/>
/// (ADR 28): how many there were, and a digest chained to the seal before (<see cref="Previous"/>), signed with a key the
/// database does not hold.
/// </summary>
public sealed record Seal(long Number, long AfterSequence, long ThroughSequence, long Entries, byte[] Digest, byte[] Previous,
    DateTimeOffset SealedAt, string? KeyId, byte[]? Signature);

/// <summary>What the sealed entries hash to now, worked out again from the audit model and the events table.</summary>
public sealed record SealedNow(long Entries, byte[] Digest);

/// <summary>Why a seal no longer vouches for what it covers.</summary>
public enum SealProblem
{
    /// <summary>The entries it covers no longer hash to its digest: one was changed, added or removed, or its event was.</summary>
    EntriesChanged,
    /// <summary>It does not follow the seal before it: a seal was removed, reordered or rewritten.</summary>
    ChainBroken,
    /// <summary>Its signature does not match what it says, under the key it names.</summary>
    SignatureInvalid,
    /// <summary>It was made without a sealing key: only its digest vouches for it.</summary>
    Unsigned,
    /// <summary>It names a key other than this Api's: it cannot be checked here.</summary>
    OtherKey,
    /// <summary>A seal someone noted outside the database (an anchor) is gone or no longer has the digest noted.</summary>
    AnchorLost,
}

public static class Seals
{
    /// <summary>The digest the first seal chains to: 32 zero bytes.</summary>
    public static readonly byte[] Origin = new byte[32];

    /// <summary>
    /// The text a seal's signature is made over, in UTF-8: everything the seal says, so none of it can change unnoticed.
    /// Published with the public key, so anyone holding an export can check a seal without this code.
    /// </summary>
    public static byte[] Statement(Seal seal) => Encoding.UTF8.GetBytes(string.Join(' ',
        "loitracker-audit-seal/1",
        seal.Number.ToString(CultureInfo.InvariantCulture),
        seal.AfterSequence.ToString(CultureInfo.InvariantCulture),
        seal.ThroughSequence.ToString(CultureInfo.InvariantCulture),
        seal.Entries.ToString(CultureInfo.InvariantCulture),
        Convert.ToHexStringLower(seal.Previous),
        Convert.ToHexStringLower(seal.Digest),
        seal.SealedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)));

    public const string StatementFormat =
        "loitracker-audit-seal/1 {number} {afterSequence} {throughSequence} {entries} {previous, hex} {digest, hex} {sealedAt, UTC to the microsecond}";

    /// <summary>
    /// What is wrong with <paramref name="seal"/>, judged on what its entries hash to now, the seal before it (null for the
    /// first), and its signature (<paramref name="signatureValid"/>: null when it names another key or none). Empty: intact.
    /// </summary>
    public static IReadOnlyList<SealProblem> Check(Seal seal, SealedNow now, Seal? before, bool? signatureValid, string? currentKeyId)
    {
        var problems = new List<SealProblem>();
        if (now.Entries != seal.Entries || !now.Digest.AsSpan().SequenceEqual(seal.Digest)) problems.Add(SealProblem.EntriesChanged);
        var follows = before is null
            ? seal.Number == 1 && seal.AfterSequence == 0 && seal.Previous.AsSpan().SequenceEqual(Origin)
            : seal.Number == before.Number + 1 && seal.AfterSequence == before.ThroughSequence && seal.Previous.AsSpan().SequenceEqual(before.Digest);
        if (!follows || seal.ThroughSequence < seal.AfterSequence) problems.Add(SealProblem.ChainBroken);
        if (seal.Signature is null || seal.KeyId is null) problems.Add(SealProblem.Unsigned);
        else if (seal.KeyId != currentKeyId) problems.Add(SealProblem.OtherKey);
        else if (signatureValid != true) problems.Add(SealProblem.SignatureInvalid);
        return problems;
    }

    /// <summary>
    /// Checks a seal noted outside the database (its number and digest, say in an auditor's working papers) against the
    /// seal stored under that number now (null: none). The chain ties every later seal to it; the note is what shows that
    /// the newest seals were not removed together with what they covered, which no seal can show of itself.
    /// </summary>
    public static SealProblem? CheckAnchor(Seal? stored, byte[] notedDigest) =>
        stored is not null && stored.Digest.AsSpan().SequenceEqual(notedDigest) ? null : SealProblem.AnchorLost;

    /// <summary>Whether a problem means the record may have been altered (the others say only that a seal cannot be checked here).</summary>
    public static bool Breaks(SealProblem problem) =>
        problem is SealProblem.EntriesChanged or SealProblem.ChainBroken or SealProblem.SignatureInvalid or SealProblem.AnchorLost;
}
