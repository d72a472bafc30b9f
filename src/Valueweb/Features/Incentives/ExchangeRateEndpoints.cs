using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record RateInput(string? From, string? To, DateOnly? ValidFrom, decimal? Rate);

public sealed record RatesInput(List<RateInput?>? Rates);

public sealed record RateView(string From, string To, DateOnly ValidFrom, decimal Rate);

/// <summary>
/// Finance's exchange rates by date: a rate holds from its day until the next rate of the same pair. A won deal in another
/// currency than its program's is converted at the rate in force on its close date (else the inverse pair's).
/// </summary>
public static class ExchangeRateEndpoints
{
    public const int MaxRates = 500;

    public static IEndpointRouteBuilder MapExchangeRateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exchange-rates").WithTags("Incentives");
        group.MapGet("/", async (ValuewebDb db, string? from, string? to, CancellationToken ct) =>
        {
            var q = db.ExchangeRates.AsNoTracking();
            if (from is not null) q = q.Where(r => r.From == from);
            if (to is not null) q = q.Where(r => r.To == to);
            var rows = await q.OrderBy(r => r.From).ThenBy(r => r.To).ThenByDescending(r => r.ValidFrom).Take(MaxRates).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(View).ToList());
        }).RequirePermission(Permission.ReadEarnings).Produces<List<RateView>>();
        group.MapPut("/", async (HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct) =>
        {
            var (input, bodyErrors) = await JsonBody.ReadAsync<RatesInput>(request);
            if (bodyErrors is not null) return (IResult)Problems.Invalid(bodyErrors);
            var errors = await SaveAsync(db, journal, input!.Rates ?? [], ct);
            return errors is not null ? Problems.Invalid(errors) : TypedResults.NoContent();
        }).RequirePermission(Permission.ManagePayouts).Accepts<RatesInput>("application/json").Produces(204).ProducesValidationProblem();
        return app;
    }

    public static RateView View(ExchangeRate r) => new(r.From, r.To, r.ValidFrom, r.RateMicros / 1_000_000m);

    /// <summary>Adds the rates, replacing a pair's rate on the same day. Errors name the line ("rates[3].rate").</summary>
    public static async Task<FieldErrors?> SaveAsync(ValuewebDb db, Journal journal, List<RateInput?> rates, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (rates.Count == 0) errors.Add("rates", "At least one rate.");
        if (rates.Count > MaxRates) errors.Add("rates", $"At most {MaxRates} rates at once.");
        var seen = new HashSet<(string, string, DateOnly)>();
        for (var i = 0; i < Math.Min(rates.Count, MaxRates); i++)
        {
            var at = $"rates[{i}]";
            if (rates[i] is not { } r) { errors.Add(at, "Required."); continue; }
            if (!Money.IsCurrency(r.From)) errors.Add(at + ".from", "An ISO 4217 currency code in capitals, such as USD.");
            if (!Money.IsCurrency(r.To)) errors.Add(at + ".to", "An ISO 4217 currency code in capitals, such as EUR.");
            else if (r.From == r.To) errors.Add(at + ".to", "Must differ from the currency converted from.");
            if (r.ValidFrom is null) errors.Add(at + ".validFrom", "Required.");
            if (r.Rate is not { } rate) errors.Add(at + ".rate", "Required: units of the target currency per unit.");
            else if (rate <= 0 || rate > 1_000_000) errors.Add(at + ".rate", "Greater than 0 and at most 1,000,000.");
            else if (rate * 1_000_000 != decimal.Truncate(rate * 1_000_000)) errors.Add(at + ".rate", "At most 6 decimals.");
            if (r.From is not null && r.To is not null && r.ValidFrom is { } d && !seen.Add((r.From, r.To, d))) errors.Add(at, "This pair and day are listed twice.");
        }
        if (errors.Any) return errors;
        foreach (var r in rates)
        {
            var micros = (long)(r!.Rate!.Value * 1_000_000);
            var row = await db.ExchangeRates.FirstOrDefaultAsync(x => x.From == r.From && x.To == r.To && x.ValidFrom == r.ValidFrom, ct);
            if (row is null) db.ExchangeRates.Add(new ExchangeRate { From = r.From!, To = r.To!, ValidFrom = r.ValidFrom!.Value, RateMicros = micros });
            else row.RateMicros = micros;
        }
        journal.Audit("exchangeRates.changed", "exchangeRate", null, string.Join("; ", rates.Select(r => $"{r!.From}/{r.To} {r.ValidFrom:yyyy-MM-dd} {r.Rate}")));
        await db.SaveChangesAsync(ct);
        return null;
    }
}
