using System.ComponentModel;

namespace LoiTracker.Api.Overview;

/// <summary>The overview reads the views the other features keep: it has nothing of its own to configure.</summary>
[Description("The overview: open commitments by party and workstream, overdue and soon-due milestones, risk levels and last week's changes, each counted with the list behind it (ADR 26).")]
public static class Configuration;
