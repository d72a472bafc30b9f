using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads;
using Valueweb.Features.Leads.Import;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Import;

/// <summary><c>valueweb import leads FILE</c> as a process against a database of this run's engine.</summary>
public sealed class LeadImportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("valueweb-import-").FullName;

    private static async Task<(int Code, string Output)> Run(string connection, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(AppProcess.AppDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["VALUEWEB_DATABASE"] = TestDatabases.Engine.ToString().ToLowerInvariant();
        info.Environment["VALUEWEB_CONNECTION"] = connection;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task A_file_is_imported_with_its_bad_rows_by_line_a_report_beside_it_and_a_summary_and_again_creates_nothing()
    {
        var connection = await TestDatabases.CloneAsync();
        var file = Write("march leads.csv", ImportApi.Salesforce("cli1"));
        var (code, output) = await Run(connection, "import", "leads", file);
        code.ShouldBe(0, output);
        output.ShouldContain("a Salesforce export");
        output.ShouldContain("Bad rows (4), not imported:");
        output.ShouldContain("line 3: invalid e-mail 'grace@navy'");
        output.ShouldContain("line 5: no company and no person's name");
        output.ShouldContain("line 6: no valid e-mail and no phone");
        output.ShouldContain("line 7: unknown country 'Atlantis'");
        output.ShouldContain("8 rows read: 3 imported, 1 duplicate, 4 bad; 2 queued for routing.");
        output.ShouldContain("Elapsed ");
        var report = File.ReadAllLines(file + ".errors.csv");
        report[0].ShouldStartWith("line,reason,Id,FirstName");
        report.Skip(1).Select(l => l.Split(',')[0]).ShouldBe(["3", "5", "6", "7", "10"]);

        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection)))
        {
            var import = await db.LeadImports.SingleAsync();
            (import.FileName, import.State, import.Rows, import.Imported, import.Bad, import.Queued).ShouldBe(("march leads.csv", LeadImportState.Done, 8, 3, 4, 2));
            import.ReadBytes.ShouldBe(new FileInfo(file).Length);
            (await db.Leads.CountAsync(l => l.Company.Contains("cli1") && l.Status == LeadStatus.Queued)).ShouldBe(2);
            (await db.Jobs.CountAsync(j => j.Kind == LeadRoutingQueue.Kind)).ShouldBe(1);
            (await db.Events.CountAsync(e => e.Type == "leads.imported" && e.SubjectId == import.Id)).ShouldBe(1);
        }

        var again = await Run(connection, "import", "leads", file, "--source-system", "Salesforce");
        again.Code.ShouldBe(0, again.Output);
        again.Output.ShouldContain("8 rows read: 0 imported, 4 duplicates, 4 bad; 0 queued for routing.");
    }

    [Fact]
    public async Task Columns_that_cannot_be_mapped_import_nothing_and_a_mapping_fixes_them_and_many_bad_rows_are_cut_short()
    {
        var connection = await TestDatabases.CloneAsync();
        var rows = Enumerable.Range(0, 25).Select(i => $"Nr {i},Firma {i} cli2,nobody-{i}@cli2").Prepend("Nachname,Firma,E-Mail Addr").Append("Keller,Isarwerk cli2,jonas@cli2.example");
        var file = Write("kontakte.csv", string.Join("\n", rows) + "\n");

        var unmapped = await Run(connection, "import", "leads", file);
        unmapped.Code.ShouldBe(LeadImportCommand.Unmapped, unmapped.Output);
        unmapped.Output.ShouldContain("mapping.company: No column for a company");
        var typo = await Run(connection, "import", "leads", file, "--map", "emial=E-Mail Addr");
        typo.Code.ShouldBe(LeadImportCommand.Unmapped, typo.Output);
        typo.Output.ShouldContain("mapping.emial: Not a lead field.");

        var (code, output) = await Run(connection, "import", "leads", file, "--map", "email=E-Mail Addr", "--map", "company=Firma", "--map", "lastName=Nachname");
        code.ShouldBe(0, output);
        output.ShouldContain("line 2: invalid e-mail 'nobody-0@cli2'");
        output.ShouldContain("line 21: invalid e-mail 'nobody-19@cli2'");
        output.ShouldNotContain("line 22:");
        output.ShouldContain("… and 5 more");
        output.ShouldContain("26 rows read: 1 imported, 0 duplicates, 25 bad; 0 queued for routing.");
        File.ReadAllLines(file + ".errors.csv").Length.ShouldBe(26);

        var missing = await Run(connection, "import", "leads", Path.Combine(folder, "none.csv"));
        missing.Code.ShouldBe(LeadImportCommand.Unreadable, missing.Output);
        missing.Output.ShouldContain("Cannot read");
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        (await db.LeadImports.CountAsync()).ShouldBe(1);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
