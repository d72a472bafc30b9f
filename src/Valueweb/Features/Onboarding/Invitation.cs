using Valueweb.Data;

namespace Valueweb.Features.Onboarding;

/// <summary>An expiring link that lets someone join an organisation as a person who can sign in.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Ids.New();
    public Guid OrganisationId { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public Organisations.Role Role { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? InvitedByPersonId { get; set; }
}
