using Valueweb.Data;
using Valueweb.Matching;

namespace Valueweb.Features.Customers;

/// <summary>An end customer known to the vendor. Registrations, direct deals and named accounts point at one.</summary>
public sealed class CustomerAccount
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    /// <summary>The registrable web domain ("acme.com"), normalised; null when unknown.</summary>
    public string? Domain { get; set; }
    public string CountryCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; } = 1;
    public List<CustomerAlias> Aliases { get; set; } = [];

    public CompanyDescription Describe() =>
        new(Name, Domain is null ? [] : [Domain], Aliases.Select(a => a.Name).ToList());
}

/// <summary>Another name the vendor keeps for a customer: a former name, a brand.</summary>
public sealed class CustomerAlias
{
    public Guid Id { get; set; } = Ids.New();
    public Guid CustomerAccountId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A blocking key of a customer account: candidates for a match are the accounts sharing a key.</summary>
public sealed class CustomerKey
{
    public long KeyHash { get; set; }
    public Guid CustomerAccountId { get; set; }
}
