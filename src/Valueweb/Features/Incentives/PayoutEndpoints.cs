using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record BuildBatchInput(string? Period);

public sealed record PayInput(string? Reference);

/// <summary>
/// Finance's payout batches: build (Idempotency-Key), read, approve and pay (If-Match; an Idempotency-Key makes a retry
/// answer what the first call answered), discard a draft, export CSV. Each step is one transaction (<see cref="Payouts"/>).
/// </summary>
public static class PayoutEndpoints
{
    public static IEndpointRouteBuilder MapPayoutEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/payout-batches").WithTags("Incentives").RequirePermission(Permission.ManagePayouts);
        group.MapPost("/", Build).WithIdempotency().Accepts<BuildBatchInput>("application/json").Produces<PayoutBatchView>(201).ProducesValidationProblem();
        group.MapGet("/", async (PayoutViews views, string? status, int? limit, string? cursor, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            if (status is not null && PayoutViews.ParseStatus(status) is null) errors.Add("status", "One of: draft, approved, paid, discarded.");
            var after = Paging.AfterId(cursor, errors);
            return errors.Any ? (IResult)Problems.Invalid(errors) : TypedResults.Ok(await views.ListAsync(status, Paging.Limit(limit), after, ct));
        }).Produces<Page<PayoutBatchView>>();
        group.MapGet("/{id}", async (string id, PayoutViews views, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var bid) || await views.DetailAsync(bid, ct) is not { } v) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(v.Version);
            return TypedResults.Ok(v);
        }).Produces<PayoutBatchView>().ProducesProblem(404);
        group.MapGet("/{id}/partners", async (string id, PayoutViews views, int? limit, string? cursor, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var bid) || await views.DetailAsync(bid, ct) is null) return (IResult)Problems.NotFound();
            var errors = new FieldErrors();
            var after = Paging.AfterId(cursor, errors);
            return errors.Any ? Problems.Invalid(errors) : TypedResults.Ok(await views.PartnersAsync(bid, Paging.Limit(limit), after, ct));
        }).Produces<Page<PayoutPartnerView>>().ProducesProblem(404);
        group.MapGet("/{id}/lines.csv", async (string id, PayoutViews views, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var bid) || await views.DetailAsync(bid, ct) is not { } v) return (IResult)Problems.NotFound();
            return Results.Stream(s => views.WriteLinesCsvAsync(bid, s, ct), "text/csv; charset=utf-8", $"payout-{v.Period}-{bid}.csv");
        }).Produces(200, contentType: "text/csv").ProducesProblem(404);
        Step(group, "approve", (p, id, v, _, after, ct) => p.ApproveAsync(id, v, after, ct));
        Step(group, "pay", async (p, id, v, req, after, ct) =>
        {
            var (body, errors) = req.ContentLength is > 0 || req.ContentType is not null ? await JsonBody.ReadAsync<PayInput>(req) : (null, null);
            return errors is not null ? CommandResult.Invalid(errors) : await p.PayAsync(id, v, body?.Reference, after, ct);
        });
        Step(group, "discard", (p, id, v, _, after, ct) => p.DiscardAsync(id, v, after, ct));
        return app;
    }


    private static async Task<IResult> Build(HttpRequest request, Payouts payouts, PayoutViews views, ValuewebDb db, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (input, bodyErrors) = await JsonBody.ReadAsync<BuildBatchInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        PayoutBatchView? view = null;
        try
        {
            var (result, id) = await payouts.BuildAsync(input!.Period, async batchId =>
            {
                view = await views.DetailAsync(batchId, ct);
                Idempotency.Record(db, idem, clock.GetUtcNow(), 201, $"/api/v1/payout-batches/{batchId}", JsonSerializer.Serialize(view, json.Value.SerializerOptions));
                await db.SaveChangesAsync(ct);
            }, ct);
            if (result.Outcome == CommandOutcome.Invalid) return Problems.Invalid(result.Errors!);
            request.HttpContext.Response.Headers.ETag = ETags.For(view!.Version);
            return TypedResults.Created($"/api/v1/payout-batches/{id}", view);
        }
        catch (DbUpdateException) when (idem.Key is not null)
        {
            return await ReplayWinnerAsync(db, idem, ct);
        }
    }

    private delegate Task<CommandResult> BatchStep(Payouts payouts, Guid id, long? version, HttpRequest request, Func<Task> beforeCommit, CancellationToken ct);

    /// <summary>A state change: 404 first, then If-Match (428), the body (400), the version (412) and the state (400).</summary>
    private static void Step(RouteGroupBuilder group, string name, BatchStep step)
    {
        group.MapPost("/{id}/" + name, async (string id, HttpRequest request, Payouts payouts, PayoutViews views, ValuewebDb db, IdempotencyContext idem,
            IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var bid) || !await db.PayoutBatches.AnyAsync(b => b.Id == bid, ct)) return Problems.NotFound();
            var header = request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
            PayoutBatchView? view = null;
            CommandResult result;
            try
            {
                result = await step(payouts, bid, ETags.TryParse(header, out var v) ? v : -1, request, async () =>
                {
                    view = await views.DetailAsync(bid, ct);
                    Idempotency.Record(db, idem, clock.GetUtcNow(), 200, "", JsonSerializer.Serialize(view, json.Value.SerializerOptions));
                    await db.SaveChangesAsync(ct);
                }, ct);
            }
            catch (DbUpdateException) when (idem.Key is not null)
            {
                return await ReplayWinnerAsync(db, idem, ct);
            }
            switch (result.Outcome)
            {
                case CommandOutcome.NotFound: return Problems.NotFound();
                case CommandOutcome.Conflict: return Problems.PreconditionRequired();
                case CommandOutcome.Stale: return Problems.PreconditionFailed();
                case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
            }
            request.HttpContext.Response.Headers.ETag = ETags.For(view!.Version);
            return TypedResults.Ok(view);
        }).WithIdempotency().Produces<PayoutBatchView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    private static async Task<IResult> ReplayWinnerAsync(ValuewebDb db, IdempotencyContext idem, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == idem.Key, ct);
        if (winner is null) throw new InvalidOperationException("A payout step failed to save and no earlier answer exists for its key.");
        return Idempotency.Replay(winner, idem);
    }
}
