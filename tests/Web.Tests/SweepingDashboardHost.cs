namespace LoiTracker.Web.Tests;

/// <summary>
/// The dashboard host with an Api that sweeps alerts and seals the audit trail every second: the reference deal's overdue
/// alerts open, and its changes are sealed, within seconds.
/// </summary>
public sealed class SweepingDashboardHost()
    : DashboardHost(new Dictionary<string, string> { ["Alerts__SweepSeconds"] = "1", ["Audit__SealEverySeconds"] = "1" });
