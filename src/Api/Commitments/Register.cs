using System.Globalization;
using System.Security.Claims;
using System.Text;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Api.Milestones;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

public sealed record PartyRef(Guid PartyId, string Name, string? Group);

public sealed record AgreementRef(Guid Id, string Title, AgreementKind Kind, string Status, string TimeZone);

public sealed record NextMilestone(Guid Id, string Title, DateOnly? DueOn, string State, bool Illustrative);

/// <summary>
/// Deliveries against the quantity in the current period (in the agreement's time zone): utilisation for an
/// <c>up-to</c> quantity, the shortfall for <c>at-least</c> and <c>exactly</c>.
/// </summary>
public sealed record QuantityProgress(decimal Amount, string Unit, QuantityPer Per, QuantityKind Kind, IReadOnlyList<RampStep>? Ramp,
    string Period, decimal Delivered, decimal DeliveredTotal, decimal? Utilisation, decimal? Shortfall);

public sealed record RiskNode(string Kind, Guid Id, string Title);

public sealed record RiskReason(string Cause, string Summary, IReadOnlyList<RiskNode> Chain);

/// <summary>The register's risk column: its level and the reasons (the chain that caused it). Computed by the risk work; empty until then.</summary>
public sealed record RiskSummary(string? Level, IReadOnlyList<RiskReason> Reasons)
{
    public static readonly RiskSummary None = new(null, []);
}

public sealed record RegisterRow(
    Guid Id, long Version, string Title, AgreementRef Agreement, IReadOnlyList<PartyRef> Obligors, IReadOnlyList<PartyRef> Beneficiaries,
    string Workstream, bool Binding, CommitmentStatus Status, string? Owner, NextMilestone? NextMilestone, int OverdueCount,
    QuantityProgress? Quantity, Money? Value, RiskSummary Risk, LastChange? LastChange);

public sealed record ConditionRef(Guid Id, string Title, ConditionKind Kind, ConditionStatus Status, DateOnly? ExpectedBy, DateOnly? SettledOn);

public sealed record DependencyRef(Guid Id, string DependsOnKind, Guid DependsOnId, string DependsOnTitle, Guid DependsOnCommitmentId,
    string? Note, bool Illustrative);

public sealed record CommitmentLinkRef(Guid AgreementId, Guid CommitmentId);

public sealed record CommitmentDetails(
    Guid Id, long Version, string Title, string Terms, string? ProvisionRef, AgreementRef Agreement, IReadOnlyList<PartyRef> Obligors,
    IReadOnlyList<PartyRef> Beneficiaries, string Workstream, bool Binding, CommitmentStatus Status, string? Owner,
    QuantityProgress? Quantity, IReadOnlyDictionary<string, decimal> DeliveredByPeriod, int DeliveryCount, Money? Value,
    IReadOnlyList<ConditionRef> Conditions, IReadOnlyList<ScheduledMilestone> Milestones, IReadOnlyList<DeliveryView> RecentDeliveries,
    IReadOnlyList<DependencyRef> Dependencies, BreachView? Breach, StatusChange? Closed, CommitmentLinkRef? CarriedForwardTo,
    CommitmentLinkRef? CarriedOverFrom, IReadOnlyList<NoteView> Notes, RiskSummary Risk, DateTimeOffset MadeAt, string? MadeBy,
    LastChange? LastChange);

