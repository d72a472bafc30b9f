namespace Valueweb.Data;

/// <summary>The answer given to a creating POST, kept per organisation and key so a retry gets the same answer.</summary>
public sealed class IdempotencyRecord
{
    public Guid OrganisationId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    /// <summary>The answer's JSON; encrypted (see <see cref="Sealed"/>) when it carries a secret shown once.</summary>
    public string ResponseBody { get; set; } = "";
    /// <summary>The body is encrypted with data protection: an answer that carries a new secret is never kept in the clear.</summary>
    public bool Sealed { get; set; }
    public string Location { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
