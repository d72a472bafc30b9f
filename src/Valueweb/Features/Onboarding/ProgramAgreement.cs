using Valueweb.Data;

namespace Valueweb.Features.Onboarding;

/// <summary>A version of the program agreement partners accept before they become active.</summary>
public sealed class ProgramAgreement
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ProgramId { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset? ReviewDueAt { get; set; }
}

/// <summary>Who accepted which version of the agreement for which partner, and when.</summary>
public sealed class AgreementAcceptance
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PartnerId { get; set; }
    public Guid AgreementId { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset AcceptedAt { get; set; }
}
