using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Identity;

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in").AllowAnonymous();
        group.MapPost("/login", Login).RequireRateLimiting(RateLimits.SignIn).Accepts<LoginRequest>("application/json");
        return app;
    }

    /// <summary>Answers {"accessToken","expiresIn",...} for a valid e-mail and password (and code, with two-factor on).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        HttpRequest http, SignInManager<Account> signIn, UserManager<Account> users)
    {
        var (request, bodyErrors) = await JsonBody.ReadAsync<LoginRequest>(http);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var errors = new FieldErrors().Require("email", request!.Email, 320).Require("password", request.Password, 200);
        if (errors.Any) return Problems.Invalid(errors);
        signIn.AuthenticationScheme = ValuewebClaims.BearerScheme;
        var account = await users.FindByEmailAsync(request.Email!.Trim());
        if (account is null) return Refused();
        var result = await signIn.PasswordSignInAsync(account, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
                return Problems.Invalid("twoFactorCode", "Two-factor sign-in is on for this account: send the code from the authenticator app.");
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), false, false);
        }
        if (result.IsLockedOut)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Locked out", detail: "Too many failed attempts: try again later.");
        return result.Succeeded ? TypedResults.Empty : Refused();
    }

    private static ProblemHttpResult Refused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused", detail: "The e-mail or password is wrong.");
}
