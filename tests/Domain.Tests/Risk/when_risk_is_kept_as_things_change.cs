using CsCheck;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Risk;

namespace LoiTracker.Domain.Tests.Risk;

/// <summary>
/// The risk model the daemon keeps, change by change and clock move by clock move (<see cref="RiskGraph.Recompute"/>
/// from the changed commitments, or from those whose own dates the clock crossed), always holds what a plain
/// evaluation of the whole graph from scratch gives (<see cref="RiskGraph.Evaluate"/>): for random graphs, random
/// changes in random order and random moves of the clock.
/// </summary>
public sealed class when_risk_is_kept_as_things_change
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "Asia/Seoul", "America/Los_Angeles"];

    /// <summary>One commitment as generated: milestone due offsets (days from the start), an optional condition, a monthly quantity.</summary>
    private sealed record NodeSpec(int[] MilestoneDays, int? ConditionDays, bool Quantity, int Zone);

    /// <summary>A change: 0 reschedule, 1 complete, 2 add an edge, 3 remove an edge, 4 move the clock, 5 settle a condition, 6 close,
    /// 7 notice a breach, 8 deliver.</summary>
    private sealed record Change(int Kind, int A, int B, int Days);

    private static readonly Gen<NodeSpec> Nodes = Gen.Select(Gen.Int[-40, 80].Array[0, 3], Gen.Int[-20, 60].Nullable(), Gen.Bool, Gen.Int[0, 2],
        (m, c, q, z) => new NodeSpec(m, c, q, z));

    private static readonly Gen<Change> Changes = Gen.Select(Gen.Int[0, 8], Gen.Int[0, 11], Gen.Int[0, 11], Gen.Int[-30, 45],
        (k, a, b, d) => new Change(k, a, b, d));

    private static readonly Gen<(NodeSpec[] Nodes, (int From, int To, bool OnMilestone)[] Edges, Change[] Changes)> Scenarios =
        Gen.Select(Nodes.Array[2, 12], Gen.Select(Gen.Int[0, 11], Gen.Int[0, 11], Gen.Bool).Array[0, 20], Changes.Array[1, 40]);

    [Fact]
    public void the_kept_risk_always_equals_the_risk_worked_out_from_scratch()
    {
        Scenarios.Sample(scenario =>
        {
            var world = new World(scenario.Nodes);
            foreach (var (from, to, onMilestone) in scenario.Edges) world.Depend(from, to, onMilestone);
            world.Settle([.. world.Facts.Keys]);
            world.ShouldAgreeWithScratch("at the start");

            foreach (var change in scenario.Changes)
            {
                world.Apply(change);
                world.ShouldAgreeWithScratch($"after {change}");
            }
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void a_risk_reaches_down_a_chain_with_its_reasons_and_clears_when_the_cause_is_done()
    {
        var world = new World([new NodeSpec([10], null, false, 0), new NodeSpec([60], null, false, 0), new NodeSpec([90], null, false, 0)]);
        world.Depend(1, 0, false);
        world.Depend(2, 1, false);
        world.Settle([.. world.Facts.Keys]);
        world.Risk(2).Level.ShouldBe(RiskLevel.None);

        world.Apply(new Change(4, 0, 0, 12)); // the clock passes the first milestone's date

        world.Risk(0).Level.ShouldBe(RiskLevel.AtRisk);
        world.Risk(0).Reasons[0].Code.ShouldBe("milestone-overdue");
        world.Risk(2).Level.ShouldBe(RiskLevel.AtRisk);
        var reason = world.Risk(2).Reasons.ShouldHaveSingleItem();
        reason.Code.ShouldBe("depends-on-risk");
        reason.Chain.Select(l => l.Title).ShouldBe(["Commitment 2", "Commitment 1", "Commitment 0", "Milestone 0.0"]);
        reason.Summary.ShouldBe("Commitment 2 (Party 2) at risk: depends on Milestone 0.0 (Party 0), overdue (due 2026-03-11)");

        world.Apply(new Change(1, 0, 0, 0)); // it is completed

        world.Risk(2).Level.ShouldBe(RiskLevel.None);
        world.ShouldAgreeWithScratch("after completing");
    }

    [Fact]
    public void a_closed_commitment_carries_no_risk_and_passes_none_on()
    {
        var world = new World([new NodeSpec([-5], null, false, 0), new NodeSpec([60], null, false, 0)]);
        world.Depend(1, 0, false);
        world.Settle([.. world.Facts.Keys]);
        world.Risk(1).Level.ShouldBe(RiskLevel.AtRisk);

        world.Apply(new Change(6, 0, 0, 0));

        world.Risk(0).ShouldBe(NodeRisk.Nothing);
        world.Risk(1).Level.ShouldBe(RiskLevel.None);
    }

    /// <summary>An in-memory graph: facts changed by hand, risks kept by <see cref="RiskGraph.Recompute"/>.</summary>
    private sealed class World : IRiskGraphSource
    {
        public readonly Dictionary<Guid, CommitmentRiskFacts> Facts = [];
        private readonly Dictionary<Guid, NodeRisk> _risks = [];
        private readonly List<Guid> _ids = [];
        private DateTimeOffset _now = Start;

        public World(NodeSpec[] specs)
        {
            for (var i = 0; i < specs.Length; i++)
            {
                var id = new Guid(i + 1, (short)0, (short)0, new byte[8]);
                _ids.Add(id);
                var spec = specs[i];
                var zone = Zones[spec.Zone];
                Facts[id] = new CommitmentRiskFacts(id, $"Commitment {i}", $"Party {i}", false, zone, null,
                    [.. spec.MilestoneDays.Select((d, m) => Milestone(i, m, d, zone))],
                    spec.ConditionDays is { } c ? [Condition(i, c, zone)] : [],
                    spec.Quantity ? new RiskQuantity(new Quantity(100, "wafers", QuantityPer.Month, QuantityKind.AtLeast), new Dictionary<string, decimal>(), 0,
                        new DateOnly(2026, 1, 1)) : null,
                    []);
            }
        }

        private static RiskMilestone Milestone(int node, int index, int days, string zone)
        {
            var due = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(days);
            return new RiskMilestone(new Guid(node + 1, (short)(index + 1), (short)0, new byte[8]), $"Milestone {node}.{index}", due, BusinessCalendar.FallsDueAt(due, zone), false);
        }

        private static RiskCondition Condition(int node, int days, string zone)
        {
            var expected = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(days);
            return new RiskCondition(new Guid(node + 1, (short)0, (short)1, new byte[8]), $"Condition {node}", ConditionStatus.Open, expected,
                BusinessCalendar.FallsDueAt(expected, zone));
        }

        private Guid Id(int i) => _ids[i % _ids.Count];

        public NodeRisk Risk(int i) => _risks.GetValueOrDefault(Id(i)) ?? NodeRisk.Nothing;

        /// <summary>Commitment <paramref name="from"/> depends on <paramref name="to"/>, when that keeps the graph free of cycles (lower index only).</summary>
        public bool Depend(int from, int to, bool onMilestone)
        {
            from %= _ids.Count;
            to %= _ids.Count;
            if (to >= from) return false;
            var upstream = Facts[Id(to)];
            var milestone = onMilestone && upstream.Milestones.Count > 0 ? upstream.Milestones[0].Id : (Guid?)null;
            var edge = new RiskEdge(Guid.NewGuid(), upstream.Id, milestone);
            Facts[Id(from)] = Facts[Id(from)] with { Upstream = [.. Facts[Id(from)].Upstream, edge] };
            return true;
        }

        public void Apply(Change change)
        {
            var id = Id(change.A);
            var f = Facts[id];
            switch (change.Kind)
            {
                case 0 when f.Milestones.Count > 0:
                    var m = f.Milestones[0];
                    var moved = m.DueOn!.Value.AddDays(change.Days);
                    Change(id, f with { Milestones = [m with { DueOn = moved, FallsDueAt = BusinessCalendar.FallsDueAt(moved, f.TimeZone) }, .. f.Milestones.Skip(1)] });
                    break;
                case 1 when f.Milestones.Count > 0:
                    Change(id, f with { Milestones = [f.Milestones[0] with { Completed = true }, .. f.Milestones.Skip(1)] });
                    break;
                case 2:
                    if (Depend(change.A, change.B, change.Days % 2 == 0)) Settle([Id(change.A)]);
                    break;
                case 3 when f.Upstream.Count > 0:
                    Change(id, f with { Upstream = [.. f.Upstream.Skip(1)] });
                    break;
                case 4:
                    _now += TimeSpan.FromDays(Math.Abs(change.Days) + 1) + TimeSpan.FromHours(change.B);
                    // The sweep: what the clock alone moved (its own dates crossed), then what depends on it.
                    Settle([.. _risks.Where(r => r.Value.NextChangeAt is { } at && at <= _now).Select(r => r.Key)]);
                    break;
                case 5 when f.Conditions.Count > 0:
                    Change(id, f with { Conditions = [f.Conditions[0] with { Status = change.Days % 2 == 0 ? ConditionStatus.Failed : ConditionStatus.Satisfied }] });
                    break;
                case 6:
                    Change(id, f with { Closed = true });
                    break;
                case 7:
                    var cure = DateOnly.FromDateTime(_now.UtcDateTime).AddDays(Math.Abs(change.Days));
                    Change(id, f with { Breach = new RiskBreach(change.B % 3 == 0, cure, BusinessCalendar.FallsDueAt(cure, f.TimeZone)) });
                    break;
                case 8 when f.Quantity is { } q:
                    var period = q.Quantity.PeriodOf(BusinessCalendar.Today(_now, f.TimeZone).AddDays(-Math.Abs(change.Days)));
                    var byPeriod = new Dictionary<string, decimal>(q.DeliveredByPeriod);
                    byPeriod[period] = byPeriod.GetValueOrDefault(period) + 20 + change.B * 10;
                    // As the daemon routes a delivery: a change no dependent reads, worked out only when it can move the risk now.
                    Facts[id] = f with { Quantity = q with { DeliveredByPeriod = byPeriod, DeliveredTotal = q.DeliveredTotal + 20 + change.B * 10 } };
                    if (RiskRules.DeliveriesCanMove(q.Quantity, [period], f.TimeZone, _now)) Settle([], forThemselves: [id]);
                    break;
            }
        }

        private void Change(Guid id, CommitmentRiskFacts facts)
        {
            Facts[id] = facts;
            Settle([id]);
        }

        public void Settle(IReadOnlyCollection<Guid> changed, IReadOnlyCollection<Guid>? forThemselves = null)
        {
            foreach (var (id, risk) in RiskGraph.Recompute(changed, this, _now, forThemselves).GetAwaiter().GetResult()) _risks[id] = risk;
        }

        public void ShouldAgreeWithScratch(string when)
        {
            var scratch = RiskGraph.Evaluate(Facts, _now);
            foreach (var (id, expected) in scratch)
            {
                var kept = _risks.GetValueOrDefault(id) ?? NodeRisk.Nothing;
                kept.SameAs(expected).ShouldBeTrue($"{Facts[id].Title} {when} at {_now:O}: kept {Describe(kept)}, from scratch {Describe(expected)}");
            }
        }

        private static string Describe(NodeRisk risk) =>
            $"{risk.Level} [{string.Join("; ", risk.Reasons.Select(r => r.Summary))}] next {risk.NextChangeAt:O}";

        Task<IReadOnlyDictionary<Guid, CommitmentRiskFacts>> IRiskGraphSource.Facts(IReadOnlyCollection<Guid> ids) =>
            Task.FromResult<IReadOnlyDictionary<Guid, CommitmentRiskFacts>>(ids.Where(Facts.ContainsKey).ToDictionary(id => id, id => Facts[id]));

        Task<IReadOnlyDictionary<Guid, NodeRisk>> IRiskGraphSource.Risks(IReadOnlyCollection<Guid> ids) =>
            Task.FromResult<IReadOnlyDictionary<Guid, NodeRisk>>(ids.Where(_risks.ContainsKey).ToDictionary(id => id, id => _risks[id]));

        Task<IReadOnlyCollection<Guid>> IRiskGraphSource.Downstream(IReadOnlyCollection<Guid> ids) =>
            Task.FromResult<IReadOnlyCollection<Guid>>([.. Facts.Values.Where(f => f.Upstream.Any(e => ids.Contains(e.UpstreamCommitmentId))).Select(f => f.Id)]);
    }
}
