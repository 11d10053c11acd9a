namespace LoiTracker.Web.Tests;

/// <summary>The dashboard host with an Api that sweeps alerts every second: the reference deal's overdue alerts open within seconds.</summary>
public sealed class SweepingDashboardHost() : DashboardHost(new Dictionary<string, string> { ["Alerts__SweepSeconds"] = "1" });
