using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Identity;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Role = null);

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, string Role, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The key itself appears in this answer only: it is stored hashed.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, string Role, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

/// <summary>
/// API keys per organisation, shown once, stored hashed, revocable. A key acts in a role of its organisation (its
/// admin role unless another is named: finance's key builds payouts, marketing's decides fund requests) and only within
/// its scopes: it may do what both its role and its scopes allow.
/// </summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequirePermission(Permission.ManageApiKeys);
        group.MapGet("/", async (ValuewebDb db, CurrentActor current, CancellationToken ct) =>
        {
            var rows = await db.ApiKeys.OrderByDescending(k => k.CreatedAt).Take(Paging.MaxLimit).ToListAsync(ct);
            var admin = current.Required.IsVendor ? Role.VendorAdmin : Role.PartnerAdmin;
            return TypedResults.Ok(new Page<ApiKeyView>(rows.Select(k => View(k, admin)).ToList(), null));
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

    private static ApiKeyView View(ApiKey k, Role admin) =>
        new(k.Id, k.Name, k.Prefix, (k.Role ?? admin).ToString(), k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedAt, k.RevokedAt);

    private static async Task<IResult> Create(HttpRequest request, ValuewebDb db, CurrentActor current, Journal journal, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, IDataProtectionProvider protection, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<CreateApiKeyRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = new FieldErrors().Require("name", body!.Name, 100);
        var scopes = body.Scopes ?? [];
        if (scopes.Count == 0) errors.Add("scopes", "At least one scope: " + string.Join(", ", AccessPolicy.AllScopes) + ".");
        var actor = current.Required;
        var admin = actor.IsVendor ? Role.VendorAdmin : Role.PartnerAdmin;
        var role = body.Role is null ? admin : Roles.Parse(body.Role);
        if (role is null || role.Value.IsVendorRole() != actor.IsVendor)
            errors.Add("role", "One of: " + string.Join(", ", Roles.All.Where(r => r.IsVendorRole() == actor.IsVendor)) + ".");
        var usable = role is { } r ? AccessPolicy.ScopesFor(r) : null;
        for (var i = 0; i < scopes.Count; i++)
            if (!AccessPolicy.AllScopes.Contains(scopes[i])) errors.Add($"scopes[{i}]", "Unknown scope: " + string.Join(", ", AccessPolicy.AllScopes) + ".");
            else if (usable is not null && !usable.Contains(scopes[i]))
                errors.Add($"scopes[{i}]", $"A {role} key can do nothing with {scopes[i]}; it can use: {string.Join(", ", AccessPolicy.AllScopes.Where(usable.Contains))}.");
        if (errors.Any) return Problems.Invalid(errors);
        var secret = ApiKeyAuthentication.KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = new ApiKey
        {
            OrganisationId = actor.OrganisationId,
            Name = body.Name!.Trim(),
            Prefix = secret[..12],
            Hash = ApiKeyAuthentication.HashKey(secret),
            Scopes = string.Join(' ', scopes.Distinct()),
            Role = role == admin ? null : role,
            CreatedByPersonId = actor.PersonId ?? Guid.Empty,
            CreatedAt = journal.Now,
        };
        db.ApiKeys.Add(key);
        journal.Audit("apiKey.created", "apiKey", key.Id, $"{key.Name} ({role}): {key.Scopes}");
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/api-keys/{key.Id}",
            new CreatedApiKey(key.Id, key.Name, secret, role!.Value.ToString(), scopes.Distinct().ToList(), key.CreatedAt), ct, Idempotency.Sealer(protection));
    }
}
