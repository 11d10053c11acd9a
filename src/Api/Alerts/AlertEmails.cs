using System.Text;
using LoiTracker.Domain.Alerts;
using LoiTracker.Projections.Alerts;
using MimeKit;

namespace LoiTracker.Api.Alerts;

/// <summary>What an alert email says: an overdue notice for one alert, or the day's digest for one subscriber.</summary>
public static class AlertEmails
{
    /// <summary>The rules a notice goes out for at once: the date has passed.</summary>
    public static readonly string[] Urgent = [AlertRuleNames.Overdue, AlertRuleNames.CurePassed, AlertRuleNames.ConditionLate];

    public static bool IsUrgent(AlertView alert) => Urgent.Contains(alert.Rule);

    /// <summary>Stable per alert and recipient, whichever run or process sends it: a receiver can drop a second copy.</summary>
    public static string NoticeMessageId(Guid alertId, AlertSubscriber to) => $"alert-{alertId:N}-{to.Hash}@loitracker";

    public static string DigestMessageId(DateOnly day, AlertSubscriber to) => $"digest-{day:yyyyMMdd}-{to.Hash}@loitracker";

    public static MimeMessage Notice(AlertView alert, AlertSubscriber to, string from)
    {
        var body = new StringBuilder()
            .AppendLine(alert.WhatToDo).AppendLine()
            .AppendLine($"Item: {alert.Title}")
            .AppendLine($"Due: {alert.DueOn:yyyy-MM-dd}")
            .AppendLine($"Alert: {What(alert)}, raised {alert.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({alert.Id})");
        return Message(from, to, NoticeMessageId(alert.Id, to), $"LoiTracker: {What(alert)}: {alert.Title}", body.ToString());
    }

    public static MimeMessage Digest(DateOnly day, IReadOnlyList<AlertView> alerts, AlertSubscriber to, string from)
    {
        var urgent = alerts.Count(IsUrgent);
        var body = new StringBuilder().AppendLine($"Alerts open on {day:yyyy-MM-dd}, the most urgent first:").AppendLine();
        foreach (var alert in alerts.OrderBy(a => IsUrgent(a) ? 0 : 1).ThenBy(a => a.DueOn ?? DateOnly.MaxValue).ThenBy(a => a.Title))
        {
            body.AppendLine($"- [{What(alert)}] {alert.Title}{(alert.DueOn is { } due ? $" (due {due:yyyy-MM-dd})" : "")}")
                .AppendLine($"  {alert.WhatToDo}");
            if (alert.State == AlertStates.Acknowledged)
                body.AppendLine($"  Acknowledged by {alert.AcknowledgedBy ?? "someone"} on {alert.AcknowledgedAt?.UtcDateTime:yyyy-MM-dd}.");
        }
        var subject = $"LoiTracker: {alerts.Count} open alert{(alerts.Count == 1 ? "" : "s")}, {urgent} overdue ({day:yyyy-MM-dd})";
        return Message(from, to, DigestMessageId(day, to), subject, body.ToString());
    }

    private static string What(AlertView alert) => alert.Rule switch
    {
        AlertRuleNames.Overdue when alert.ItemKind == AlertItemKinds.KeyDate => "key date passed",
        AlertRuleNames.Overdue => "overdue",
        AlertRuleNames.ConditionLate => "condition late",
        AlertRuleNames.CurePassed => "cure deadline passed",
        AlertRuleNames.CureDueSoon => "cure due soon",
        AlertRuleNames.DueSoon => alert.LeadDays is { } days ? $"due in {days} day{(days == 1 ? "" : "s")}" : "due soon",
        AlertRuleNames.RiskRaised => "at risk",
        _ => alert.Rule
    };

    private static MimeMessage Message(string from, AlertSubscriber to, string messageId, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to.Address));
        return message;
    }
}
