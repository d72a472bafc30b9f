using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record StageSetting(string? Key, string? Name, int? Probability);

public sealed record RateSetting(string? Currency, decimal? Rate);

public sealed record DealRules(int ProtectionDays, string ExtensionRule, int ExtensionDays, int ReminderDays, double ConflictThreshold, string OwnDuplicates,
    string ReportingCurrency, IReadOnlyList<StageSetting> Stages, IReadOnlyList<RateSetting> CurrencyRates);

public sealed record DealRulesChange(int? ProtectionDays, string? ExtensionRule, int? ExtensionDays, int? ReminderDays, double? ConflictThreshold,
    string? OwnDuplicates, string? ReportingCurrency, List<StageSetting>? Stages, List<RateSetting>? CurrencyRates);

/// <summary>The program's rules of engagement: everyone in the program may read them; vendor admins change them.</summary>
public static class DealRulesEndpoints
{
    public static IEndpointRouteBuilder MapDealRulesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deal-rules").WithTags("Deal registration");
        group.MapGet("/", Get).RequirePermission(Permission.ReadDeals).Produces<DealRules>();
        group.MapPut("/", Put).RequirePermission(Permission.ManageProgram).Accepts<DealRulesChange>("application/json").Produces<DealRules>()
            .ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);
        app.MapGet("/api/v1/pipeline", PipelineReport).WithTags("Deal registration").RequirePermission(Permission.ReadDeals).Produces<PipelineReport>();
        return app;
    }

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static async Task<DealRules> ReadAsync(ValuewebDb db, CancellationToken ct)
    {
        var rules = await EngagementRules.LoadAsync(db, ct);
        var p = rules.Program;
        var rates = await db.CurrencyRates.AsNoTracking().OrderBy(r => r.Currency).ToListAsync(ct);
        return new DealRules(p.ProtectionDays, Name(p.ExtensionRule), p.ExtensionDays, p.ReminderDays, p.ConflictThreshold, Name(p.OwnDuplicates), p.ReportingCurrency,
            rules.Stages.Select(s => new StageSetting(s.Key, s.Name, s.Probability)).ToList(),
            rates.Select(r => new RateSetting(r.Currency, r.RateMicros / 1_000_000m)).ToList());
    }

    private static async Task<IResult> Get(ValuewebDb db, HttpContext http, CancellationToken ct)
    {
        var version = await db.Programs.OrderBy(p => p.Name).Select(p => p.Version).FirstOrDefaultAsync(ct);
        http.Response.Headers.ETag = ETags.For(version);
        return TypedResults.Ok(await ReadAsync(db, ct));
    }

    private static async Task<IResult> Put(HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        var program = await db.Programs.OrderBy(p => p.Name).FirstOrDefaultAsync(ct);
        if (program is null) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (change, bodyErrors) = await JsonBody.ReadAsync<DealRulesChange>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, stale) = await DealRulesEditing.ApplyAsync(db, journal, program, ETags.TryParse(header, out var v) ? v : -1, change!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        request.HttpContext.Response.Headers.ETag = ETags.For(program.Version);
        return TypedResults.Ok(await ReadAsync(db, ct));
    }

    private static async Task<IResult> PipelineReport(Pipeline pipeline, CurrentActor current, string? groupBy, Guid? partnerId, CancellationToken ct)
    {
        groupBy ??= "stage";
        if (!Deals.Pipeline.Groupings.Contains(groupBy)) return Problems.Invalid("groupBy", "One of: " + string.Join(", ", Deals.Pipeline.Groupings) + ".");
        var actor = current.Required;
        // A partner's forecast is its own business; registrations it only sees through referral credit are not in it.
        var scope = actor.IsVendor ? partnerId : actor.OrganisationId;
        return TypedResults.Ok(await pipeline.ReportAsync(groupBy, scope, ct));
    }
}
