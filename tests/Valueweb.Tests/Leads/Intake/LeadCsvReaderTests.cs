using System.Text;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class LeadCsvReaderTests
{
    private const string Multiline =
        "First Name,Last Name,Company,Email,Description\n"
        + "Ada,Lovelace,Analytical Engines,ada@example.com,\"Two\nlines\"\n"
        + "Alan,Turing,Bletchley,alan@example.com,\"Three\r\nlines\rhere\"\r\n"
        + "\n"
        + ",,,,\n"
        + "Grace,Hopper,Navy,grace@example.com,plain\n"
        + "\"Quoted \"\"name\"\"\",X,\"Y, Inc.\",z@example.com,\"\"";

    [Fact]
    public void Records_know_the_physical_line_they_start_on_across_line_breaks_in_quotes()
    {
        using var reader = LeadFiles.Reader(Multiline);
        var rows = reader.ReadAll().ToList();

        reader.HeaderLine.ShouldBe(1);
        reader.Header.ShouldBe(["First Name", "Last Name", "Company", "Email", "Description"]);
        rows.Select(r => r.Line).ShouldBe([2, 4, 9, 10], "blank lines and empty records are skipped but counted");
        rows[0].Fields[4].ShouldBe("Two\nlines");
        rows[1].Fields[4].ShouldBe("Three\r\nlines\rhere");
        rows[2].Fields.ShouldBe(["Grace", "Hopper", "Navy", "grace@example.com", "plain"]);
        rows[3].Fields.ShouldBe(["Quoted \"name\"", "X", "Y, Inc.", "z@example.com", ""]);
        reader.Rows.ShouldBe(4);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_semicolons_are_told_from_the_header()
    {
        using var reader = LeadCsvReader.Open(LeadFiles.Utf8("Firma;\"Name, voll\";E-Mail\r\nMüller GmbH;\"Müller, Jörg\";j@mueller.example\r\n", bom: true));

        reader.Delimiter.ShouldBe(';');
        reader.Header.ShouldBe(["Firma", "Name, voll", "E-Mail"]);
        var row = reader.ReadAll().Single();
        row.Line.ShouldBe(2);
        row.Fields.ShouldBe(["Müller GmbH", "Müller, Jörg", "j@mueller.example"]);
    }

    [Fact]
    public void Commas_win_when_the_header_has_more_of_them_than_semicolons()
    {
        using var reader = LeadFiles.Reader("Company,Email,\"Notes; free text\"\nAcme;Corp,a@acme.example,x\n");

        reader.Delimiter.ShouldBe(',');
        reader.ReadAll().Single().Fields.ShouldBe(["Acme;Corp", "a@acme.example", "x"]);
    }

    [Fact]
    public void Sloppy_quoting_is_read_as_spreadsheets_mean_it()
    {
        var rows = LeadFiles.Rows("a,b,c\n5\" screen,\"quoted\" tail,short\nonly one\n");

        rows[0].Fields.ShouldBe(["5\" screen", "quoted tail", "short"]);
        rows[1].Fields.ShouldBe(["only one"]);
    }

    [Fact]
    public void A_quote_that_is_never_closed_makes_its_record_a_problem_to_report()
    {
        var rows = LeadFiles.Rows("Company,Email\nAcme,a@acme.example\n\"Broken,b@x.example\nnext,c@x.example\n");

        rows.Count.ShouldBe(2);
        rows[1].Line.ShouldBe(3);
        rows[1].Problem.ShouldBe("a quoted field is not closed");
    }

    [Fact]
    public void An_empty_file_has_no_header_and_no_rows()
    {
        using var reader = LeadFiles.Reader("");

        reader.Header.ShouldBeEmpty();
        reader.ReadAll().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Records_crossing_the_buffer_anywhere_read_the_same(int step)
    {
        var (text, expected) = Generated(3_000);

        using var reader = LeadCsvReader.Open(new LeadFiles.Trickle(text, step));
        var rows = reader.ReadAll().ToList();

        rows.Count.ShouldBe(expected.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Line.ShouldBe(expected[i].Line);
            rows[i].Fields.ShouldBe(expected[i].Fields);
        }
    }

    [Fact]
    public async Task Reading_without_blocking_gives_the_same_records_as_reading_with_blocking()
    {
        var (text, expected) = Generated(20_000);
        await using var stream = new LeadFiles.Unseekable(LeadFiles.Utf8(text));

        using var reader = await LeadCsvReader.OpenAsync(stream, cancellationToken: CancellationToken.None);
        var rows = new List<LeadCsvRow>();
        await foreach (var row in reader.ReadAllAsync()) rows.Add(row);

        rows.Select(r => r.Line).ShouldBe(expected.Select(e => e.Line));
        rows[^1].Fields.ShouldBe(expected[^1].Fields);
    }

    [Fact]
    public void A_record_longer_than_the_limit_stops_the_reading_with_its_line()
    {
        var text = "Company,Notes\nAcme,ok\n\"" + new string('x', LeadCsvReader.MaxRecordChars + 10);

        using var reader = LeadFiles.Reader(text);
        var error = Should.Throw<LeadCsvFormatException>(() => reader.ReadAll().ToList());

        error.Line.ShouldBe(3);
    }

    [Fact]
    public void Progress_counts_bytes_of_the_total_when_it_is_known()
    {
        var (text, _) = Generated(5_000);
        var reports = new LeadFiles.Reports();
        var stream = LeadFiles.Utf8(text);

        using (var reader = LeadCsvReader.Open(stream, progress: reports))
        {
            reader.ReadAll().Count().ShouldBe(5_000);
            reader.TotalBytes.ShouldBe(stream.Length);
        }

        reports.All.Count.ShouldBeGreaterThan(2);
        reports.All.Select(r => r.BytesRead).ShouldBeInOrder();
        reports.All[^1].BytesRead.ShouldBe(Encoding.UTF8.GetByteCount(text));
        reports.All[^1].Fraction.ShouldBe(1d);
    }

    [Fact]
    public void Progress_of_a_stream_of_unknown_size_has_no_fraction()
    {
        var reports = new LeadFiles.Reports();

        using var reader = LeadCsvReader.Open(new LeadFiles.Unseekable(LeadFiles.Utf8(Multiline)), progress: reports);
        reader.ReadAll().Count().ShouldBe(4);

        reader.TotalBytes.ShouldBeNull();
        reports.All[^1].Fraction.ShouldBeNull();
        reports.All[^1].BytesRead.ShouldBe(Encoding.UTF8.GetByteCount(Multiline));
    }

    /// <summary>A file whose records sometimes span lines, with the line and fields each record must read as.</summary>
    private static (string Text, List<LeadCsvRow> Expected) Generated(int count)
    {
        var text = new StringBuilder("Id,Company,Email,Description\r\n");
        var expected = new List<LeadCsvRow>();
        var line = 2;
        for (var i = 0; i < count; i++)
        {
            var notes = (i % 3) switch
            {
                0 => $"plain {i}",
                1 => $"line one\r\nline \"two\"\nline three {i}",
                _ => $"comma, {i}",
            };
            var quoted = i % 3 == 0 ? notes : $"\"{notes.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            text.Append($"{i},Company {i},person{i}@example.com,{quoted}\r\n");
            if (i % 500 == 0) text.Append("\r\n");
            expected.Add(new LeadCsvRow(line, [$"{i}", $"Company {i}", $"person{i}@example.com", notes]));
            line += 1 + (i % 3 == 1 ? 2 : 0) + (i % 500 == 0 ? 1 : 0);
        }
        return (text.ToString(), expected);
    }
}
