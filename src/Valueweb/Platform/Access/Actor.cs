using Valueweb.Features.Organisations;

namespace Valueweb.Platform.Access;

/// <summary>Who is calling, checked against the database on this very request.</summary>
public sealed class Actor
{
    public Guid? PersonId { get; init; }
    public string Name { get; init; } = "";
    public Guid OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public OrganisationKind OrganisationKind { get; init; }
    public OrganisationStatus OrganisationStatus { get; init; }
    public Role Role { get; init; }
    public Guid? ApiKeyId { get; init; }
    public IReadOnlySet<string> Scopes { get; init; } = new HashSet<string>();
    public string TimeZone { get; init; } = "UTC";

    public bool IsVendor => OrganisationKind == OrganisationKind.Vendor;

    public bool May(Permission permission)
    {
        if (!AccessPolicy.Allows(Role, permission)) return false;
        if (ApiKeyId is null) return true;
        var scope = AccessPolicy.Scope(permission);
        return scope is not null && Scopes.Contains(scope);
    }
}

/// <summary>The per-request holder of the actor (null when anonymous).</summary>
public sealed class CurrentActor
{
    public Actor? Value { get; set; }

    public Actor Required => Value ?? throw new InvalidOperationException("No signed-in actor on this request.");
}
