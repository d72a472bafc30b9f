using System.Globalization;

namespace Valueweb.Features.Webhooks.Pages;

/// <summary>How the webhook pages put subscriptions and deliveries into words. UI text lives here, in one place.</summary>
public static class WebhookText
{
    public static string Status(bool active) => active ? "Active" : "Disabled";

    public static string State(string state) => state switch
    {
        "pending" => "Pending",
        "delivered" => "Delivered",
        "failed" => "Failed",
        _ => state,
    };

    /// <summary>What kind of attempt it was: the first, a retry on the schedule, or one an admin asked for.</summary>
    public static string AttemptKind(WebhookAttemptView a) => a.Redelivery ? "Redelivery" : a.Number == 1 ? "First attempt" : "Retry";

    public static string StatusCode(int? code) => code?.ToString(CultureInfo.InvariantCulture) ?? "—";

    public static string Duration(int milliseconds) => milliseconds < 1000
        ? milliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
        : (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The event-type patterns typed into the form: one per line or separated by commas, blanks left out.</summary>
    public static List<string> Patterns(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Audience(bool vendor) => vendor
        ? "It hears events about every partner and every part of the program."
        : "It hears only events about your own company's business, never another partner's.";

    public const string SecretWarning =
        "Copy it now and keep it in your receiving system: it will not be shown again. Valueweb keeps it encrypted and cannot show it to you later; "
        + "if it is lost, rotate the secret to get a new one.";

    public const string SecretUse =
        "Each delivery carries a Valueweb-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">) made with this secret; "
        + "your receiver checks it and refuses deliveries older than five minutes.";

    /// <summary>What a form sent again (after the subscription was made) says instead of showing the secret a second time.</summary>
    public static string AlreadyAdded(string url) =>
        $"This form was already sent: the subscription to {url} was added then, and its secret was shown once, at that moment. "
        + "If you did not copy it, rotate the secret on the subscription's page.";

    public static string Redelivered(Guid eventId) =>
        $"Redelivery queued: event {eventId} is sent again within moments, with the same event id. Its attempt appears in the log below once made.";

    public static string RotateConsequence(string url) =>
        $"A new secret replaces the current one at once: from the next delivery on, {url} must check signatures with the new secret, "
        + "and the current one signs nothing more. The new secret is shown once, on the next page.";

    public static string DisableConsequence(string url) =>
        $"{url} will hear no more events, for good: nothing new is delivered to it, deliveries waiting for a retry fail at their next attempt, "
        + "and none can be redelivered. A disabled subscription cannot be enabled again; to hear events again, add a new one.";
}
