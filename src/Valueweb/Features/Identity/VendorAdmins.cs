using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Identity;

public static class VendorAdmins
{
    /// <summary>Creates a vendor admin (and the vendor organisation when there is none). Returns an error text, or null.</summary>
    public static async Task<string?> CreateAsync(ValuewebDb db, string email, string name, string password, TimeProvider clock, CancellationToken ct)
    {
        if (!email.Contains('@', StringComparison.Ordinal)) return "The e-mail address is not valid.";
        if (password.Length < 10) return "The password must have at least 10 characters.";
        var normalized = email.Trim().ToUpperInvariant();
        if (await db.People.IgnoreQueryFilters().AnyAsync(p => p.Email.ToUpper() == normalized, ct))
            return $"Someone with the e-mail {email} already exists.";
        var vendor = await db.Organisations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Vendor, ct);
        var now = clock.GetUtcNow();
        if (vendor is null)
        {
            vendor = new Organisation { Kind = OrganisationKind.Vendor, LegalName = "Vendor", DisplayName = "Vendor", Slug = "vendor", CreatedAt = now };
            db.Organisations.Add(vendor);
        }
        var person = new Person { OrganisationId = vendor.Id, Name = name, Email = email.Trim(), Role = Role.VendorAdmin, CreatedAt = now };
        db.People.Add(person);
        db.Users.Add(AccountPasswords.NewAccount(person.Id, email, password));
        await db.SaveChangesAsync(ct);
        return null;
    }
}
