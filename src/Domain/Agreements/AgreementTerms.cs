namespace LoiTracker.Domain.Agreements;

public enum AgreementKind
{
    LetterOfIntent,
    MemorandumOfUnderstanding,
    TermSheet,
    DefinitiveAgreement,
    Amendment
}

public enum PartyRole
{
    Signatory,
    Guarantor,
    Observer,
    ThirdParty
}

/// <summary>The recorded lifecycle. <c>Expired</c> is not here: it is derived from the expiry key date and the clock.</summary>
public enum AgreementStatus
{
    Draft,
    Signed,
    Amended,
    Superseded,
    Terminated,
    Abandoned
}

public enum KeyDateKind
{
    ExclusivityEnds,
    LongStop,
    Expiry,
    NoticeDeadline,
    Other
}

public enum ProvisionAction
{
    Replace,
    Insert,
    Delete
}

/// <summary>On an amendment's provision: which provision of the parent it changes, and how.</summary>
public sealed record ProvisionAmends(string Ref, ProvisionAction Action);

/// <summary>A numbered clause. LOIs are mostly non-binding except confidentiality, exclusivity, governing law.</summary>
public sealed record Provision(string Ref, string Heading, string Text, bool Binding, bool Survives, ProvisionAmends? Amends = null);

public sealed record KeyDate(KeyDateKind Kind, DateOnly Date, string? Note);

public sealed record Signature(Guid PartyId, DateOnly SignedOn, string SignatoryName);

/// <summary>One provision of a parent as an amendment changed it: what it said before and after.</summary>
public sealed record ProvisionChange(string Ref, ProvisionAction Action, Provision? Before, Provision? After);
