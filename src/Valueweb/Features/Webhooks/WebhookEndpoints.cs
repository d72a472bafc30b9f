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
        group.MapGet("/{id}", async (string id, WebhookCommands commands, CancellationToken ct) =>
            await commands.FindAsync(id, ct) is { } s ? (IResult)TypedResults.Ok(WebhookViews.View(s)) : Problems.NotFound());
        group.MapDelete("/{id}", async (string id, WebhookCommands commands, CancellationToken ct) =>
        {
            if (await commands.FindAsync(id, ct) is not { } s) return (IResult)Problems.NotFound();
            await commands.DisableAsync(s, ct);
            return TypedResults.NoContent();
        });
        group.MapPost("/{id}/rotate-secret", async (string id, WebhookCommands commands, CancellationToken ct) =>
            await commands.FindAsync(id, ct) is { } s ? (IResult)TypedResults.Ok(await commands.RotateSecretAsync(s, ct)) : Problems.NotFound());
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

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, WebhookCommands commands, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<CreateWebhookRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (created, errors) = await commands.AddAsync(body!.Url, body.EventTypes, ct);
        if (created is null) return Problems.Invalid(errors);
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/webhooks/{created.Id}", created, ct);
    }
}
