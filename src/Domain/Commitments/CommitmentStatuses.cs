namespace LoiTracker.Domain.Commitments;

/// <summary>The statuses grouped as people ask for them: "open" is what still runs (the overview counts it, the register filters by it).</summary>
public static class CommitmentStatuses
{
    /// <summary>The register's word for <see cref="Open"/> in <c>?status=</c>.</summary>
    public const string OpenFilter = "open";

    /// <summary>Still running: proposed, active or under a breach notice.</summary>
    public static readonly CommitmentStatus[] Open = [CommitmentStatus.Proposed, CommitmentStatus.Active, CommitmentStatus.BreachNoticed];

    public static bool IsOpen(CommitmentStatus status) => Open.Contains(status);

    /// <summary>What <c>?status=</c> on the register accepts: each status by name, or <c>open</c>.</summary>
    public static readonly string[] All = [.. Enum.GetNames<CommitmentStatus>(), OpenFilter];
}
