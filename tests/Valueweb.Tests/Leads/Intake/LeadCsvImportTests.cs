using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class LeadCsvImportTests
{
    private const string File =
        "Company,First Name,Email,Phone,Country,Notes\n"                   // 1
        + "Acme Corp.,Ada,ada@acme.example,,DE,\"first\nvisit\"\n"         // 2-3
        + "Globex,,x@,,US,\n"                                              // 4
        + "ACME Corporation,Ada,ADA@acme.example,,Germany,again\n"        // 5
        + "Initech,Peter,peter@initech.example,,Atlantis,\n"              // 6
        + "Umbrella,Alice,alice@umbrella.example,+1 555 0100,US,\n"       // 7
        + "Acme,Ada,ada@ACME.example,,,\"third, \"\"quoted\"\"\"\n";       // 8

    [Fact]
    public void Good_rows_are_imported_bad_ones_reported_by_line_and_repeats_counted_once()
    {
        using var import = LeadCsvImport.Open(LeadFiles.Utf8(File));
        var outcomes = import.Read().ToList();

        outcomes.Select(o => (o.Line, o.Kind)).ShouldBe(
        [
            (2, LeadRowKind.Good), (4, LeadRowKind.Bad), (5, LeadRowKind.Duplicate), (6, LeadRowKind.Bad), (7, LeadRowKind.Good),
            (8, LeadRowKind.Duplicate),
        ]);
        outcomes[2].DuplicateOf.ShouldBe(2);
        outcomes[2].Reasons.ShouldBe(["duplicate of line 2"]);
        outcomes[5].DuplicateOf.ShouldBe(2);
        (import.Tally.Rows, import.Tally.Good, import.Tally.Bad, import.Tally.Duplicates).ShouldBe((6, 2, 2, 2));
        import.Tally.ToString().ShouldBe("6 rows: 2 leads, 2 bad rows, 2 duplicates");
    }

    [Fact]
    public void The_error_report_lists_each_row_not_imported_with_its_line_reason_and_own_fields()
    {
        using var import = LeadCsvImport.Open(LeadFiles.Utf8(File));
        var text = new StringWriter();
        var report = new LeadErrorReport(text, import.Reader.Header, import.Reader.Delimiter);

        foreach (var outcome in import.Read()) report.Write(outcome);

        report.Count.ShouldBe(4);
        text.ToString().ShouldBe(
            "line,reason,Company,First Name,Email,Phone,Country,Notes\r\n"
            + "4,invalid e-mail 'x@',Globex,,x@,,US,\r\n"
            + "5,duplicate of line 2,ACME Corporation,Ada,ADA@acme.example,,Germany,again\r\n"
            + "6,unknown country 'Atlantis',Initech,Peter,peter@initech.example,,Atlantis,\r\n"
            + "8,duplicate of line 2,Acme,Ada,ada@ACME.example,,,\"third, \"\"quoted\"\"\"\r\n");
    }

    [Fact]
    public void The_error_report_can_be_read_back_as_a_lead_file()
    {
        using var import = LeadCsvImport.Open(LeadFiles.Utf8("Company;Email;Notes\nAcme;x@;\"a;b\nc\"\n"));
        var text = new StringWriter();
        var report = new LeadErrorReport(text, import.Reader.Header, import.Reader.Delimiter);
        foreach (var outcome in import.Read()) report.Write(outcome);

        using var again = LeadFiles.Reader(text.ToString());

        again.Delimiter.ShouldBe(';');
        again.Header.ShouldBe(["line", "reason", "Company", "Email", "Notes"]);
        again.ReadAll().Single().Fields.ShouldBe(["2", "invalid e-mail 'x@'", "Acme", "x@", "a;b\nc"]);
    }

    [Fact]
    public async Task Reading_a_request_body_without_blocking_gives_the_same_outcomes()
    {
        await using var body = new LeadFiles.Unseekable(LeadFiles.Utf8(File));
        using var import = await LeadCsvImport.OpenAsync(body);
        var outcomes = new List<LeadRowOutcome>();
        await foreach (var outcome in import.ReadAsync()) outcomes.Add(outcome);

        outcomes.Select(o => (o.Line, o.Kind)).ShouldBe(LeadFiles.Import(File).Select(o => (o.Line, o.Kind)));
    }

    [Fact]
    public void A_row_whose_quote_is_never_closed_is_a_bad_row()
    {
        var outcome = LeadFiles.Import("Company,Email,Notes\nAcme,a@acme.example,\"open\n").Single();

        outcome.Kind.ShouldBe(LeadRowKind.Bad);
        outcome.Reasons.ShouldBe(["a quoted field is not closed"]);
    }
}
