namespace Valueweb.Data;

/// <summary>A data-protection key ring element, kept in the database so every node reads every cookie.</summary>
public sealed class StoredDataProtectionKey
{
    public Guid Id { get; set; } = Ids.New();
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
