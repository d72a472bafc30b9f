using System.Text;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

/// <summary>Sample lead files, written for these tests in the shape of real exports.</summary>
internal static class LeadFiles
{
    public const string SalesforceApiHeader =
        "\"Id\",\"IsDeleted\",\"MasterRecordId\",\"LastName\",\"FirstName\",\"Salutation\",\"Name\",\"Title\",\"Company\",\"Street\",\"City\",\"State\","
        + "\"PostalCode\",\"Country\",\"StateCode\",\"CountryCode\",\"Latitude\",\"Longitude\",\"Phone\",\"MobilePhone\",\"Fax\",\"Email\",\"Website\","
        + "\"Description\",\"LeadSource\",\"Status\",\"Industry\",\"Rating\",\"AnnualRevenue\",\"NumberOfEmployees\",\"OwnerId\",\"IsConverted\","
        + "\"CreatedDate\",\"LastActivityDate\",\"ProductInterest__c\",\"Segment__c\"";

    public const string SalesforceApiRow =
        "\"00Q5g00000A1bCdEAJ\",\"false\",\"\",\"Lovelace\",\"Ada\",\"Ms.\",\"Ada Lovelace\",\"Head of IT\",\"Analytical Engines Ltd.\","
        + "\"12 Baker Street\",\"London\",\"\",\"NW1 6XE\",\"United Kingdom\",\"\",\"GB\",\"\",\"\",\"+44 20 7946 0000\",\"\",\"\","
        + "\"Ada.Lovelace@Example.COM\",\"www.analytical.example\",\"Wants a demo\",\"Partner Referral\",\"Open - Not Contacted\",\"Technology\","
        + "\"Hot\",\"2500000\",\"320\",\"0055g00000Xyz12AAA\",\"false\",\"2026-10-01T09:00:00.000Z\",\"\",\"Cloud Suite;Analytics\",\"Enterprise\"";

    public const string SalesforceReportHeader =
        "\"Lead Owner\",\"First Name\",\"Last Name\",\"Title\",\"Company / Account\",\"Lead Source\",\"Lead Status\",\"Rating\",\"Email\",\"Phone\","
        + "\"Mobile\",\"Street\",\"City\",\"State/Province\",\"Zip/Postal Code\",\"Country\",\"Industry\",\"No. of Employees\",\"Annual Revenue\","
        + "\"Create Date\",\"Lead ID\"";

    public const string SalesforceReportRow =
        "\"Jane Seller\",\"Ada\",\"Lovelace\",\"Head of IT\",\"Analytical Engines Ltd\",\"Partner Referral\",\"Open - Not Contacted\",\"Hot\","
        + "\"ada.lovelace@example.com\",\"+44 20 7946 0000\",\"\",\"12 Baker Street\",\"London\",\"\",\"NW1 6XE\",\"UK\",\"Technology\",\"320\","
        + "\"GBP 2,500,000\",\"01/10/2026\",\"00Q5g00000A1bCd\"";

    public const string HubSpotHeader =
        "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Website URL,Job Title,Street Address,City,State/Region,"
        + "Postal Code,Country/Region,Industry,Number of Employees,Annual Revenue,Original Source,Original Source Drill-Down 1,Lead Status,"
        + "Lifecycle Stage,Contact owner,Create Date,Associated Company";

    public const string HubSpotRow =
        "51234567801,Grace,Hopper,grace@navy.example,+1 202 555 0143,,US Navy Systems Inc.,https://navy.example,CTO,1 Main St,Arlington,Virginia,"
        + "22202,United States,Government,\"1,200\",\"$4,000,000\",Organic Search,google,New,Lead,Sam Owner,2026-10-02 10:00,US Navy Systems";

    public static MemoryStream Utf8(string text, bool bom = false)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return new MemoryStream(bytes);
    }

    public static LeadCsvReader Reader(string text) => LeadCsvReader.Open(Utf8(text));

    public static List<LeadCsvRow> Rows(string text)
    {
        using var reader = Reader(text);
        return reader.ReadAll().ToList();
    }

    public static List<LeadRowOutcome> Import(string text, LeadImportOptions? options = null)
    {
        using var import = LeadCsvImport.Open(Utf8(text), options);
        return import.Read().ToList();
    }

    /// <summary>A text reader that hands out a few characters at a time, so that every record crosses the reader's buffer.</summary>
    public sealed class Trickle(string text, int step) : TextReader
    {
        private int at;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(step, count), text.Length - at);
            text.CopyTo(at, buffer, index, n);
            at += n;
            return n;
        }

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(step, buffer.Length), text.Length - at);
            text.AsSpan(at, n).CopyTo(buffer);
            at += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>A stream that cannot tell its length, as a request body.</summary>
    public sealed class Unseekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Progress reported on the reading thread (Progress&lt;T&gt; would post it elsewhere).</summary>
    public sealed class Reports : IProgress<LeadImportProgress>
    {
        public List<LeadImportProgress> All { get; } = [];
        public void Report(LeadImportProgress value) => All.Add(value);
    }
}
