using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Identity;

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmation(string? Email, string? Token, string? NewPassword);

public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

public sealed record TwoFactorCode(string? Code);

/// <summary>Password reset by e-mailed link and optional TOTP two-factor sign-in, for the person's own account.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var reset = app.MapGroup("/api/v1/auth/password-reset").WithTags("Sign-in").AllowAnonymous().RequireRateLimiting(RateLimits.PasswordReset);
        reset.MapPost("/", async (HttpRequest request, PasswordResets resets, CancellationToken ct) =>
        {
            var (body, bodyErrors) = await JsonBody.ReadAsync<PasswordResetRequest>(request);
            if (bodyErrors is not null) return (IResult)Problems.Invalid(bodyErrors);
            if (!Emails.LooksValid(body!.Email)) return Problems.Invalid("email", "Not an e-mail address.");
            await resets.SendAsync(body.Email!, ct);
            // the same answer whether or not the address has an account
            return TypedResults.Accepted((string?)null, new { message = "If this address has an account, a reset link is on its way." });
        }).Accepts<PasswordResetRequest>("application/json").Produces(202).ProducesValidationProblem();
        reset.MapPost("/confirm", async (HttpRequest request, PasswordResets resets) =>
        {
            var (body, bodyErrors) = await JsonBody.ReadAsync<PasswordResetConfirmation>(request);
            if (bodyErrors is not null) return (IResult)Problems.Invalid(bodyErrors);
            var errors = await resets.ConfirmAsync(body!.Email, body.Token, body.NewPassword);
            return errors is null ? TypedResults.NoContent() : Problems.Invalid(errors);
        }).Accepts<PasswordResetConfirmation>("application/json").Produces(204).ProducesValidationProblem();

        var twoFactor = app.MapGroup("/api/v1/auth/two-factor").WithTags("Sign-in").RequirePermission(Permission.SignedIn);
        twoFactor.MapPost("/setup", async (UserManager<Account> users, CurrentActor current, ValuewebDb db, Journal journal) =>
        {
            var account = await OwnAccount(db, users, current);
            if (account is null) return (IResult)Problems.NotFound();
            // a new key, the account's new security stamp and the audit entry: one transaction
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var reset = await users.ResetAuthenticatorKeyAsync(account);
                if (!reset.Succeeded) return Problems.PreconditionFailed();
                journal.Audit("account.twoFactorKeyReset", "person", account.PersonId);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            var key = (await users.GetAuthenticatorKeyAsync(account))!;
            var uri = $"otpauth://totp/Valueweb:{Uri.EscapeDataString(account.Email!)}?secret={key}&issuer=Valueweb&digits=6";
            return TypedResults.Ok(new TwoFactorSetup(key, uri));
        });
        twoFactor.MapPost("/enable", async (HttpRequest request, UserManager<Account> users, CurrentActor current, ValuewebDb db, Journal journal) =>
        {
            var account = await OwnAccount(db, users, current);
            if (account is null) return (IResult)Problems.NotFound();
            var (body, bodyErrors) = await JsonBody.ReadAsync<TwoFactorCode>(request);
            if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
            var code = body!.Code?.Replace(" ", "", StringComparison.Ordinal) ?? "";
            if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
                return Problems.Invalid("code", "The code does not match: check the authenticator app's clock and try the current code.");
            return await SetTwoFactorAsync(users, db, journal, account, true) ? TypedResults.NoContent() : Problems.PreconditionFailed();
        }).Accepts<TwoFactorCode>("application/json").Produces(204).ProducesValidationProblem();
        twoFactor.MapPost("/disable", async (UserManager<Account> users, CurrentActor current, ValuewebDb db, Journal journal) =>
        {
            var account = await OwnAccount(db, users, current);
            if (account is null) return (IResult)Problems.NotFound();
            return await SetTwoFactorAsync(users, db, journal, account, false) ? TypedResults.NoContent() : Problems.PreconditionFailed();
        });
        return app;
    }

    /// <summary>Switches two-factor sign-in on or off with its audit entry, in one transaction; false when the account changed meanwhile.</summary>
    private static async Task<bool> SetTwoFactorAsync(UserManager<Account> users, ValuewebDb db, Journal journal, Account account, bool enabled)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.SetTwoFactorEnabledAsync(account, enabled);
        if (!result.Succeeded) return false;
        journal.Audit(enabled ? "account.twoFactorEnabled" : "account.twoFactorDisabled", "person", account.PersonId);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return true;
    }

    private static async Task<Account?> OwnAccount(ValuewebDb db, UserManager<Account> users, CurrentActor current)
    {
        var personId = current.Required.PersonId;
        if (personId is null) return null;
        var id = await db.Users.Where(a => a.PersonId == personId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
        return id is null ? null : await users.FindByIdAsync(id.ToString()!);
    }
}

/// <summary>Sends reset links (only to existing, active accounts; the caller cannot tell) and applies new passwords.</summary>
public sealed class PasswordResets(UserManager<Account> users, ValuewebDb db, Notifier notifier, IOptions<ValuewebOptions> options, IHttpContextAccessor http, Journal journal)
{
    public async Task SendAsync(string email, CancellationToken ct)
    {
        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null) return;
        var active = await db.People.IgnoreQueryFilters().AnyAsync(p => p.Id == account.PersonId && p.Status == PersonStatus.Active, ct);
        if (!active) return;
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(account)));
        var r = http.HttpContext?.Request;
        var baseUrl = options.Value.PublicBaseUrl.Length > 0 ? options.Value.PublicBaseUrl.TrimEnd('/') : r is null ? "" : $"{r.Scheme}://{r.Host}";
        notifier.Email(account.Email!, "Reset your Valueweb password",
            $"Someone asked to reset the password of {account.Email}. If it was you, choose a new password here (the link works for 2 hours):\n\n"
            + $"{baseUrl}/reset-password?email={Uri.EscapeDataString(account.Email!)}&token={token}\n\nIf it was not you, ignore this e-mail.");
        await db.SaveChangesAsync(ct);
    }

    public async Task<FieldErrors?> ConfirmAsync(string? email, string? token, string? newPassword)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(newPassword) || newPassword.Length < 10) errors.Add("newPassword", "At least 10 characters.");
        var account = Emails.LooksValid(email) ? await users.FindByEmailAsync(email!.Trim()) : null;
        if (account is null || string.IsNullOrEmpty(token)) errors.Add("token", "This reset link is not valid or has expired: ask for a new one.");
        if (errors.Any) return errors;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token!));
        }
        catch (FormatException)
        {
            return errors.Add("token", "This reset link is not valid or has expired: ask for a new one.");
        }
        // the new password, the unlocked account and the audit entry: one transaction, all or nothing
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.ResetPasswordAsync(account!, decoded, newPassword!);
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(account!);
            await users.SetLockoutEndDateAsync(account!, null);
            journal.Audit("account.passwordReset", "person", account!.PersonId);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return null;
        }
        foreach (var e in result.Errors)
            errors.Add(e.Code.Contains("Token", StringComparison.Ordinal) ? "token" : "newPassword",
                e.Code.Contains("Token", StringComparison.Ordinal) ? "This reset link is not valid or has expired: ask for a new one." : e.Description);
        return errors;
    }
}
