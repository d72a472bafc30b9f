using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Valueweb.Platform.Access;

/// <summary>Turns "Authorization: Bearer vwk_..." into a principal naming the key; the key's state is checked per request.</summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string KeyPrefix = "vwk_";

    public static string HashKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool LooksLikeKey(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer " + KeyPrefix, StringComparison.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!LooksLikeKey(header)) return Task.FromResult(AuthenticateResult.NoResult());
        var key = header["Bearer ".Length..].Trim();
        var identity = new ClaimsIdentity([new Claim(ValuewebClaims.ApiKey, HashKey(key))], ValuewebClaims.ApiKeyScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ValuewebClaims.ApiKeyScheme)));
    }
}
