using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Identity;

/// <summary>
/// A password reset and a two-factor change are each one transaction with their audit entry: when the last save
/// fails (a crash, simulated), nothing of the operation is left behind.
/// </summary>
public sealed partial class AccountAtomicityTests(InterferenceFactory app) : IClassFixture<InterferenceFactory>
{
    private void CrashWhenAuditing(string action) =>
        app.Interference.Once(c => c.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == action),
            _ => throw new InvalidOperationException($"Simulated crash while saving '{action}'."));

    /// <summary>The simulated crash is the test's own doing: it must not fail the fixture as an unhandled error would.</summary>
    private void ForgetSimulatedCrashes()
    {
        var kept = app.Errors.Seen.Where(e => !e.Contains("Simulated crash", StringComparison.Ordinal)).ToList();
        app.Errors.Seen.Clear();
        foreach (var e in kept) app.Errors.Seen.Enqueue(e);
    }

    private async Task<HttpStatusCode> Login(string email, string password, string? code = null) =>
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode = code })).StatusCode;

    [Fact]
    public async Task A_reset_that_fails_at_its_last_save_leaves_the_old_password()
    {
        const string email = "sales@cobalt.demo";
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = ResetToken().Match((await app.EmailsTo(email)).Last()).Groups[1].Value;

        CrashWhenAuditing("account.passwordReset");
        var crashed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = "Crashed-Passw0rd" });
        crashed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ForgetSimulatedCrashes();
        app.Interference.Armed.ShouldBeFalse();

        (await Login(email, "Crashed-Passw0rd")).ShouldBe(HttpStatusCode.Unauthorized, "the new password must not be half-saved");
        (await Login(email, ValuewebFactory.Password)).ShouldBe(HttpStatusCode.OK);
        // nothing was used up: the same link still works
        var again = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = "Second-Passw0rd" });
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent, await again.Content.ReadAsStringAsync());
        (await Login(email, "Second-Passw0rd")).ShouldBe(HttpStatusCode.OK);
        (await app.Db(db => db.AuditEntries.CountAsync(a => a.Action == "account.passwordReset"))).ShouldBe(1);
    }

    [Fact]
    public async Task Enabling_two_factor_that_fails_at_its_last_save_leaves_it_off()
    {
        const string email = "marketing@cobalt.demo";
        var client = await app.ApiAs(email);
        var setup = await (await client.PostAsync("/api/v1/auth/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;

        CrashWhenAuditing("account.twoFactorEnabled");
        var crashed = await client.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) });
        crashed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ForgetSimulatedCrashes();
        app.Interference.Armed.ShouldBeFalse();

        (await Login(email, ValuewebFactory.Password)).ShouldBe(HttpStatusCode.OK, "two-factor sign-in must not be half switched on");
        (await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "account.twoFactorEnabled"))).ShouldBeFalse();
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResetToken();
}
