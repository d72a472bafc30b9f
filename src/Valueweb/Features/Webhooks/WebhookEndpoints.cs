using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes);

/// <summary>
/// An organisation's webhooks: subscribe a URL to event types, list, disable, rotate the secret (the old one stops
/// signing at once), read the delivery log and redeliver. Another organisation's subscription answers 404.
/// The work itself is <see cref="WebhookCommands"/> and <see cref="WebhookViews"/>, shared with the pages.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequirePermission(Permission.ManageWebhooks);
        group.MapPost("/", Create).WithIdempotency().Accepts<CreateWebhookRequest>("application/json").Produces<WebhookWithSecret>(201).ProducesValidationProblem();
        group.MapGet("/", async (WebhookViews views, CancellationToken ct) =>
            TypedResults.Ok(new Page<WebhookView>(await views.ListAsync(ct), null)));
        group.MapGet("/{id}", async (string id, HttpResponse response, WebhookCommands commands, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            response.Headers.ETag = ETags.For(s.Version);
            return TypedResults.Ok(WebhookViews.View(s));
        });
        // Disabling and rotating take an optional If-Match: sent, it must name the version read; either way a change
        // made at the same moment by someone else is a 412, never a lost update (disabling twice is no change).
        group.MapDelete("/{id}", async (string id, HttpRequest request, WebhookCommands commands, ValuewebDb db, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            if (Stale(request, s)) return Problems.PreconditionFailed();
            try
            {
                await commands.DisableAsync(s, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return await commands.FindAsync(id, ct) is { Active: false } ? TypedResults.NoContent() : Problems.PreconditionFailed();
            }
            return TypedResults.NoContent();
        });
        group.MapPost("/{id}/rotate-secret", async (string id, HttpRequest request, HttpResponse response, WebhookCommands commands, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            if (Stale(request, s)) return Problems.PreconditionFailed();
            try
            {
                var rotated = await commands.RotateSecretAsync(s, ct);
                response.Headers.ETag = ETags.For(s.Version);
                return TypedResults.Ok(rotated);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Rotated or disabled by someone else meanwhile: the secret this call made was never in force.
                return Problems.PreconditionFailed();
            }
        });
        group.MapGet("/{id}/deliveries", async (string id, string? cursor, int? limit, WebhookCommands commands, WebhookViews views, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            return await views.DeliveriesAsync(s, cursor, limit, ct) is { } page ? TypedResults.Ok(page) : Problems.Invalid("cursor", WebhookViews.BadCursor);
        });
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", async (string id, string deliveryId, WebhookCommands commands, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            var (result, d) = await commands.RedeliverAsync(s, deliveryId, null, ct);
            return result.Outcome switch
            {
                CommandOutcome.Done => (IResult)TypedResults.Accepted($"/api/v1/webhooks/{s.Id}/deliveries", WebhookViews.DeliveryView(d!, [])),
                CommandOutcome.Invalid => Problems.Invalid(result.Errors!),
                _ => Problems.NotFound(),
            };
        });
        return app;
    }

    private static bool Stale(HttpRequest request, WebhookSubscription s)
    {
        var header = request.Headers.IfMatch.ToString();
        return header.Length > 0 && (!ETags.TryParse(header, out var version) || version != s.Version);
    }

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, WebhookCommands commands, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, IDataProtectionProvider protection, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<CreateWebhookRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (created, errors) = await commands.AddAsync(body!.Url, body.EventTypes, ct);
        if (created is null) return Problems.Invalid(errors);
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/webhooks/{created.Id}", created, ct, Idempotency.Sealer(protection));
    }
}
