namespace Valueweb.Features.Leads.Intake;

/// <summary>The counts of an import so far, for its progress and its summary.</summary>
public sealed class LeadImportTally
{
    public int Rows { get; private set; }
    public int Good { get; private set; }
    public int Bad { get; private set; }
    public int Duplicates { get; private set; }

    public void Count(LeadRowOutcome outcome)
    {
        Rows++;
        switch (outcome.Kind)
        {
            case LeadRowKind.Good:
                Good++;
                break;
            case LeadRowKind.Bad:
                Bad++;
                break;
            default:
                Duplicates++;
                break;
        }
    }

    /// <summary>"1,000 rows: 990 leads, 8 bad rows, 2 duplicates".</summary>
    public override string ToString() =>
        $"{Rows:N0} {(Rows == 1 ? "row" : "rows")}: {Good:N0} {(Good == 1 ? "lead" : "leads")}, {Bad:N0} bad {(Bad == 1 ? "row" : "rows")}, "
        + $"{Duplicates:N0} {(Duplicates == 1 ? "duplicate" : "duplicates")}";
}
