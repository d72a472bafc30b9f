using Valueweb.Data;

namespace Valueweb.Features.Catalog;

/// <summary>A product line of the vendor's catalog, which partners are authorised to sell.</summary>
public sealed class ProductLine
{
    public Guid Id { get; set; } = Ids.New();
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Active { get; set; } = true;
    public long Version { get; set; } = 1;
}
