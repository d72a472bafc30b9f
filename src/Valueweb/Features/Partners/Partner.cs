using Valueweb.Data;

namespace Valueweb.Features.Partners;

/// <summary>The partner-specific side of a partner company; its id is the organisation's id.</summary>
public sealed class Partner
{
    public Guid Id { get; set; }
    public PartnerTypes Types { get; set; }
    public Guid? ProgramId { get; set; }
    public Guid? TierId { get; set; }
    public Guid? ChannelManagerId { get; set; }
    public bool Listed { get; set; }
    public string PublicDescription { get; set; } = "";
    public string Website { get; set; } = "";
    public string Phone { get; set; } = "";
    public string PrivateNotes { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public DateTimeOffset? AppliedAt { get; set; }
    public List<PartnerCountry> Countries { get; set; } = [];
    public List<PartnerProductLine> ProductLines { get; set; } = [];
    public List<PartnerLocation> Locations { get; set; } = [];
    public List<PartnerDomain> Domains { get; set; } = [];
    public List<PartnerAttribute> Attributes { get; set; } = [];
}

/// <summary>Kinds of partner; a partner can be several at once.</summary>
[Flags]
public enum PartnerTypes
{
    None = 0,
    Reseller = 1,
    ValueAddedReseller = 2,
    SystemIntegrator = 4,
    Distributor = 8,
    Oem = 16,
    Isv = 32,
    ReferralAgent = 64,
}

public sealed class PartnerCountry
{
    public Guid PartnerId { get; set; }
    public string CountryCode { get; set; } = "";
}

public sealed class PartnerProductLine
{
    public Guid PartnerId { get; set; }
    public Guid ProductLineId { get; set; }
}

public sealed class PartnerDomain
{
    public Guid PartnerId { get; set; }
    public string Domain { get; set; } = "";
}

/// <summary>A segment, competency or region a partner has (kind + value).</summary>
public sealed class PartnerAttribute
{
    public Guid PartnerId { get; set; }
    public PartnerAttributeKind Kind { get; set; }
    public string Value { get; set; } = "";
}

public enum PartnerAttributeKind
{
    Segment = 0,
    Competency = 1,
    Region = 2,
    /// <summary>A certification the vendor granted (lead routing can require one).</summary>
    Certification = 3,
}

public sealed class PartnerLocation
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PartnerId { get; set; }
    public string City { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
