using System.Security.Cryptography;
using System.Text;
using LoiTracker.Domain.Audit;

namespace LoiTracker.Domain.Tests.Audit;

/// <summary>The rule that judges a seal of the audit trail (ADR 28), on its own: what it covers now, the seal before, its signature.</summary>
public sealed class when_a_seal_is_checked
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static Seal First => new(1, 0, 40, 40, Hash("first"), Seals.Origin, At, "key-a", [1]);
    private static Seal Second => new(2, 40, 90, 50, Hash("second"), Hash("first"), At.AddMinutes(1), "key-a", [2]);

    [Fact]
    public void a_seal_whose_entries_hash_as_sealed_that_follows_the_one_before_and_is_signed_has_nothing_wrong()
    {
        Seals.Check(First, new SealedNow(40, Hash("first")), before: null, signatureValid: true, "key-a").ShouldBeEmpty();
        Seals.Check(Second, new SealedNow(50, Hash("second")), First, signatureValid: true, "key-a").ShouldBeEmpty();
    }

    [Fact]
    public void entries_that_hash_otherwise_or_count_otherwise_are_a_change()
    {
        Seals.Check(Second, new SealedNow(50, Hash("edited")), First, true, "key-a").ShouldBe([SealProblem.EntriesChanged]);
        Seals.Check(Second, new SealedNow(49, Hash("second")), First, true, "key-a").ShouldBe([SealProblem.EntriesChanged]);
    }

    [Fact]
    public void a_seal_that_does_not_follow_the_one_before_breaks_the_chain()
    {
        var now = new SealedNow(50, Hash("second"));
        Seals.Check(Second, now, First with { Digest = Hash("rewritten") }, true, "key-a").ShouldBe([SealProblem.ChainBroken]);
        Seals.Check(Second, now, First with { ThroughSequence = 39 }, true, "key-a").ShouldBe([SealProblem.ChainBroken]);
        Seals.Check(Second, now, First with { Number = 0 }, true, "key-a").ShouldBe([SealProblem.ChainBroken]);
        // The first seal starts from nothing: sequence 0 and the origin digest.
        Seals.Check(Second, now, before: null, true, "key-a").ShouldBe([SealProblem.ChainBroken]);
    }

    [Fact]
    public void a_bad_signature_is_an_alteration_while_a_missing_one_or_another_key_only_cannot_be_checked_here()
    {
        var now = new SealedNow(40, Hash("first"));
        var invalid = Seals.Check(First, now, null, signatureValid: false, "key-a");
        invalid.ShouldBe([SealProblem.SignatureInvalid]);
        invalid.All(Seals.Breaks).ShouldBeTrue();

        var unsigned = Seals.Check(First with { KeyId = null, Signature = null }, now, null, null, "key-a");
        unsigned.ShouldBe([SealProblem.Unsigned]);
        Seals.Check(First, now, null, null, "key-b").ShouldBe([SealProblem.OtherKey]);
        unsigned.Any(Seals.Breaks).ShouldBeFalse();
        Seals.Breaks(SealProblem.OtherKey).ShouldBeFalse();
    }

    [Fact]
    public void the_signed_statement_names_everything_the_seal_says()
    {
        var statement = Encoding.UTF8.GetString(Seals.Statement(Second));
        statement.ShouldBe($"loitracker-audit-seal/1 2 40 90 50 {Convert.ToHexStringLower(Hash("first"))} {Convert.ToHexStringLower(Hash("second"))} " +
                           "2026-11-30T12:01:00.000000Z");
        Seals.Statement(Second with { Entries = 51 }).ShouldNotBe(Seals.Statement(Second));
    }

    [Fact]
    public void a_seal_noted_outside_must_still_be_there_with_the_digest_noted()
    {
        Seals.CheckAnchor(Second, Hash("second")).ShouldBeNull();
        Seals.CheckAnchor(Second, Hash("something else")).ShouldBe(SealProblem.AnchorLost);
        Seals.CheckAnchor(null, Hash("second")).ShouldBe(SealProblem.AnchorLost);
        Seals.Breaks(SealProblem.AnchorLost).ShouldBeTrue();
    }
}
