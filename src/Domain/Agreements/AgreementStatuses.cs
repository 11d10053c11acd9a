namespace LoiTracker.Domain.Agreements;

/// <summary>The status a reader sees: the recorded lifecycle, or <c>Expired</c> once the expiry key date has passed.</summary>
public static class AgreementStatuses
{
    public const string Expired = "Expired";

    public static readonly string[] All = [.. Enum.GetNames<AgreementStatus>(), Expired];

    /// <summary>Signed or amended, and the expiry date has ended in the deadline zone: expired. Never stored: the clock decides.</summary>
    public static string Of(AgreementStatus status, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        status is AgreementStatus.Signed or AgreementStatus.Amended && expiresAt <= now ? Expired : status.ToString();
}
