using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;

namespace Valueweb.Platform.Api;

/// <summary>
/// Idempotency-Key on creating POSTs: the same key with the same body answers what the first request answered;
/// the same key with another body is 422. Keys are scoped per organisation. The record is saved in the same
/// transaction as the creation, so a crash leaves both or neither, and a concurrent duplicate replays the winner.
/// </summary>
public sealed class IdempotencyContext
{
    public const string Header = "Idempotency-Key";
    public Guid Scope { get; set; }
    public string? Key { get; set; }
    public string Hash { get; set; } = "";

    /// <summary>For pages: the key travels as a hidden form field and the "body" is the form's own fingerprint.</summary>
    public void UseFormKey(Guid scope, string? key, string fingerprint)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return;
        Scope = scope;
        Key = key;
        Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)));
    }
}

public static class Idempotency
{
    /// <summary>Lets the filter read the raw body again after model binding.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyContext.Header))
            context.Request.EnableBuffering();
        await next(context);
    });

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[IdempotencyContext.Header].ToString();
        if (string.IsNullOrEmpty(key)) return await next(context);
        if (key.Length > 200) return Problems.Invalid(IdempotencyContext.Header, "At most 200 characters.");
        var idem = http.RequestServices.GetRequiredService<IdempotencyContext>();
        idem.Scope = http.RequestServices.GetRequiredService<CurrentActor>().Value?.OrganisationId ?? Guid.Empty;
        idem.Key = key;
        idem.Hash = await HashAsync(http.Request);
        var db = http.RequestServices.GetRequiredService<ValuewebDb>();
        var stored = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == key, http.RequestAborted);
        return stored is null ? await next(context) : Replay(stored, idem);
    });

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public static IResult Replay(IdempotencyRecord stored, IdempotencyContext idem)
    {
        if (stored.RequestHash != idem.Hash)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: "This Idempotency-Key was used with another request body: use a new key for a new request.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [IdempotencyContext.Header] = ["Used before with another body."] } });
        return new ReplayResult(stored);
    }

    /// <summary>Adds the idempotency record to the caller's unit of work (for operations that run their own transaction).</summary>
    public static void Record(ValuewebDb db, IdempotencyContext idem, DateTimeOffset now, int status, string location, string body)
    {
        if (idem.Key is null) return;
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            OrganisationId = idem.Scope,
            Key = idem.Key,
            RequestHash = idem.Hash,
            StatusCode = status,
            ResponseBody = body,
            Location = location,
            CreatedAt = now,
        });
    }

    /// <summary>What encrypts the kept answers that carry a secret (a new API key, a webhook's signing secret).</summary>
    public static IDataProtector Sealer(IDataProtectionProvider provider) => provider.CreateProtector("Valueweb.Idempotency.SealedAnswer.v1");

    /// <summary>
    /// Saves the unit of work with its idempotency record and answers 201 (or replays the concurrent winner). With
    /// <paramref name="seal"/>, the kept answer is encrypted: a retry still gets the secret, the database never holds it in the clear.
    /// </summary>
    public static async Task<IResult> CommitCreatedAsync<T>(this ValuewebDb db, IdempotencyContext idem, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider clock, string location, T body, CancellationToken ct, IDataProtector? seal = null)
    {
        var text = JsonSerializer.Serialize(body, json.Value.SerializerOptions);
        if (idem.Key is not null)
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                OrganisationId = idem.Scope,
                Key = idem.Key,
                RequestHash = idem.Hash,
                StatusCode = StatusCodes.Status201Created,
                ResponseBody = seal is null ? text : seal.Protect(text),
                Sealed = seal is not null,
                Location = location,
                CreatedAt = clock.GetUtcNow(),
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (idem.Key is not null)
        {
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == idem.Scope && r.Key == idem.Key, ct);
            if (winner is null) throw;
            return Replay(winner, idem);
        }
        return new ReplayResult(new IdempotencyRecord { StatusCode = StatusCodes.Status201Created, ResponseBody = text, Location = location });
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            if (record.Location.Length > 0) httpContext.Response.Headers.Location = record.Location;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            var body = record.Sealed ? Sealer(httpContext.RequestServices.GetRequiredService<IDataProtectionProvider>()).Unprotect(record.ResponseBody) : record.ResponseBody;
            await httpContext.Response.WriteAsync(body);
        }
    }
}
