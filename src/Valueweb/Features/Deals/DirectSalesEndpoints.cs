using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Customers;
using Valueweb.Matching;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record DirectDealRequest(CustomerInput? Customer, string? Title, List<Guid>? ProductLineIds);

public sealed record NamedAccountRequest(CustomerInput? Customer, List<Guid>? ProductLineIds);

public sealed record AliasRequest(string? Name);

public sealed record DirectClaimView(Guid Id, string Kind, Guid CustomerAccountId, string Customer, string? Title, bool Open, IReadOnlyList<Guid> ProductLineIds, DateTimeOffset CreatedAt);

public sealed record ImportSummary(int Rows, int Created, int AlreadyNamed, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>What the vendor's direct sales force claims: its open deals and the named accounts reserved to it, and customer aliases.</summary>
public static class DirectSalesEndpoints
{
    public static IEndpointRouteBuilder MapDirectSalesEndpoints(this IEndpointRouteBuilder app)
    {
        var direct = app.MapGroup("/api/v1/direct-deals").WithTags("Direct sales").RequirePermission(Permission.ManageDirectSales);
        direct.MapGet("/", ListDirect);
        direct.MapPost("/", CreateDirect).WithIdempotency().Accepts<DirectDealRequest>("application/json").Produces<DirectClaimView>(201).ProducesValidationProblem();
        direct.MapPost("/{id}/close", CloseDirect).Produces<DirectClaimView>().ProducesProblem(404);
        var named = app.MapGroup("/api/v1/named-accounts").WithTags("Direct sales").RequirePermission(Permission.ManageDirectSales);
        named.MapGet("/", ListNamed);
        named.MapPost("/", CreateNamed).WithIdempotency().Accepts<NamedAccountRequest>("application/json").Produces<DirectClaimView>(201).ProducesValidationProblem();
        named.MapPost("/import", ImportNamed).Produces<ImportSummary>().ProducesValidationProblem();
        app.MapPost("/api/v1/customer-accounts/{id}/aliases", AddAlias).WithTags("Direct sales").RequirePermission(Permission.ManageDirectSales)
            .Accepts<AliasRequest>("application/json").ProducesValidationProblem().ProducesProblem(404);
        return app;
    }

    private static async Task<(CustomerAccount? Account, FieldErrors Errors, List<Guid> Lines)> ReadClaimAsync(
        ValuewebDb db, CustomerInput? customer, List<Guid>? lineIds, bool linesRequired, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (customer is null) errors.Add("customer", "Required.");
        else
        {
            errors.Require("customer.name", customer.Name, 200);
            if (customer.Domain is { Length: > 0 } d && CompanyMatcher.NormaliseDomain(d) is null) errors.Add("customer.domain", "A web domain such as acme.com.");
            if (!Iso3166.IsCountry(customer.Country)) errors.Add("customer.country", "An ISO 3166 country code, such as DE.");
        }
        var lines = lineIds ?? [];
        if (linesRequired && lines.Count == 0) errors.Add("productLineIds", "Choose at least one product line.");
        var known = await db.ProductLines.Where(l => lines.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        for (var i = 0; i < lines.Count; i++) if (!known.Contains(lines[i])) errors.Add($"productLineIds[{i}]", "No such product line.");
        if (errors.Any) return (null, errors, lines);
        var account = await MatchOrCreateAsync(db, customer!.Name!.Trim(), customer.Domain, customer.Country!.ToUpperInvariant(), clock.GetUtcNow(), ct);
        return (account, errors, lines.Distinct().ToList());
    }

    private static async Task<CustomerAccount> MatchOrCreateAsync(ValuewebDb db, string name, string? domain, string country, DateTimeOffset now, CancellationToken ct)
    {
        var normalised = domain is { Length: > 0 } ? CompanyMatcher.NormaliseDomain(domain) : null;
        var description = normalised is null ? CompanyDescription.Of(name) : CompanyDescription.Of(name, normalised);
        var rules = await EngagementRules.LoadAsync(db, ct);
        var detection = await new ConflictDetector(db, TimeProvider.System).DetectAsync(description, [], Guid.Empty, rules.Program.ConflictThreshold, null, ct); // finds the account; no claims without product lines
        return await CustomerDirectory.FindOrCreateAsync(db, detection.Account?.Id, name, normalised, country, now, ct);
    }

    private static DirectClaimView View(DirectDeal d, string customer) =>
        new(d.Id, "directDeal", d.CustomerAccountId, customer, d.Title, d.Open, d.ProductLines.Select(p => p.ProductLineId).ToList(), d.CreatedAt);

    private static DirectClaimView View(NamedAccount n, string customer) =>
        new(n.Id, "namedAccount", n.CustomerAccountId, customer, null, true, n.ProductLines.Select(p => p.ProductLineId).ToList(), n.CreatedAt);

    private static async Task<IResult> CreateDirect(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, IdempotencyContext idem,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<DirectDealRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (account, errors, lines) = await ReadClaimAsync(db, body!.Customer, body.ProductLineIds, linesRequired: true, clock, ct);
        errors.Require("title", body.Title, 200);
        if (errors.Any) return Problems.Invalid(errors);
        var deal = new DirectDeal { CustomerAccountId = account!.Id, Title = body.Title!.Trim(), OwnerPersonId = current.Required.PersonId, CreatedAt = clock.GetUtcNow() };
        foreach (var l in lines) deal.ProductLines.Add(new DirectDealProductLine { DirectDealId = deal.Id, ProductLineId = l });
        db.DirectDeals.Add(deal);
        journal.Audit("directDeal.created", "directDeal", deal.Id, $"{account.Name}: {deal.Title}");
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/direct-deals/{deal.Id}", View(deal, account.Name), ct);
    }

    private static async Task<IResult> CloseDirect(string id, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var dealId) || await db.DirectDeals.Include(d => d.ProductLines).FirstOrDefaultAsync(d => d.Id == dealId, ct) is not { } deal)
            return Problems.NotFound();
        deal.Open = false;
        journal.Audit("directDeal.closed", "directDeal", deal.Id);
        await db.SaveChangesAsync(ct);
        var customer = await db.CustomerAccounts.Where(a => a.Id == deal.CustomerAccountId).Select(a => a.Name).FirstAsync(ct);
        return TypedResults.Ok(View(deal, customer));
    }

    private static async Task<IResult> ListDirect(ValuewebDb db, int? limit, string? cursor, CancellationToken ct)
    {
        var q = db.DirectDeals.AsNoTracking().Include(d => d.ProductLines).AsQueryable();
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(d => d.Id.CompareTo(lastId) < 0);
        }
        var take = Paging.Limit(limit);
        var rows = await q.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var names = await CustomerNamesAsync(db, rows.Select(r => r.CustomerAccountId), ct);
        return TypedResults.Ok(new Page<DirectClaimView>(rows.Take(take).Select(d => View(d, names[d.CustomerAccountId])).ToList(),
            rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null));
    }

    private static async Task<IResult> CreateNamed(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, IdempotencyContext idem,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<NamedAccountRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (account, errors, lines) = await ReadClaimAsync(db, body!.Customer, body.ProductLineIds, linesRequired: false, clock, ct);
        if (errors.Any) return Problems.Invalid(errors);
        if (await db.NamedAccounts.AnyAsync(n => n.CustomerAccountId == account!.Id, ct))
            return Problems.Invalid("customer", "This customer is already a named account.");
        var named = NewNamed(db, account!, lines, current.Required.PersonId, clock.GetUtcNow());
        journal.Audit("namedAccount.created", "namedAccount", named.Id, account!.Name);
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/named-accounts/{named.Id}", View(named, account.Name), ct);
    }

    private static NamedAccount NewNamed(ValuewebDb db, CustomerAccount account, IEnumerable<Guid> lines, Guid? owner, DateTimeOffset now)
    {
        var named = new NamedAccount { CustomerAccountId = account.Id, OwnerPersonId = owner, CreatedAt = now };
        foreach (var l in lines) named.ProductLines.Add(new NamedAccountProductLine { NamedAccountId = named.Id, ProductLineId = l });
        db.NamedAccounts.Add(named);
        return named;
    }

    private static async Task<IResult> ListNamed(ValuewebDb db, int? limit, string? cursor, CancellationToken ct)
    {
        var q = db.NamedAccounts.AsNoTracking().Include(d => d.ProductLines).AsQueryable();
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 1) is not [var last] || !Guid.TryParse(last, out var lastId)) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(d => d.Id.CompareTo(lastId) < 0);
        }
        var take = Paging.Limit(limit);
        var rows = await q.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var names = await CustomerNamesAsync(db, rows.Select(r => r.CustomerAccountId), ct);
        return TypedResults.Ok(new Page<DirectClaimView>(rows.Take(take).Select(n => View(n, names[n.CustomerAccountId])).ToList(),
            rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null));
    }

    /// <summary>
    /// CSV with a header: <c>name,domain,country,productLines</c> (product line codes separated by <c>;</c>, empty = all).
    /// All rows or none: any row error answers 400 naming <c>rows[n].field</c> and imports nothing.
    /// </summary>
    private static async Task<IResult> ImportNamed(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, TimeProvider clock, CancellationToken ct)
    {
        if (!(request.ContentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ?? false))
            return Problems.Invalid("body", "Send the CSV with Content-Type: text/csv.");
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        var rows = NamedAccountCsv.Parse(text, out var parseErrors);
        if (parseErrors.Any) return Problems.Invalid(parseErrors);
        var codes = await db.ProductLines.ToDictionaryAsync(l => l.Code, l => l.Id, StringComparer.OrdinalIgnoreCase, ct);
        var errors = new FieldErrors();
        for (var i = 0; i < rows.Count; i++)
            foreach (var code in rows[i].ProductLineCodes.Where(c => !codes.ContainsKey(c)))
                errors.Add($"rows[{i + 1}].productLines", $"No product line with code {code}.");
        if (errors.Any) return Problems.Invalid(errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int created = 0, already = 0;
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            var account = await MatchOrCreateAsync(db, row.Name, row.Domain, row.Country, now, ct);
            await db.SaveChangesAsync(ct);
            if (await db.NamedAccounts.AnyAsync(n => n.CustomerAccountId == account.Id, ct)) { already++; continue; }
            NewNamed(db, account, row.ProductLineCodes.Select(c => codes[c]).Distinct(), current.Required.PersonId, now);
            await db.SaveChangesAsync(ct);
            created++;
        }
        journal.Audit("namedAccount.imported", "namedAccount", null, $"{rows.Count} rows, {created} created, {already} already named");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ImportSummary(rows.Count, created, already, new Dictionary<string, string[]>()));
    }

    private static async Task<IResult> AddAlias(string id, HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var accountId) || await db.CustomerAccounts.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == accountId, ct) is not { } account)
            return Problems.NotFound();
        var (body, errors) = await JsonBody.ReadAsync<AliasRequest>(request);
        if (errors is not null) return Problems.Invalid(errors);
        var e = new FieldErrors().Require("name", body!.Name, 200);
        if (e.Any) return Problems.Invalid(e);
        var name = body.Name!.Trim();
        if (!account.Aliases.Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            account.Aliases.Add(new CustomerAlias { CustomerAccountId = account.Id, Name = name });
            account.Version++;
            await CustomerDirectory.AddAliasKeysAsync(db, account.Id, name, ct);
            journal.Audit("customerAccount.aliasAdded", "customerAccount", account.Id, name);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(new { id = account.Id, name = account.Name, domain = account.Domain, aliases = account.Aliases.Select(a => a.Name).ToList() });
    }

    private static async Task<Dictionary<Guid, string>> CustomerNamesAsync(ValuewebDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.CustomerAccounts.Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }
}