/// <summary>The register's filters (api.md), shared by the list and the CSV export.</summary>
public sealed record RegisterFilter(Guid? Party, Guid? Obligor, Guid? Beneficiary, string? Workstream, string? Status, bool? Binding,
    Guid? Agreement, bool? AtRisk, string? Q)
{
    public IQueryable<CommitmentView> Apply(IQueryable<CommitmentView> query)
    {
        if (Status is not null && !Enum.TryParse<CommitmentStatus>(Status, ignoreCase: true, out _))
            throw new InvalidRequest(new Dictionary<string, string[]>
                { ["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<CommitmentStatus>())}."] });

        if (Party is { } party) query = query.Where(c => c.Parties.Contains(party));
        if (Obligor is { } obligor) query = query.Where(c => c.Obligors.Contains(obligor));
        if (Beneficiary is { } beneficiary) query = query.Where(c => c.Beneficiaries.Contains(beneficiary));
        if (!string.IsNullOrWhiteSpace(Workstream)) query = query.Where(c => c.Workstream == Workstream.Trim());
        if (Status is not null)
        {
            var status = Enum.Parse<CommitmentStatus>(Status, ignoreCase: true);
            query = query.Where(c => c.Status == status);
        }
        if (Binding is { } binding) query = query.Where(c => c.Binding == binding);
        if (Agreement is { } agreement) query = query.Where(c => c.AgreementId == agreement);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            query = query.Where(c => c.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || c.Terms.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        // Risk is derived by the risk work; until it lands no commitment carries a risk level, so none is "at risk".
        if (AtRisk == true) query = query.Where(c => c.Id == Guid.Empty);
        return query.OrderBy(c => c.Workstream).ThenBy(c => c.Title).ThenBy(c => c.Id);
    }
}

public static class RegisterEndpoints
{
    /// <summary>The obligations register: every commitment with its parties, status, next milestone, deliveries and last change.</summary>
    [WolverineGet("/api/commitments"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<RegisterRow>> List(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream, string? status,
        bool? binding, Guid? agreement, bool? atRisk, string? q, int? page, int? pageSize, IQuerySession session, TimeProvider clock,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var filter = new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q);
        var results = await filter.Apply(session.Query<CommitmentView>()).ToPagedListAsync(paging.Page, paging.PageSize, token);
        return new PageOf<RegisterRow>(await Rows(session, [.. results], clock.GetUtcNow(), token), results.TotalItemCount, paging.Page,
            paging.PageSize);
    }

    /// <summary>The register as CSV, with the same filters, for the spreadsheet people will make anyway.</summary>
    [WolverineGet("/api/commitments/export.csv"), Authorize(Policy = Can.Read)]
    public static async Task<IResult> Export(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream, string? status, bool? binding,
        Guid? agreement, bool? atRisk, string? q, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var filter = new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q);
        var views = await filter.Apply(session.Query<CommitmentView>()).Take(50_000).ToListAsync(token);
        var rows = await Rows(session, [.. views], clock.GetUtcNow(), token);
        return Results.Text(RegisterCsv.Write(rows), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    [WolverineGet("/api/commitments/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<CommitmentDetails> Get(Guid id, IQuerySession session, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken token)
    {
        var batch = session.CreateBatchQuery();
        var viewing = batch.Load<CommitmentView>(id);
        var milestonesQuery = batch.Query<MilestoneView>().Where(m => m.CommitmentId == id).ToList();
        await batch.Execute(token);
        var recent = (await DeliveryEvents.Of(session, [id]).OrderByDescending(e => e.Version).Take(20).ToListAsync(token)).Select(DeliveryEvents.ToView).ToList();
        var view = await viewing ?? throw new NotFound("Commitment", id);
        var now = clock.GetUtcNow();

        var milestones = await Schedule.Resolve(session, [.. await milestonesQuery], now, token, new Dictionary<Guid, CommitmentView> { [id] = view });
        var agreement = await session.LoadAsync<AgreementView>(view.AgreementId, token);
        var parties = await Parties(session, [view], token);
        var conditions = await session.LoadManyAsync<ConditionView>(token, view.ConditionIds);
        var dependencies = await DependenciesOf(session, view, token);
        var privileged = user.May(Can.ReadPrivilegedNotes);
        var facts = await CurrentFacts.For(session, [id], token);
        var deliveries = facts.DeliveriesOf(id);

        return new CommitmentDetails(view.Id, facts.VersionOf(view), view.Title, view.Terms, view.ProvisionRef, AgreementOf(agreement, now),
            PartiesOf(view.Obligors, parties), PartiesOf(view.Beneficiaries, parties), view.Workstream, view.Binding, view.Status, view.Owner,
            Progress(view, deliveries, agreement, now), deliveries.ByPeriod, deliveries.Count, view.Value,
            [.. conditions.Select(c => new ConditionRef(c.Id, c.Title, c.Kind, c.Status, c.ExpectedBy, c.SettledOn))],
            [.. milestones.OrderBy(m => m.DueOn ?? DateOnly.MaxValue)], recent, dependencies, view.Breach, view.Closed,
            view.CarriedForwardToCommitment is { } to ? new CommitmentLinkRef(view.CarriedForwardToAgreement!.Value, to) : null,
            view.CarriedOverFromCommitment is { } from ? new CommitmentLinkRef(view.CarriedOverFromAgreement!.Value, from) : null,
            [.. view.Notes.Where(n => privileged || !n.Privileged)], RiskSummary.None, view.MadeAt, view.MadeBy, facts.LastChangeOf(view));
    }

    [WolverineGet("/api/commitments/{id}/deliveries"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<DeliveryView>> Deliveries(Guid id, int? page, int? pageSize, IQuerySession session, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        if (await session.LoadAsync<CommitmentView>(id, token) is null) throw new NotFound("Commitment", id);
        var total = await DeliveryEvents.Of(session, [id]).CountAsync(token);
        var events = await DeliveryEvents.Of(session, [id]).OrderByDescending(e => e.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(token);
        return new PageOf<DeliveryView>([.. events.Select(DeliveryEvents.ToView)], total, paging.Page, paging.PageSize);
    }

    /// <summary>Register rows for a page of commitments: names, agreements and milestone states read in three batched queries.</summary>
    public static async Task<IReadOnlyList<RegisterRow>> Rows(IQuerySession session, IReadOnlyList<CommitmentView> views, DateTimeOffset now,
        CancellationToken token)
    {
        if (views.Count == 0) return [];
        var ids = views.Select(v => v.Id).ToArray();
        var milestones = await session.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(ids)).ToListAsync(token);
        var scheduled = (await Schedule.Resolve(session, [.. milestones], now, token, views.ToDictionary(v => v.Id)))
            .ToLookup(m => m.CommitmentId);
        var agreements = (await session.LoadManyAsync<AgreementView>(token, views.Select(v => v.AgreementId).Distinct())).ToDictionary(a => a.Id);
        var parties = await Parties(session, views, token);
        var facts = await CurrentFacts.For(session, ids, token);

        return [.. views.Select(v =>
        {
            var agreement = agreements.GetValueOrDefault(v.AgreementId);
            var next = scheduled[v.Id].Where(m => m.State is not (MilestoneStates.Completed or MilestoneStates.Closed))
                .OrderBy(m => m.DueOn ?? DateOnly.MaxValue).FirstOrDefault();
            return new RegisterRow(v.Id, facts.VersionOf(v), v.Title, AgreementOf(agreement, now), PartiesOf(v.Obligors, parties),
                PartiesOf(v.Beneficiaries, parties), v.Workstream, v.Binding, v.Status, v.Owner,
                next is null ? null : new NextMilestone(next.Id, next.Title, next.DueOn, next.State, next.Illustrative),
                scheduled[v.Id].Count(m => m.State == MilestoneStates.Overdue), Progress(v, facts.DeliveriesOf(v.Id), agreement, now), v.Value,
                RiskSummary.None, facts.LastChangeOf(v));
        })];
    }

    public static QuantityProgress? Progress(CommitmentView view, DeliverySummary deliveries, AgreementView? agreement, DateTimeOffset now)
    {
        if (view.Quantity is not { } quantity) return null;
        var today = BusinessCalendar.Today(now, agreement?.TimeZone ?? "UTC");
        var period = quantity.PeriodOf(today);
        var amount = quantity.AmountOn(today);
        var delivered = quantity.Per == QuantityPer.Total ? deliveries.Total : deliveries.ByPeriod.GetValueOrDefault(period);
        return new QuantityProgress(amount, quantity.Unit, quantity.Per, quantity.Kind, quantity.Ramp, period, delivered, deliveries.Total,
            quantity.Kind == QuantityKind.UpTo ? Math.Round(delivered / amount, 4) : null,
            quantity.Kind != QuantityKind.UpTo ? Math.Max(0, amount - delivered) : null);
    }

    public static AgreementRef AgreementOf(AgreementView? agreement, DateTimeOffset now) => agreement is null
        ? new AgreementRef(Guid.Empty, "(unknown agreement)", AgreementKind.LetterOfIntent, "", "UTC")
        : new AgreementRef(agreement.Id, agreement.Title, agreement.Kind, Agreements.AgreementStatuses.Of(agreement, now), agreement.TimeZone);

    public static async Task<IReadOnlyDictionary<Guid, PartyView>> Parties(IQuerySession session, IEnumerable<CommitmentView> views,
        CancellationToken token)
    {
        var ids = views.SelectMany(v => v.Parties).Distinct().ToArray();
        return ids.Length == 0 ? new Dictionary<Guid, PartyView>() : (await session.LoadManyAsync<PartyView>(token, ids)).ToDictionary(p => p.Id);
    }

    public static List<PartyRef> PartiesOf(IEnumerable<Guid> ids, IReadOnlyDictionary<Guid, PartyView> parties) =>
        [.. ids.Select(id => parties.GetValueOrDefault(id) is { } p ? new PartyRef(id, p.Name, p.Group) : new PartyRef(id, "(unknown party)", null))];

    private static async Task<IReadOnlyList<DependencyRef>> DependenciesOf(IQuerySession session, CommitmentView view, CancellationToken token)
    {
        if (view.Dependencies.Count == 0) return [];
        var milestones = (await session.LoadManyAsync<MilestoneView>(token,
            view.Dependencies.Select(d => d.DependsOnMilestoneId).OfType<Guid>())).ToDictionary(m => m.Id);
        var commitmentIds = view.Dependencies.Select(d => d.DependsOnCommitmentId).OfType<Guid>().Concat(milestones.Values.Select(m => m.CommitmentId));
        var commitments = (await session.LoadManyAsync<CommitmentView>(token, commitmentIds.Distinct())).ToDictionary(c => c.Id);
        return [.. view.Dependencies.Select(d => d.DependsOnMilestoneId is { } mid && milestones.GetValueOrDefault(mid) is { } m
            ? new DependencyRef(d.Id, "milestone", mid, m.Title, m.CommitmentId, d.Note, d.Illustrative)
            : new DependencyRef(d.Id, "commitment", d.DependsOnCommitmentId ?? Guid.Empty,
                commitments.GetValueOrDefault(d.DependsOnCommitmentId ?? Guid.Empty)?.Title ?? "(unknown)", d.DependsOnCommitmentId ?? Guid.Empty,
                d.Note, d.Illustrative))];
    }
}

/// <summary>RFC 4180 CSV of register rows.</summary>
public static class RegisterCsv
{
    private static readonly string[] Header =
    [
        "id", "agreement", "obligors", "beneficiaries", "workstream", "title", "binding", "status", "owner", "next milestone",
        "next due", "next state", "overdue", "quantity", "unit", "per", "kind", "period", "delivered", "delivered total", "risk",
        "last changed at", "last changed by"
    ];

    public static string Write(IEnumerable<RegisterRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in rows)
            Line(csv, [
                r.Id.ToString(), r.Agreement.Title, string.Join("; ", r.Obligors.Select(p => p.Name)),
                string.Join("; ", r.Beneficiaries.Select(p => p.Name)), r.Workstream, r.Title, r.Binding ? "yes" : "no", r.Status.ToString(),
                r.Owner ?? "", r.NextMilestone?.Title ?? "", r.NextMilestone?.DueOn?.ToString("yyyy-MM-dd") ?? "", r.NextMilestone?.State ?? "",
                r.OverdueCount.ToString(CultureInfo.InvariantCulture), Number(r.Quantity?.Amount), r.Quantity?.Unit ?? "",
                r.Quantity?.Per.ToString().ToLowerInvariant() ?? "", Kind(r.Quantity?.Kind), r.Quantity?.Period ?? "", Number(r.Quantity?.Delivered),
                Number(r.Quantity?.DeliveredTotal), r.Risk.Level ?? "",
                r.LastChange?.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "", r.LastChange?.By ?? ""
            ]);
        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Kind(QuantityKind? kind) => kind switch
    {
        QuantityKind.UpTo => "up-to", QuantityKind.AtLeast => "at-least", QuantityKind.Exactly => "exactly", _ => ""
    };

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Escape));
        csv.Append("\r\n");
    }

    // Quote what needs it; a leading =, +, - or @ is neutralised so a spreadsheet never runs a cell as a formula.
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }
}
