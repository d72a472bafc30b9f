using Valueweb.Features.Organisations;
using Valueweb.Data;

namespace Valueweb.Features.Identity;

/// <summary>An organisation's key for the API. Only its hash is stored; the key is shown once.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Ids.New();
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>Space-separated scopes such as "partners:read partners:write".</summary>
    public string Scopes { get; set; } = "";
    /// <summary>The role the key acts in (finance's key for payouts, say); none: the organisation's admin role.</summary>
    public Role? Role { get; set; }
    public Guid CreatedByPersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
