using Valueweb.Data;

namespace Valueweb.Features.Deals;

/// <summary>An opportunity the vendor's direct sales force works itself.</summary>
public sealed class DirectDeal
{
    public Guid Id { get; set; } = Ids.New();
    public Guid CustomerAccountId { get; set; }
    public string Title { get; set; } = "";
    public Guid? OwnerPersonId { get; set; }
    public bool Open { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<DirectDealProductLine> ProductLines { get; set; } = [];
}

public sealed class DirectDealProductLine
{
    public Guid DirectDealId { get; set; }
    public Guid ProductLineId { get; set; }
}

/// <summary>A customer reserved for direct sales, for some product lines or (none listed) for all.</summary>
public sealed class NamedAccount
{
    public Guid Id { get; set; } = Ids.New();
    public Guid CustomerAccountId { get; set; }
    public Guid? OwnerPersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<NamedAccountProductLine> ProductLines { get; set; } = [];
}

public sealed class NamedAccountProductLine
{
    public Guid NamedAccountId { get; set; }
    public Guid ProductLineId { get; set; }
}
