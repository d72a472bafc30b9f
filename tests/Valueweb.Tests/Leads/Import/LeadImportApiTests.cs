using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Leads;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Import;

/// <summary>Importing lead files through the API: preview, start, progress, the error report, routing of the queued leads, re-import.</summary>
public sealed class LeadImportApiTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_salesforce_export_is_previewed_imported_reported_and_its_qualified_leads_routed()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var csv = ImportApi.Salesforce("sfa1");
        var uploaded = await ImportApi.UploadAsync(cm, csv, "C:\\exports\\Leads March.csv");
        uploaded.GetProperty("state").GetString().ShouldBe("uploaded");
        uploaded.GetProperty("fileName").GetString().ShouldBe("Leads March.csv");
        uploaded.GetProperty("totalBytes").GetInt64().ShouldBe(System.Text.Encoding.UTF8.GetByteCount(csv));
        var columns = uploaded.GetProperty("columns");
        columns.GetProperty("format").GetString().ShouldBe("salesforce");
        var recognised = columns.GetProperty("recognised").EnumerateArray().ToDictionary(c => c.GetProperty("header").GetString()!, c => c.GetProperty("field").GetString());
        recognised["Id"].ShouldBe("sourceRecordId");
        recognised["Company"].ShouldBe("company");
        recognised["NumberOfEmployees"].ShouldBe("employees");
        recognised["ProductInterest__c"].ShouldBe("productInterest");
        columns.GetProperty("unrecognised").EnumerateArray().Select(c => c.GetProperty("header").GetString()).ShouldBe(["IsConverted"]);
        columns.GetProperty("errors").EnumerateObject().ShouldBeEmpty();
        var rows = columns.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("line").GetInt32()).ShouldBe([2, 3, 4, 5, 6]);
        rows[0].GetProperty("good").GetBoolean().ShouldBeTrue();
        rows[0].GetProperty("values").GetProperty("company").GetString().ShouldBe("Analytical Engines sfa1 Ltd.");
        rows[1].GetProperty("reasons").EnumerateArray().Single().GetString().ShouldBe("invalid e-mail 'grace@navy'");

        // Nothing is imported before it is started; the report is not there yet.
        var id = uploaded.GetProperty("id").GetGuid();
        (await app.Db(db => db.Leads.CountAsync(l => l.Company.Contains("sfa1")))).ShouldBe(0);
        (await cm.GetAsync($"{ImportApi.Url}/{id}/errors")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var started = await ImportApi.StartAsync(cm, id);
        started.GetProperty("state").GetString().ShouldBe("running");
        await ImportApi.RunJobsAsync(app);

        var done = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}");
        done.GetProperty("state").GetString().ShouldBe("done");
        done.GetProperty("percent").GetDouble().ShouldBe(100);
        done.GetProperty("readBytes").GetInt64().ShouldBe(done.GetProperty("totalBytes").GetInt64());
        (done.GetProperty("rows").GetInt32(), done.GetProperty("imported").GetInt32(), done.GetProperty("duplicates").GetInt32(), done.GetProperty("bad").GetInt32(),
            done.GetProperty("queued").GetInt32()).ShouldBe((8, 3, 1, 4, 2));

        var errors = await ImportApi.ErrorLinesAsync(cm, id);
        errors.Select(l => l[..l.IndexOf(",00Q", StringComparison.Ordinal)]).ShouldBe([
            "3,invalid e-mail 'grace@navy'",
            "5,no company and no person's name",
            "6,no valid e-mail and no phone",
            "7,unknown country 'Atlantis'",
            "10,duplicate of line 2",
        ]);

        // The good rows are leads the vendor sees, normalised; the qualified ones were routed, the other is nurtured.
        var leads = await LeadsAsync(cm, "sfa1");
        leads.Keys.ShouldBe(["Analytical Engines sfa1 Ltd.", "Elbufer sfa1 Logistik GmbH", "Hoffmann Bäckerei sfa1"], ignoreOrder: true);
        leads["Hoffmann Bäckerei sfa1"].GetProperty("status").GetString().ShouldBe("nurture");
        foreach (var routed in new[] { "Analytical Engines sfa1 Ltd.", "Elbufer sfa1 Logistik GmbH" })
            leads[routed].GetProperty("status").GetString().ShouldBeOneOf("offered", "vendorQueue", "directSales");
        var ada = await cm.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leads["Analytical Engines sfa1 Ltd."].GetProperty("id").GetGuid()}");
        ada.GetProperty("channel").GetString().ShouldBe("import");
        ada.GetProperty("person").GetProperty("email").GetString().ShouldBe("ada.lovelace@sfa1.example");
        ada.GetProperty("company").GetProperty("country").GetString().ShouldBe("GB");
        ada.GetProperty("company").GetProperty("employees").GetInt32().ShouldBe(320);
        ada.GetProperty("score").GetInt32().ShouldBe(55);
        ada.GetProperty("scoreReasons").EnumerateArray().Select(r => r.GetProperty("points").GetInt32()).ShouldBe([30, 25]);
        ada.GetProperty("productLines").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["Cloud Platform"]);
        ada.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow());
        var hannah = await cm.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leads["Elbufer sfa1 Logistik GmbH"].GetProperty("id").GetGuid()}");
        hannah.GetProperty("description").GetString().ShouldBe("Two sites,\r\nboth on the river");
        hannah.GetProperty("productLines").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["Security Suite"]);
        var routing = await cm.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{ada.GetProperty("id").GetGuid()}/routing");
        routing.GetProperty("decisions").GetArrayLength().ShouldBe(1);

        // One event for the whole import, not one per row.
        var events = await app.Db(db => db.Events.Where(e => e.SubjectId == id).Select(e => new { e.Type, e.Data }).ToListAsync());
        events.ShouldHaveSingleItem().Type.ShouldBe("leads.imported");
        JsonDocument.Parse(events[0].Data).RootElement.GetProperty("imported").GetInt32().ShouldBe(3);
        (await app.Db(db => db.Leads.CountAsync(l => l.Status == LeadStatus.Queued))).ShouldBe(0);
    }

    [Fact]
    public async Task A_hubspot_export_sent_as_a_form_imports_its_good_rows_and_imported_again_creates_nothing()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var csv = ImportApi.HubSpot("hsb2");
        var uploaded = await ImportApi.UploadFormAsync(cm, csv, "hubspot-contacts.csv");
        uploaded.GetProperty("fileName").GetString().ShouldBe("hubspot-contacts.csv");
        uploaded.GetProperty("columns").GetProperty("format").GetString().ShouldBe("hubSpot");
        var id = uploaded.GetProperty("id").GetGuid();
        await ImportApi.StartAsync(cm, id);
        await ImportApi.RunJobsAsync(app);
        var first = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}");
        (first.GetProperty("rows").GetInt32(), first.GetProperty("imported").GetInt32(), first.GetProperty("duplicates").GetInt32(), first.GetProperty("bad").GetInt32(),
            first.GetProperty("queued").GetInt32()).ShouldBe((6, 3, 0, 3, 2));
        var errors = await ImportApi.ErrorLinesAsync(cm, id);
        errors.Select(l => l.Split(',')[0] + ":" + l.Split(',')[1]).ShouldBe([
            "3:no valid e-mail and no phone",
            "5:invalid e-mail 'dennis at hsb2.example'",
            "7:unknown country 'Finlandia Nova'",
        ]);
        var leads = await LeadsAsync(cm, "hsb2");
        leads.Keys.ShouldBe(["US Navy Systems hsb2", "Hopper hsb2 Consulting", "Liskov hsb2 Systems"], ignoreOrder: true);

        // The same file again, as text this time: every good row is known (by its record id, or by e-mail and company).
        var again = await ImportApi.ImportAsync(app, cm, csv, "hubspot-contacts.csv");
        (again.GetProperty("rows").GetInt32(), again.GetProperty("imported").GetInt32(), again.GetProperty("duplicates").GetInt32(), again.GetProperty("bad").GetInt32(),
            again.GetProperty("queued").GetInt32()).ShouldBe((6, 0, 3, 3, 0));
        (await LeadsAsync(cm, "hsb2")).Count.ShouldBe(3);
        (await app.Db(db => db.Leads.CountAsync(l => l.Company.Contains("hsb2")))).ShouldBe(3);
    }

    [Fact]
    public async Task Imports_are_listed_newest_first_and_an_upload_honours_its_idempotency_key()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var csv = ImportApi.HubSpot("idc3");
        Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, ImportApi.Url + "?fileName=a.csv") { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };
            request.Headers.Add("Idempotency-Key", "import-idc3");
            return cm.SendAsync(request);
        }
        var first = await Send();
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await Send();
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        (await app.Db(db => db.LeadImports.CountAsync(i => i.FileName == "a.csv"))).ShouldBe(1);

        var later = (await ImportApi.UploadAsync(cm, csv, "b.csv")).GetProperty("id").GetGuid();
        var list = await cm.GetFromJsonAsync<JsonElement>(ImportApi.Url + "?limit=2");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([later, id]);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_to_its_end_fails_the_import_with_the_reason()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var broken = "\"Never closed brk5," + new string('x', 4_300_000) + "\r\n";
        // Within the preview's rows, the upload itself is refused; further on, the import fails when it gets there.
        var early = await ImportApi.UploadRawAsync(cm, "Company,Email\r\nBroken brk5 Ltd,ok@brk5.example\r\n" + broken);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("Line 3 starts a record of more than");
        var good = string.Concat(Enumerable.Range(0, 6).Select(i => $"Good {i} brk5 Ltd,ok{i}@brk5.example\r\n"));
        var csv = "Company,Email\r\n" + good + broken;
        var id = (await ImportApi.UploadAsync(cm, csv)).GetProperty("id").GetGuid();
        await ImportApi.StartAsync(cm, id);
        await ImportApi.RunJobsAsync(app);
        var failed = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}");
        failed.GetProperty("state").GetString().ShouldBe("failed");
        failed.GetProperty("failure").GetString()!.ShouldContain("Line 8 starts a record of more than");
        (await cm.GetAsync($"{ImportApi.Url}/{id}/errors")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ImportApi.StartRawAsync(cm, id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_imports_of_one_file_running_at_once_store_every_lead_once()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var rows = Enumerable.Range(0, 4500).Select(i => $"Person {i},Twin{i} tw6 GmbH,person{i}@tw6-{i % 50}.example,DE,{(i % 15 == 0 ? 500 : 5)},Web");
        var csv = "Last Name,Company,Email,Country,Employees,Lead Source\r\n" + string.Join("\r\n", rows) + "\r\n";
        var first = (await ImportApi.UploadAsync(cm, csv, "twin-a.csv")).GetProperty("id").GetGuid();
        var second = (await ImportApi.UploadAsync(cm, csv, "twin-b.csv")).GetProperty("id").GetGuid();
        await ImportApi.StartAsync(cm, first);
        await ImportApi.StartAsync(cm, second);
        // Two nodes: each claims one import job and runs it while the other runs its own.
        await Task.WhenAll(Task.Run(app.RunJobsAsync), Task.Run(app.RunJobsAsync));
        await ImportApi.RunJobsAsync(app);

        var a = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{first}");
        var b = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{second}");
        (a.GetProperty("state").GetString(), b.GetProperty("state").GetString()).ShouldBe(("done", "done"));
        (a.GetProperty("imported").GetInt32() + b.GetProperty("imported").GetInt32()).ShouldBe(4500);
        (a.GetProperty("duplicates").GetInt32() + b.GetProperty("duplicates").GetInt32()).ShouldBe(4500);
        (await app.Db(db => db.Leads.CountAsync(l => l.Company.EndsWith(" tw6 GmbH")))).ShouldBe(4500);
        (await app.Db(db => db.Leads.CountAsync(l => l.Company.EndsWith(" tw6 GmbH") && l.Status == LeadStatus.Queued))).ShouldBe(0);
    }

    private static async Task<Dictionary<string, JsonElement>> LeadsAsync(HttpClient client, string tag)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?q={tag}&limit=100");
        return page.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("company").GetString()!, l => l.Clone());
    }
}
