using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Import;

/// <summary>Lead files in the shape of real exports, with bad rows on known lines, and calls of the import API.</summary>
internal static class ImportApi
{
    public const string Url = "/api/v1/lead-imports";

    /// <summary>
    /// A Salesforce data export (API field names, the country as a name) of 8 records on 10 lines, tagged so that tests sharing a
    /// database do not meet: good and qualified (2), invalid e-mail (3), good but not qualified (4), no name (5), no way to reach
    /// anyone (6), unknown country (7), good with a description over two lines (8–9), the lead of line 2 again (10).
    /// </summary>
    public static string Salesforce(string tag) => $"""
        "Id","FirstName","LastName","Title","Company","City","Country","Phone","Email","LeadSource","Industry","NumberOfEmployees","ProductInterest__c","Description","IsConverted"
        "00Q{tag}000001AAA","Ada","Lovelace","Head of IT","Analytical Engines {tag} Ltd.","London","United Kingdom","+44 20 7946 0000","Ada.Lovelace@{tag}.example","Partner Referral","Technology","320","Cloud Platform;Hover Boards","Wants a demo","false"
        "00Q{tag}000002AAA","Grace","Hopper","CTO","Navy Systems {tag}","Berlin","Germany","","grace@navy","Web","Government","1200","","","false"
        "00Q{tag}000003AAA","Mia","Hoffmann","Owner","Hoffmann Bäckerei {tag}","Cologne","DE","+49 221 123","mia@{tag}-baeckerei.example","Purchased List","Food","6","","","false"
        "00Q{tag}000004AAA","","","","","","Germany","","nobody@{tag}.example","Web","","","","","false"
        "00Q{tag}000005AAA","Jonas","Keller","CIO","Isarwerk {tag} GmbH","Munich","Germany","n/a","","Trade Show","Manufacturing","1200","","","false"
        "00Q{tag}000006AAA","Alan","Turing","","Bletchley {tag} Ltd","","Atlantis","","alan@{tag}.example","Web","","20","","","false"
        "00Q{tag}000007AAA","Hannah","Schmidt","Head of Logistics","Elbufer {tag} Logistik GmbH","Hamburg","Germany","+49 40 555","hannah@{tag}-elbufer.example","Trade Show","Logistics","1500","SEC","Two sites,
        both on the river","false"
        "00Q{tag}000001AAA","Ada","Lovelace","Head of IT","Analytical Engines {tag} Ltd.","London","United Kingdom","+44 20 7946 0000","ada.lovelace@{tag}.example","Partner Referral","Technology","320","","","false"

        """.ReplaceLineEndings("\r\n");

    /// <summary>
    /// A HubSpot contacts export of 6 records: good and qualified (2), no e-mail and no phone (3), good, same person as line 2 at
    /// another company (4), invalid e-mail (5), good without a record id (6), unknown country (7).
    /// </summary>
    public static string HubSpot(string tag) => $"""
        Record ID,First Name,Last Name,Email,Phone Number,Company Name,Website URL,Job Title,City,Country/Region,Industry,Number of Employees,Original Source,Lifecycle Stage,Contact owner
        9{tag}01,Grace,Hopper,grace@{tag}-navy.example,+1 202 555 0143,US Navy Systems {tag},https://navy.example,CTO,Chicago,United States,Government,"1,200",Organic Search,Lead,Sam Owner
        9{tag}02,Ken,Thompson,,,Bell {tag} Labs,,Engineer,Chicago,United States,Software,500,Referrals,Lead,Sam Owner
        9{tag}03,Grace,Hopper,grace@{tag}-navy.example,,Hopper {tag} Consulting,,Owner,Chicago,United States,Government,3,Offline Sources,Lead,Sam Owner
        9{tag}04,Dennis,Ritchie,dennis at {tag}.example,,Unix {tag} Inc,,CTO,Chicago,United States,Software,800,Referrals,Lead,Sam Owner
        ,Barbara,Liskov,barbara@{tag}-mit.example,,Liskov {tag} Systems,,Professor,Boston,USA,Education,250,Referrals,Lead,Sam Owner
        9{tag}06,Linus,Torvalds,linus@{tag}.example,,Kernel {tag} Oy,,Fellow,Helsinki,Finlandia Nova,Software,100,Referrals,Lead,Sam Owner

        """.ReplaceLineEndings("\r\n");

    public static async Task<JsonElement> UploadAsync(HttpClient client, string csv, string fileName = "leads.csv", string? sourceSystem = null)
    {
        var response = await UploadRawAsync(client, csv, fileName, sourceSystem);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string csv, string fileName = "leads.csv", string? sourceSystem = null)
    {
        var query = $"?fileName={Uri.EscapeDataString(fileName)}" + (sourceSystem is null ? "" : $"&sourceSystem={Uri.EscapeDataString(sourceSystem)}");
        return client.PostAsync(Url + query, new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    public static async Task<JsonElement> UploadFormAsync(HttpClient client, string csv, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync(Url, form);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> StartRawAsync(HttpClient client, Guid id, object? body = null) =>
        client.PostAsync($"{Url}/{id}/start", body is null ? null : JsonContent.Create(body));

    public static async Task<JsonElement> StartAsync(HttpClient client, Guid id, object? body = null)
    {
        var response = await StartRawAsync(client, id, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(202, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Uploads, starts and runs the jobs (the import, then the routing queue); answers the finished import.</summary>
    public static async Task<JsonElement> ImportAsync(ValuewebFactory app, HttpClient client, string csv, string fileName = "leads.csv")
    {
        var id = (await UploadAsync(client, csv, fileName)).GetProperty("id").GetGuid();
        await StartAsync(client, id);
        await RunJobsAsync(app);
        return await client.GetFromJsonAsync<JsonElement>($"{Url}/{id}");
    }

    /// <summary>Runs due jobs and fails on a lead job that failed (the runner only logs it).</summary>
    public static async Task RunJobsAsync(ValuewebFactory app)
    {
        await app.RunJobsAsync();
        var failed = await app.Db(db => db.Jobs.Where(j => j.Kind.StartsWith("lead.") && j.LastError != "").Select(j => j.Kind + ": " + j.LastError).ToListAsync());
        failed.ShouldBeEmpty();
    }

    /// <summary>The lines of an error report, without its header: "line,reason".</summary>
    public static async Task<List<string>> ErrorLinesAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"{Url}/{id}/errors");
        ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[0].ShouldStartWith("line,reason,");
        return lines.Skip(1).ToList();
    }
}
