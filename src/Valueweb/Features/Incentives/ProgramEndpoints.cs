using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record RuleView(Guid Id, string Kind, string Name, Guid? ProductLineId, decimal? Rate, MoneyValue? Amount,
    DateOnly? WindowFrom, DateOnly? WindowTo, MoneyValue? Cap, string Summary);

public sealed record ProgramView(Guid Id, string Name, string Description, string Currency, DateOnly ValidFrom, DateOnly? ValidTo, int ClawbackDays,
    bool Active, IReadOnlyList<RuleView> Rules, IReadOnlyList<MultiplierInput> TierMultipliers, long Version);

/// <summary>
/// Incentive programs: everyone signed in reads them (partners are paid by rules they can read); vendor admins create and
/// edit them (If-Match), through <see cref="ProgramEditing"/> as the pages do.
/// </summary>
public static class ProgramEndpoints
{
    public static IEndpointRouteBuilder MapIncentiveProgramEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incentive-programs").WithTags("Incentives");
        group.MapGet("/", async (ValuewebDb db, CancellationToken ct) =>
        {
            var rows = await db.IncentivePrograms.AsNoTracking().AsSplitQuery().Include(p => p.Rules).Include(p => p.Multipliers)
                .OrderByDescending(p => p.Active).ThenBy(p => p.Name).Take(Paging.MaxLimit).ToListAsync(ct);
            var names = await ProductLineNamesAsync(db, ct);
            return TypedResults.Ok(new Page<ProgramView>(rows.Select(p => View(p, names)).ToList(), null));
        }).RequirePermission(Permission.SignedIn).Produces<Page<ProgramView>>();
        group.MapGet("/{id}", async (string id, ValuewebDb db, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var pid) || await ProgramEditing.LoadAsync(db, pid, ct) is not { } p) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(p.Version);
            return TypedResults.Ok(View(p, await ProductLineNamesAsync(db, ct)));
        }).RequirePermission(Permission.SignedIn).Produces<ProgramView>().ProducesProblem(404);
        group.MapPost("/", Create).RequirePermission(Permission.ManageIncentivePrograms).WithIdempotency()
            .Accepts<ProgramInput>("application/json").Produces<ProgramView>(201).ProducesValidationProblem();
        group.MapPut("/{id}", Update).RequirePermission(Permission.ManageIncentivePrograms)
            .Accepts<ProgramInput>("application/json").Produces<ProgramView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        var (input, bodyErrors) = await JsonBody.ReadAsync<ProgramInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (program, errors) = await SaveNewAsync(db, journal, input!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        request.HttpContext.Response.Headers.ETag = ETags.For(program!.Version);
        return TypedResults.Created($"/api/v1/incentive-programs/{program.Id}", View(program, await ProductLineNamesAsync(db, ct)));
    }

    private static async Task<IResult> Update(string id, HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var pid) || await ProgramEditing.LoadAsync(db, pid, ct) is not { } program) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (input, bodyErrors) = await JsonBody.ReadAsync<ProgramInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, stale) = await SaveAsync(db, journal, program, ETags.TryParse(header, out var v) ? v : -1, input!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        request.HttpContext.Response.Headers.ETag = ETags.For(program.Version);
        return TypedResults.Ok(View(program, await ProductLineNamesAsync(db, ct)));
    }

    public static async Task<(IncentiveProgram? Program, FieldErrors? Errors)> SaveNewAsync(ValuewebDb db, Journal journal, ProgramInput input, CancellationToken ct)
    {
        var errors = await ProgramEditing.ValidateAsync(db, input, ct);
        if (errors.Any) return (null, errors);
        var program = new IncentiveProgram { CreatedAt = journal.Now };
        ProgramEditing.Apply(program, input);
        db.IncentivePrograms.Add(program);
        journal.Audit("incentiveProgram.created", "incentiveProgram", program.Id, program.Name);
        await db.SaveChangesAsync(ct);
        return (program, null);
    }

    public static async Task<(FieldErrors? Errors, bool Stale)> SaveAsync(ValuewebDb db, Journal journal, IncentiveProgram program, long version, ProgramInput input, CancellationToken ct)
    {
        var errors = await ProgramEditing.ValidateAsync(db, input, ct);
        if (errors.Any) return (errors, false);
        if (program.Version != version) return (null, true);
        ProgramEditing.Apply(program, input);
        program.Version++;
        journal.Audit("incentiveProgram.changed", "incentiveProgram", program.Id, program.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, true);
        }
        return (null, false);
    }

    public static Task<Dictionary<Guid, string>> ProductLineNamesAsync(ValuewebDb db, CancellationToken ct) =>
        db.ProductLines.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);

    public static ProgramView View(IncentiveProgram p, IReadOnlyDictionary<Guid, string> lines) => new(p.Id, p.Name, p.Description, p.Currency, p.ValidFrom, p.ValidTo,
        p.ClawbackDays, p.Active, p.Rules.OrderBy(r => r.Position).Select(r => new RuleView(r.Id, ProgramEditing.KindName(r.Kind), r.Name, r.ProductLineId,
            r.Kind == IncentiveRuleKind.Percentage ? r.RatePpm / 10_000m : null,
            r.Kind == IncentiveRuleKind.Percentage ? null : new Money(r.AmountMinor, p.Currency).ToValue(),
            r.WindowFrom, r.WindowTo, r.CapMinor is { } cap ? new Money(cap, p.Currency).ToValue() : null, Summary(r, p.Currency, lines))).ToList(),
        p.Multipliers.Select(m => new MultiplierInput(m.TierId, m.Permille / 1000m)).ToList(), p.Version);

    /// <summary>The rule in one plain sentence, as partners read it.</summary>
    public static string Summary(IncentiveRule r, string currency, IReadOnlyDictionary<Guid, string> lines)
    {
        var scope = r.ProductLineId is { } pl ? $" with {lines.GetValueOrDefault(pl, "a product line")}" : "";
        var amount = IncentiveCalculator.Text(r.AmountMinor, currency);
        return r.Kind switch
        {
            IncentiveRuleKind.Percentage => $"{IncentiveCalculator.PercentText(r.RatePpm)} of the value of each won deal{scope}, times the tier's multiplier; the highest matching percentage applies.",
            IncentiveRuleKind.ReferralFee => $"{amount} to the partner who referred the customer when another partner wins a deal{scope}.",
            IncentiveRuleKind.Spiff => $"{amount} per deal{scope} won {(r.WindowFrom, r.WindowTo) switch
            {
                ({ } f, { } t) => $"from {f:yyyy-MM-dd} to {t:yyyy-MM-dd}",
                ({ } f, null) => $"from {f:yyyy-MM-dd}",
                (null, { } t) => $"until {t:yyyy-MM-dd}",
                _ => "while the program runs",
            }}{(r.CapMinor is { } cap ? $", up to {IncentiveCalculator.Text(cap, currency)} per partner" : "")}.",
            _ => $"{amount} for each registered and approved deal{scope} that is won.",
        };
    }
}
