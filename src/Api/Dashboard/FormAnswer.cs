namespace LoiTracker.Api.Dashboard;

/// <summary>
/// What a page keeps of a refused form: which form, the API's answer, and the values sent, so the form is shown again
/// with them and each field's messages beside it (ADR 22).
/// </summary>
public sealed class FormAnswer
{
    public string? Form { get; private set; }
    public ApiAnswer? Answer { get; private set; }
    private IFormCollection? _sent;

    public string? Message => Answer is null ? null : Answer.Status switch
    {
        409 => "Someone changed this record meanwhile: reload the page to see their change, then try again.",
        403 => "Your role or scope does not allow this.",
        _ => Answer.Detail is { Length: > 0 } detail ? $"{Answer.Title} {detail}" : Answer.Title ?? "The change was refused."
    };

    public void Refused(string form, ApiAnswer answer, IFormCollection sent) => (Form, Answer, _sent) = (form, answer, sent);

    public string? Errors(string form, string field) => Form == form && Answer is not null ? string.Join(" ", Answer.ErrorsFor(field)) : null;

    public string? Value(string form, string field) => Form == form ? _sent?[field].ToString() : null;

    /// <summary>An id the API answered with (201 <c>{ id, version }</c>).</summary>
    public static string? CreatedId(ApiAnswer answer) => answer.Body?["id"]?.GetValue<string>();
}
