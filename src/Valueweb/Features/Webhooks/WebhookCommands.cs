using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Webhooks;

/// <summary>
/// What the webhook API and the webhook pages both do to the caller's subscriptions: find one, check and add one, disable
/// it, rotate its secret, redeliver one of its deliveries. Each writes its audit entry. The owning organisation is the
/// caller's, never taken from the request; another organisation's subscription is not found, exactly like a missing one.
/// </summary>
public sealed partial class WebhookCommands(ValuewebDb db, CurrentActor current, Journal journal, WebhookSecrets secrets, WebhookAddressGuard guard)
{
    public const int MaxPatterns = 20;

    public const string PatternHint = "An event type (\"lead.accepted\"), a prefix (\"lead.*\") or \"*\".";

    [GeneratedRegex(@"^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*(\.\*)?)$")]
    private static partial Regex PatternShape();

    /// <summary>The caller's subscription with this id (tracked), or null for a malformed, missing or foreign id.</summary>
    public async Task<WebhookSubscription?> FindAsync(string? id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var sid)) return null;
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == sid, ct);
        // The tenant filter keeps other organisations' rows out already; the loaded row is checked again before use.
        return s is not null && s.OrganisationId == current.Required.OrganisationId ? s : null;
    }

    /// <summary>
    /// Checks a new subscription — the URL's form, then where its host resolves, then the event-type patterns — and adds
    /// it with its audit entry to the unit of work, which the caller saves. The answer carries the secret: show it once.
    /// </summary>
    public async Task<(WebhookWithSecret? Created, FieldErrors Errors)> AddAsync(string? url, IReadOnlyList<string>? eventTypes, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (guard.CheckForm(url, out var uri) is { } formRefusal) errors.Add("url", formRefusal);
        else if ((await guard.ResolveAsync(uri!.IdnHost, ct)).Refusal is { } refusal) errors.Add("url", refusal);
        var patterns = eventTypes ?? [];
        if (patterns.Count == 0) errors.Add("eventTypes", "At least one event type: \"lead.accepted\", a prefix such as \"lead.*\", or \"*\" for all.");
        else if (patterns.Count > MaxPatterns) errors.Add("eventTypes", $"At most {MaxPatterns} event types.");
        for (var i = 0; i < patterns.Count; i++)
            if (string.IsNullOrWhiteSpace(patterns[i]) || patterns[i].Length > 100 || !PatternShape().IsMatch(patterns[i]))
                errors.Add($"eventTypes[{i}]", PatternHint);
        if (errors.Any) return (null, errors);
        var secret = WebhookSecrets.New();
        var distinct = patterns.Distinct(StringComparer.Ordinal).ToList();
        var s = new WebhookSubscription
        {
            OrganisationId = current.Required.OrganisationId,
            Url = uri!.ToString(),
            EventTypes = string.Join(' ', distinct),
            Secret = secrets.Protect(secret),
            CreatedAt = journal.Now,
        };
        db.WebhookSubscriptions.Add(s);
        journal.Audit("webhook.created", "webhook", s.Id, $"{s.Url}: {s.EventTypes}");
        return (new WebhookWithSecret(s.Id, s.Url, distinct, s.Active, s.CreatedAt, secret), errors);
    }

    /// <summary>
    /// The subscription hears no more events, for good; deliveries still waiting for a retry fail at their next attempt.
    /// Saves. A disabled subscription stays as it is.
    /// </summary>
    public async Task DisableAsync(WebhookSubscription s, CancellationToken ct)
    {
        if (!s.Active) return;
        s.Active = false;
        s.Version++;
        journal.Audit("webhook.disabled", "webhook", s.Id, s.Url);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new signing secret, in force at once (the old one signs nothing more). Saves; the answer carries the secret: show it once.</summary>
    public async Task<WebhookWithSecret> RotateSecretAsync(WebhookSubscription s, CancellationToken ct)
    {
        var secret = WebhookSecrets.New();
        s.Secret = secrets.Protect(secret);
        s.SecretRotatedAt = journal.Now;
        s.Version++;
        journal.Audit("webhook.secretRotated", "webhook", s.Id, s.Url);
        await db.SaveChangesAsync(ct);
        return new WebhookWithSecret(s.Id, s.Url, WebhookViews.Patterns(s), s.Active, s.CreatedAt, secret);
    }

    /// <summary>
    /// Queues a new attempt of one of the subscription's deliveries, due now, with the same event id, and saves together
    /// with what <paramref name="alsoSave"/> adds for the delivery (a form's idempotency record). NotFound when the delivery
    /// is not this subscription's; Invalid when the subscription is disabled.
    /// </summary>
    public async Task<(CommandResult Result, WebhookDelivery? Delivery)> RedeliverAsync(WebhookSubscription s, string? deliveryId,
        Action<WebhookDelivery>? alsoSave, CancellationToken ct)
    {
        if (!Guid.TryParse(deliveryId, out var did)) return (CommandResult.NotFound, null);
        var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == did && x.SubscriptionId == s.Id, ct);
        if (d is null) return (CommandResult.NotFound, null);
        if (!s.Active) return (CommandResult.Invalid(new FieldErrors().Add("id", "The subscription is disabled.")), null);
        var now = journal.Now;
        d.State = WebhookDeliveryState.Pending;
        d.NextAttemptAt = now;
        db.Jobs.Add(WebhookDeliveryJob.For(d.Id, d.Attempts + 1, now, redelivery: true));
        journal.Audit("webhook.redelivered", "webhook", s.Id, $"delivery {d.Id}, event {d.EventId}");
        alsoSave?.Invoke(d);
        await db.SaveChangesAsync(ct);
        return (CommandResult.Done(s.Version), d);
    }
}
