namespace Valueweb.Features.Leads.Intake;

public enum LeadRowKind
{
    /// <summary>A lead to import.</summary>
    Good,
    /// <summary>A row that is not imported, for the reasons given.</summary>
    Bad,
    /// <summary>A lead already read from an earlier line of the same file: counted once, not reported as bad.</summary>
    Duplicate,
}

/// <summary>What became of one row of a lead file.</summary>
public sealed record LeadRowOutcome(int Line, LeadRowKind Kind, string[] Fields, LeadDraft? Draft, LeadIdentity? Identity,
    IReadOnlyList<string> Reasons, int? DuplicateOf = null)
{
    public static LeadRowOutcome Good(LeadCsvRow row, LeadDraft draft, LeadIdentity identity) =>
        new(row.Line, LeadRowKind.Good, row.Fields, draft, identity, []);

    public static LeadRowOutcome Bad(LeadCsvRow row, IReadOnlyList<string> reasons) =>
        new(row.Line, LeadRowKind.Bad, row.Fields, null, null, reasons);

    /// <summary>This good row as a repeat of the lead first read on <paramref name="firstLine"/>.</summary>
    public LeadRowOutcome AsDuplicateOf(int firstLine) =>
        this with { Kind = LeadRowKind.Duplicate, DuplicateOf = firstLine, Reasons = [$"duplicate of line {firstLine}"] };

    /// <summary>"line 7: invalid e-mail 'x@'; unknown country 'Atlantis'", for a terminal.</summary>
    public string Describe() => $"line {Line}: {string.Join("; ", Reasons)}";
}
