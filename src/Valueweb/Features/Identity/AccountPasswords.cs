using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

using Valueweb.Data;

namespace Valueweb.Features.Identity;

public static class AccountPasswords
{
    public static readonly IPasswordHasher<Account> Hasher = new PasswordHasher<Account>();

    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "-9a";

    /// <summary>An account for a person, ready to be added; e-mail doubles as user name.</summary>
    public static Account NewAccount(Guid personId, string email, string password, string? precomputedHash = null)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var account = new Account
        {
            Id = Ids.New(),
            PersonId = personId,
            UserName = email.Trim(),
            NormalizedUserName = normalized,
            Email = email.Trim(),
            NormalizedEmail = normalized,
            EmailConfirmed = true,
            LockoutEnabled = true,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        account.PasswordHash = precomputedHash ?? Hasher.HashPassword(account, password);
        return account;
    }
}
