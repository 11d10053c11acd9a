using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Alerts;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Calendar;

/// <summary>
/// The feed as a calendar client reads it (RFC 5545, ADR 20). Every event is all-day on its date. Its UID names the
/// milestone or the agreement's key date and never changes; its SEQUENCE counts the moves of its date, plus one once it
/// is cancelled, so it only ever grows. Cancelled (STATUS:CANCELLED) when the commitment ended before the milestone was
/// completed, or the agreement ended (superseded, terminated, abandoned); tentative while a milestone is pending on a
/// condition or anchor; completed milestones stay, confirmed, their description saying so. Open items carry a reminder
/// per alert lead time (<see cref="LeadTimes.Default"/>), so the inbox and the calendar agree.
/// </summary>
public sealed class CalendarFeed(string baseUrl, DateTimeOffset now)
{
    private readonly Ical.Net.Calendar _calendar = New();

    public int Count => _calendar.Events.Count;

    public static string MilestoneUid(Guid milestoneId) => $"milestone-{milestoneId}@loitracker";

    /// <summary>One per kind of key date; "other" ones, told apart by their note (as the agreement keeps them), by its hash.</summary>
    public static string KeyDateUid(Guid agreementId, KeyDate keyDate) => keyDate.Kind == KeyDateKind.Other
        ? $"keydate-{agreementId}-other-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AgreementView.KeyOf(keyDate))))[..12]}@loitracker"
        : $"keydate-{agreementId}-{Kebab(keyDate.Kind.ToString())}@loitracker";

    public void Add(ScheduledMilestone milestone, CommitmentView commitment, AgreementView? agreement)
    {
        var cancelled = milestone.State == MilestoneState.Closed;
        var link = $"{baseUrl}/api/commitments/{commitment.Id}";
        var description = new StringBuilder()
            .AppendLine($"Milestone of the commitment \"{commitment.Title}\" ({commitment.Workstream}), which is {Words(commitment.Status.ToString())}.");
        if (agreement is not null) description.AppendLine($"Agreement: {agreement.Title}.");
        if (milestone.CompletedOn is { } completed) description.AppendLine($"Completed on {completed:yyyy-MM-dd}.");
        else if (cancelled) description.AppendLine($"Cancelled: the commitment was {Words(commitment.Status.ToString())} before this milestone was completed.");
        else if (milestone.State == MilestoneState.Pending && milestone.PendingOn is { } pending) description.AppendLine($"Pending: {pending}.");
        if (milestone.Reschedules.Count > 0 && milestone.Reschedules[^1] is var last)
            description.AppendLine($"Rescheduled {Times(milestone.Reschedules.Count)}, last from {last.From:yyyy-MM-dd} to {last.To:yyyy-MM-dd}: {last.Reason}");
        description.Append(link);

        Add(MilestoneUid(milestone.Id), $"{milestone.Title} · {commitment.Title}", milestone.DueOn!.Value,
            milestone.Reschedules.Count + (cancelled ? 1 : 0),
            cancelled ? EventStatus.Cancelled : milestone.State == MilestoneState.Pending ? EventStatus.Tentative : EventStatus.Confirmed,
            description.ToString(), link, reminders: milestone.CompletedOn is null && !cancelled, "Milestone", commitment.Workstream);
    }

    public void Add(KeyDate keyDate, AgreementView agreement)
    {
        var ended = agreement.Ended is not null;
        var link = $"{baseUrl}/api/agreements/{agreement.Id}";
        var what = keyDate.Kind switch
        {
            KeyDateKind.ExclusivityEnds => "Exclusivity ends",
            KeyDateKind.LongStop => "Long-stop date",
            KeyDateKind.Expiry => "Expiry",
            KeyDateKind.NoticeDeadline => "Notice deadline",
            _ => keyDate.Note ?? "Key date"
        };
        var description = new StringBuilder().AppendLine($"{what} of the agreement \"{agreement.Title}\" ({Words(agreement.Status.ToString())}).");
        if (keyDate.Note is { Length: > 0 } note && keyDate.Kind != KeyDateKind.Other) description.AppendLine(note);
        if (ended) description.AppendLine($"Cancelled: the agreement was {Words(agreement.Status.ToString())}.");
        description.Append(link);

        Add(KeyDateUid(agreement.Id, keyDate), $"{what}: {agreement.Title}", keyDate.Date,
            agreement.KeyDateMoves.GetValueOrDefault(AgreementView.KeyOf(keyDate)) + (ended ? 1 : 0),
            ended ? EventStatus.Cancelled : EventStatus.Confirmed, description.ToString(), link, reminders: !ended, "Key date");
    }

    public string Serialize() => new CalendarSerializer().SerializeToString(_calendar)!;

    private void Add(string uid, string summary, DateOnly on, int sequence, string status, string description, string link, bool reminders,
        params string[] categories)
    {
        // A date outside the business range (stored by an older tool) would be a typing mistake in anyone's calendar: left out.
        if (BusinessDates.Problem(on) is not null) return;
        var item = new CalendarEvent
        {
            Uid = uid, Summary = summary, DtStart = new CalDateTime(on), DtEnd = new CalDateTime(on.AddDays(1)), Sequence = sequence,
            Status = status, Description = description, Url = new Uri(link), Transparency = TransparencyType.Transparent,
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId, true)
        };
        foreach (var category in categories.Where(c => c.Length > 0)) item.Categories.Add(category);
        if (reminders)
            foreach (var days in LeadTimes.Default)
                item.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display, Description = $"{summary}: due in {Times(days, "day")}",
                    Trigger = new Trigger(Duration.FromDays(-days))
                });
        _calendar.Events.Add(item);
    }

    private static Ical.Net.Calendar New()
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//LoiTracker//Calendar feed//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "LoiTracker");
        return calendar;
    }

    private static string Times(int n, string unit = "time") => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    /// <summary>"BreachNoticed" reads "breach noticed".</summary>
    private static string Words(string name) => Kebab(name).Replace('-', ' ');

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
