using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

public sealed record LeadBatchRequest(IReadOnlyList<LeadInput>? Leads);

public sealed record LeadBatchItem(int Index, string Result, Guid? Id, string? Status);

public sealed record LeadBatchResult(int Created, int Duplicates, IReadOnlyList<LeadBatchItem> Items);

/// <summary>
/// Leads in through the API: one (<c>POST /api/v1/leads</c>: 201 when new, 200 with the known lead when its identity
/// was seen before) or a batch of up to <see cref="MaxBatch"/> (all checked first: any bad lead refuses the whole batch
/// with its <c>leads[n].field</c> errors; else one transaction). Both honour <c>Idempotency-Key</c>.
/// </summary>
public static class LeadIntakeEndpoints
{
    public const int MaxBatch = 1000;

    public static IEndpointRouteBuilder MapLeadIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/leads").WithTags("Leads");
        group.MapPost("/", Create).RequirePermission(Permission.ManageLeads).WithIdempotency()
            .Accepts<LeadInput>("application/json").Produces<LeadDetail>(201).Produces<LeadDetail>(200).ProducesValidationProblem();
        group.MapPost("/batch", Batch).RequirePermission(Permission.ManageLeads).WithIdempotency()
            .Accepts<LeadBatchRequest>("application/json").Produces<LeadBatchResult>(200).ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, LeadIntake intake, IdempotencyContext idem, TimeProvider clock, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.ReadAsync<LeadInput>(request);
        if (errors is not null) return Problems.Invalid(errors);
        var reference = await DealReferenceData.GetAsync(db, ct);
        errors = new FieldErrors();
        var lead = LeadInputValidation.Validate(body!, "api", reference, errors);
        if (lead is null) return Problems.Invalid(errors);
        var outcome = await TakeAsync(db, intake, [lead], batch: false, reference, idem, clock, ct);
        if (outcome.Replay is { } replay) return replay;
        var taken = outcome.Taken[0];
        var detail = await DetailAsync(db, taken.Lead.Id, ct);
        request.HttpContext.Response.Headers.Location = LeadViews.Location(taken.Lead.Id);
        request.HttpContext.Response.Headers.ETag = ETags.For(detail.Version);
        return taken.Created ? TypedResults.Created(LeadViews.Location(taken.Lead.Id), detail) : TypedResults.Ok(detail);
    }

    private static async Task<IResult> Batch(HttpRequest request, ValuewebDb db, LeadIntake intake, IdempotencyContext idem, TimeProvider clock, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.ReadAsync<LeadBatchRequest>(request);
        if (errors is not null) return Problems.Invalid(errors);
        if (body!.Leads is not { Count: > 0 } inputs) return Problems.Invalid("leads", "At least one lead.");
        if (inputs.Count > MaxBatch) return Problems.Invalid("leads", $"At most {MaxBatch} leads per batch; import larger files on the import page or with `valueweb import leads`.");
        var reference = await DealReferenceData.GetAsync(db, ct);
        errors = new FieldErrors();
        var leads = new List<Lead>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) { errors.Add($"leads[{i}]", "A lead object."); continue; }
            if (LeadInputValidation.Validate(inputs[i], "api", reference, errors, $"leads[{i}].") is { } lead) leads.Add(lead);
        }
        if (errors.Any) return Problems.Invalid(errors);
        var outcome = await TakeAsync(db, intake, leads, batch: true, reference, idem, clock, ct);
        if (outcome.Replay is { } replay) return replay;
        return TypedResults.Ok(Summary(outcome.Taken));
    }

    private static LeadBatchResult Summary(IReadOnlyList<IntakeOutcome> taken) => new(
        taken.Count(t => t.Created), taken.Count(t => !t.Created),
        taken.Select((t, i) => new LeadBatchItem(i, t.Created ? "created" : "duplicate", t.Lead.Id, LeadViews.StatusName(t.Lead.Status))).ToList());

    private sealed record TakeResult(IReadOnlyList<IntakeOutcome> Taken, IResult? Replay);

    /// <summary>
    /// One transaction for the whole request, with its idempotency record. Leads repeated within the request count
    /// once; a concurrent request that took the same lead first makes this one retry and find it known.
    /// </summary>
    private static async Task<TakeResult> TakeAsync(ValuewebDb db, LeadIntake intake, IReadOnlyList<Lead> leads, bool batch, DealReferenceData reference, IdempotencyContext idem,
        TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var rules = await LeadSettingsStore.LoadAsync(db, ct);
                var taken = new List<IntakeOutcome>(leads.Count);
                var seen = new Dictionary<string, Lead>(StringComparer.Ordinal);
                foreach (var lead in leads)
                {
                    if (seen.TryGetValue(lead.Identity, out var first)) { taken.Add(new IntakeOutcome(first, false)); continue; }
                    var outcome = await intake.TakeAsync(lead, rules, reference, ct);
                    seen[lead.Identity] = outcome.Lead;
                    taken.Add(outcome);
                }
                if (idem.Key is not null)
                {
                    var (status, body, location) = !batch
                        ? (taken[0].Created ? 201 : 200, "", LeadViews.Location(taken[0].Lead.Id))
                        : (200, JsonSerializer.Serialize(Summary(taken), JsonSerializerOptions.Web), "");
                    if (body.Length == 0)
                    {
                        await db.SaveChangesAsync(ct);
                        body = JsonSerializer.Serialize(await DetailAsync(db, taken[0].Lead.Id, ct), JsonSerializerOptions.Web);
                    }
                    Idempotency.Record(db, idem, clock.GetUtcNow(), status, location, body);
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new TakeResult(taken, null);
            }
            catch (Exception e) when (attempt < 3 && (e is DbUpdateException || LeadLoads.IsLockConflict(e)))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                intake.RolledBack();
                foreach (var lead in leads) lead.Round = 0;
                if (idem.Key is not null && await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == idem.Key, ct) is { } winner)
                    return new TakeResult([], Idempotency.Replay(winner, idem));
            }
        }
    }

    private static async Task<LeadDetail> DetailAsync(ValuewebDb db, Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Include(l => l.ProductLines).FirstAsync(l => l.Id == id, ct);
        var lineIds = lead.ProductLines.Select(p => p.ProductLineId).ToList();
        var lines = await db.ProductLines.Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var partner = lead.PartnerId is { } p
            ? await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => o.Id == p).Select(o => o.DisplayName).FirstOrDefaultAsync(ct) : null;
        return LeadViews.Build(lead, lines, partner);
    }
}
