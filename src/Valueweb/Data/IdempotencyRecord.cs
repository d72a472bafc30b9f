namespace Valueweb.Data;

/// <summary>The answer given to a creating POST, kept per organisation and key so a retry gets the same answer.</summary>
public sealed class IdempotencyRecord
{
    public Guid OrganisationId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public string Location { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
