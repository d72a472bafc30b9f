using Valueweb.Data;

namespace Valueweb.Features.Organisations;

/// <summary>A person of an organisation. Some people can sign in (they have an account).</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Ids.New();
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public Role Role { get; set; }
    public PersonStatus Status { get; set; } = PersonStatus.Active;
    public string TimeZone { get; set; } = "UTC";
    public string Language { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; } = 1;
}

public enum PersonStatus
{
    Active = 0,
    Disabled = 1,
}
