using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Identity;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The key itself appears in this answer only: it is stored hashed.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

/// <summary>API keys per organisation, with scopes per capability, shown once, stored hashed, revocable.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequirePermission(Permission.ManageApiKeys);
        group.MapGet("/", async (ValuewebDb db, CancellationToken ct) =>
        {
            var rows = await db.ApiKeys.OrderByDescending(k => k.CreatedAt).Take(Paging.MaxLimit).ToListAsync(ct);
            return TypedResults.Ok(new Page<ApiKeyView>(rows.Select(View).ToList(), null));
        });
        group.MapPost("/", Create).WithIdempotency().Accepts<CreateApiKeyRequest>("application/json").Produces<CreatedApiKey>(201).ProducesValidationProblem();
        group.MapDelete("/{id}", async (string id, ValuewebDb db, Journal journal, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var keyId)) return (IResult)Problems.NotFound();
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
            if (key is null) return Problems.NotFound();
            key.RevokedAt ??= journal.Now;
            journal.Audit("apiKey.revoked", "apiKey", key.Id, key.Name);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static ApiKeyView View(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedAt, k.RevokedAt);

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, IDataProtectionProvider protection, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<CreateApiKeyRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = new FieldErrors().Require("name", body!.Name, 100);
        var scopes = body.Scopes ?? [];
        if (scopes.Count == 0) errors.Add("scopes", "At least one scope: " + string.Join(", ", AccessPolicy.AllScopes) + ".");
        for (var i = 0; i < scopes.Count; i++)
            if (!AccessPolicy.AllScopes.Contains(scopes[i])) errors.Add($"scopes[{i}]", "Unknown scope: " + string.Join(", ", AccessPolicy.AllScopes) + ".");
        if (errors.Any) return Problems.Invalid(errors);
        var actor = current.Required;
        var secret = ApiKeyAuthentication.KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = new ApiKey
        {
            OrganisationId = actor.OrganisationId,
            Name = body.Name!.Trim(),
            Prefix = secret[..12],
            Hash = ApiKeyAuthentication.HashKey(secret),
            Scopes = string.Join(' ', scopes.Distinct()),
            CreatedByPersonId = actor.PersonId ?? Guid.Empty,
            CreatedAt = journal.Now,
        };
        db.ApiKeys.Add(key);
        journal.Audit("apiKey.created", "apiKey", key.Id, $"{key.Name}: {key.Scopes}");
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/api-keys/{key.Id}",
            new CreatedApiKey(key.Id, key.Name, secret, scopes.Distinct().ToList(), key.CreatedAt), ct, Idempotency.Sealer(protection));
    }
}
