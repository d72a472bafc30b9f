using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Identity;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Onboarding;

/// <summary>Expiring invitation links: issued to approved applicants and to colleagues, accepted by setting a password.</summary>
public sealed class Invitations(ValuewebDb db, Notifier notifier, TimeProvider clock, IOptions<ValuewebOptions> options, IHttpContextAccessor http, Journal journal)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private string BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl.Length > 0) return options.Value.PublicBaseUrl.TrimEnd('/');
            var r = http.HttpContext?.Request;
            return r is null ? "http://localhost:5000" : $"{r.Scheme}://{r.Host}";
        }
    }

    /// <summary>
    /// Checks an invitation into <paramref name="organisation"/>. Only that organisation's own people are looked at:
    /// whether an address belongs to someone elsewhere is not the inviter's business. Such an invitation is sent like
    /// any other, and accepting it is refused (only the address's owner, who got the e-mail, learns why).
    /// </summary>
    public async Task<(FieldErrors Errors, Role? Role)> CheckAsync(Organisation organisation, string? email, string? name, string? role, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("name", name, 120);
        if (!Emails.LooksValid(email)) errors.Add("email", "Not an e-mail address.");
        else
        {
            var address = Emails.Normalize(email!);
            if (await db.People.AnyAsync(p => p.OrganisationId == organisation.Id && p.Email == address && db.Users.Any(a => a.PersonId == p.Id), ct))
                errors.Add("email", "Someone of this organisation already signs in with this address.");
        }
        var vendor = organisation.Kind == OrganisationKind.Vendor;
        var parsed = Roles.Parse(role);
        if (parsed is null) errors.Add("role", "One of: " + string.Join(", ", Roles.All.Where(r => r.IsVendorRole() == vendor)) + ".");
        else if (parsed.Value.IsVendorRole() != vendor) errors.Add("role", "This role does not belong to this kind of organisation.");
        return (errors, errors.Any ? null : parsed);
    }

    /// <summary>Adds an invitation and its e-mail to the unit of work; returns the token (only ever e-mailed).</summary>
    public string Issue(Guid organisationId, string email, string name, Role role, Guid? invitedBy, string organisationName)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        db.Invitations.Add(new Invitation
        {
            OrganisationId = organisationId,
            Email = Emails.Normalize(email),
            Name = name.Trim(),
            Role = role,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedByPersonId = invitedBy,
        });
        notifier.Email(email, $"Join {organisationName} on Valueweb",
            $"Hello {name},\n\nyou are invited to join {organisationName} on Valueweb. Choose your password here (the link works for 7 days):\n\n{BaseUrl}/invitations/{token}\n");
        return token;
    }

    public Task<Invitation?> FindOpenAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        return db.Invitations.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
    }

    /// <summary>Creates the account (and the person, when new). Returns field errors, or null and the e-mail to sign in with.</summary>
    public async Task<(FieldErrors? Errors, string? Email)> AcceptAsync(string? token, string? password, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var invitation = string.IsNullOrWhiteSpace(token) ? null : await FindOpenAsync(token, ct);
        if (invitation is null) errors.Add("token", "This invitation link is unknown, used or expired: ask for a new one.");
        if (string.IsNullOrEmpty(password) || password.Length < 10) errors.Add("password", "At least 10 characters.");
        else if (password.Length > 200) errors.Add("password", "At most 200 characters.");
        if (errors.Any) return (errors, null);
        var person = await db.People.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Email == invitation!.Email, ct);
        if (person is not null && person.OrganisationId != invitation!.OrganisationId)
            return (new FieldErrors().Add("token", "This e-mail address already belongs to another organisation."), null);
        if (person is null)
        {
            person = new Person { OrganisationId = invitation!.OrganisationId, Name = invitation.Name, Email = invitation.Email, Role = invitation.Role, CreatedAt = clock.GetUtcNow() };
            db.People.Add(person);
        }
        if (await db.Users.AnyAsync(a => a.PersonId == person.Id, ct))
            return (new FieldErrors().Add("token", "This person can already sign in: use the sign-in page or reset the password."), null);
        db.Users.Add(AccountPasswords.NewAccount(person.Id, person.Email, password!));
        invitation!.AcceptedAt = clock.GetUtcNow();
        journal.Event("person.joined", "person", person.Id, [person.OrganisationId], new { person = person.Email, role = person.Role.ToString() });
        await db.SaveChangesAsync(ct);
        return (null, person.Email);
    }
}
