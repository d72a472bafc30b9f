using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Catalog;

public sealed record ProductLineRequest(string? Code, string? Name, bool? Active);

public sealed record TierView(Guid Id, string Name, int Rank);

public sealed record ProgramView(Guid Id, string Name, int ApplicationReviewDays, IReadOnlyList<TierView> Tiers);

public sealed record TierInput(Guid? Id, string? Name, int? Rank);

public sealed record ProgramChange(string? Name, int? ApplicationReviewDays, IReadOnlyList<TierInput?>? Tiers);

/// <summary>The vendor's catalog of product lines and its program with tiers: data vendor admins edit.</summary>
public static class ProgramEndpoints
{
    public static IEndpointRouteBuilder MapProgramEndpoints(this IEndpointRouteBuilder app)
    {
        var lines = app.MapGroup("/api/v1/product-lines").WithTags("Catalog");
        lines.MapPost("/", CreateLine).RequirePermission(Permission.ManageProgram).WithIdempotency()
            .Accepts<ProductLineRequest>("application/json").Produces<ProductLineView>(201).ProducesValidationProblem();
        lines.MapPatch("/{id}", UpdateLine).RequirePermission(Permission.ManageProgram)
            .Accepts<ProductLineRequest>("application/json").Produces<ProductLineView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        var program = app.MapGroup("/api/v1/program").WithTags("Program");
        program.MapGet("/", async (ValuewebDb db, HttpContext http, CancellationToken ct) =>
        {
            var p = await db.Programs.Include(x => x.Tiers).OrderBy(x => x.Name).FirstOrDefaultAsync(ct);
            if (p is null) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(p.Version);
            return TypedResults.Ok(View(p));
        }).RequirePermission(Permission.SignedIn);
        program.MapPatch("/", UpdateProgram).RequirePermission(Permission.ManageProgram)
            .Accepts<ProgramChange>("application/json").Produces<ProgramView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    public static ProgramView View(PartnerProgram p) =>
        new(p.Id, p.Name, p.ApplicationReviewDays, p.Tiers.OrderBy(t => t.Rank).Select(t => new TierView(t.Id, t.Name, t.Rank)).ToList());

    /// <summary>The rules of a product line's fields, for the API and the program page.</summary>
    public static FieldErrors ValidateLine(ProductLineRequest body, bool creating)
    {
        var e = new FieldErrors();
        if (creating || body.Code is not null)
        {
            e.Require("code", body.Code, 20);
            if (body.Code is { Length: > 0 } c && !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')) e.Add("code", "Letters, digits and dashes only.");
        }
        if (creating || body.Name is not null) e.Require("name", body.Name, 120);
        return e;
    }

    private static async Task<IResult> CreateLine(HttpRequest request, ValuewebDb db, Journal journal, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<ProductLineRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = ValidateLine(body!, creating: true);
        var code = body!.Code?.Trim().ToUpperInvariant();
        if (!errors.Any && await db.ProductLines.AnyAsync(l => l.Code == code, ct)) errors.Add("code", "Another product line has this code.");
        if (errors.Any) return Problems.Invalid(errors);
        var line = new ProductLine { Code = code!, Name = body.Name!.Trim(), Active = body.Active ?? true };
        db.ProductLines.Add(line);
        journal.Audit("productLine.created", "productLine", line.Id, $"{line.Code} {line.Name}");
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/product-lines/{line.Id}", new ProductLineView(line.Id, line.Code, line.Name, line.Active), ct);
    }

    private static async Task<IResult> UpdateLine(string id, ValuewebDb db, Journal journal, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var lineId)) return Problems.NotFound();
        var line = await db.ProductLines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return Problems.NotFound();
        if (string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch)) return Problems.PreconditionRequired();
        var version = ETags.TryParse(http.Request.Headers.IfMatch, out var v) ? v : -1;
        var (body, bodyErrors) = await JsonBody.ReadAsync<ProductLineRequest>(http.Request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = ValidateLine(body!, creating: false);
        var code = body!.Code?.Trim().ToUpperInvariant();
        if (code is not null && code != line.Code && await db.ProductLines.AnyAsync(l => l.Code == code, ct)) errors.Add("code", "Another product line has this code.");
        if (errors.Any) return Problems.Invalid(errors);
        if (version != line.Version) return Problems.PreconditionFailed();
        if (code is not null) line.Code = code;
        if (body.Name is not null) line.Name = body.Name.Trim();
        if (body.Active is not null) line.Active = body.Active.Value;
        line.Version++;
        journal.Audit("productLine.changed", "productLine", line.Id, $"{line.Code} {line.Name} active={line.Active}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed();
        }
        catch (DbUpdateException) when (code is not null)
        {
            // another line took this code between our check and our write: the unique index refused ours
            if (!await CodeTakenAsync(db, lineId, code, ct)) throw;
            return Problems.Invalid("code", "Another product line has this code.");
        }
        http.Response.Headers.ETag = ETags.For(line.Version);
        return TypedResults.Ok(new ProductLineView(line.Id, line.Code, line.Name, line.Active));
    }

    /// <summary>After a failed save: did another line take this code meanwhile (the unique index refused ours)?</summary>
    private static async Task<bool> CodeTakenAsync(ValuewebDb db, Guid except, string code, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.ProductLines.AnyAsync(l => l.Code == code && l.Id != except, ct);
    }

    private static async Task<IResult> UpdateProgram(ValuewebDb db, Journal journal, HttpContext http, CancellationToken ct)
    {
        var p = await db.Programs.OrderBy(x => x.Name).FirstOrDefaultAsync(ct);
        if (p is null) return Problems.NotFound();
        if (string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch)) return Problems.PreconditionRequired();
        var version = ETags.TryParse(http.Request.Headers.IfMatch, out var v) ? v : -1;
        var (body, bodyErrors) = await JsonBody.ReadAsync<ProgramChange>(http.Request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, stale, updated) = await ProgramSettings.UpdateAsync(db, journal, version, body!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        http.Response.Headers.ETag = ETags.For(updated!.Version);
        return TypedResults.Ok(View(updated));
    }
}
