namespace LoiTracker.Domain.Access;

/// <summary>
/// One limit on what a user sees and changes: the parties and agreements it is limited to. A commitment passes when
/// one of its parties is among <see cref="Parties"/> or its agreement among <see cref="Agreements"/>; an agreement
/// when it is one of <see cref="Agreements"/> or one of its parties is among <see cref="Parties"/>.
/// </summary>
public sealed record Restriction(IReadOnlySet<Guid> Parties, IReadOnlySet<Guid> Agreements)
{
    public static Restriction Of(IEnumerable<Guid> parties, IEnumerable<Guid> agreements) => new(parties.ToHashSet(), agreements.ToHashSet());

    public bool Empty => Parties.Count == 0 && Agreements.Count == 0;

    public bool AllowsAgreement(Guid agreementId, IEnumerable<Guid> partyIds) =>
        Agreements.Contains(agreementId) || partyIds.Any(Parties.Contains);

    public bool AllowsCommitment(Guid agreementId, IEnumerable<Guid> partyIds) =>
        Agreements.Contains(agreementId) || partyIds.Any(Parties.Contains);

    /// <summary>A party passes when it is named, or is on an agreement the user sees (the counterparties of its deals).</summary>
    public bool AllowsParty(Guid partyId, IReadOnlySet<Guid> partiesOnVisibleAgreements) =>
        Parties.Contains(partyId) || partiesOnVisibleAgreements.Contains(partyId);
}

/// <summary>
/// What a user may see and change, beyond what its roles allow: nothing narrower than its roles when unrestricted, else
/// what passes <em>every</em> restriction (one from the identity provider's claims, one an admin assigned: each can only
/// narrow, never widen, what the other allows). Anything that does not pass is, to this user, not there at all.
/// </summary>
public sealed record Scope(IReadOnlyList<Restriction> Restrictions)
{
    public static readonly Scope Unlimited = new([]);

    public bool Unrestricted => Restrictions.Count == 0;

    /// <summary>The scope of a user with these restrictions (absent ones ignored); an empty restriction sees nothing.</summary>
    public static Scope Of(params Restriction?[] restrictions) => new([.. restrictions.OfType<Restriction>()]);

    public bool SeesAgreement(Guid agreementId, IEnumerable<Guid> partyIds)
    {
        var parties = partyIds as IReadOnlyCollection<Guid> ?? [.. partyIds];
        return Restrictions.All(r => r.AllowsAgreement(agreementId, parties));
    }

    public bool SeesCommitment(Guid agreementId, IEnumerable<Guid> partyIds)
    {
        var parties = partyIds as IReadOnlyCollection<Guid> ?? [.. partyIds];
        return Restrictions.All(r => r.AllowsCommitment(agreementId, parties));
    }

    public bool SeesParty(Guid partyId, IReadOnlySet<Guid> partiesOnVisibleAgreements) =>
        Restrictions.All(r => r.AllowsParty(partyId, partiesOnVisibleAgreements));
}
