using Microsoft.AspNetCore.Identity;

namespace Valueweb.Features.Identity;

/// <summary>A person's sign-in: password hash, lockout, two-factor. The person holds role and status.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public Guid PersonId { get; set; }
}
