using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads.Import;

/// <summary>The application with uploads limited to 4 KB, so that the limit can be met by a test.</summary>
public sealed class SmallUploadsFactory : ValuewebFactory
{
    public const int Limit = 4096;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Valueweb:LeadImportMaxBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Who may import, and what the API refuses: partners and competitors, bad uploads, bad mappings, a second start.</summary>
public sealed class LeadImportRulesTests(SmallUploadsFactory app) : IClassFixture<SmallUploadsFactory>
{
    private const string German = "Nachname,Vorname,Firma,E-Mail Addr,Land\r\nKeller,Jonas,Isarwerk grm4 GmbH,jonas@grm4.example,Deutschland\r\n"
        + "Schmidt,Hannah,Elbufer grm4 GmbH,hannah@grm4,Deutschland\r\n";

    [Fact]
    public async Task Partners_and_competitors_get_403_on_every_import_endpoint_and_see_no_import()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var id = (await ImportApi.UploadAsync(cm, ImportApi.HubSpot("acc1"))).GetProperty("id").GetGuid();
        var imports = await app.Db(db => db.LeadImports.CountAsync());
        foreach (var caller in new[] { ValuewebFactory.PartnerA, ValuewebFactory.PartnerB, "sales@alpenglow.demo", "finance@valueweb.demo" })
        {
            var client = await app.ApiAs(caller);
            (await ImportApi.UploadRawAsync(client, ImportApi.HubSpot("acc9"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, caller);
            (await client.GetAsync(ImportApi.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, caller);
            (await client.GetAsync($"{ImportApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, caller);
            (await ImportApi.StartRawAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, caller);
            (await client.GetAsync($"{ImportApi.Url}/{id}/errors")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, caller);
        }
        (await app.Anonymous().GetAsync($"{ImportApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The refused upload stored nothing, and the import was not started by anyone.
        (await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}")).GetProperty("state").GetString().ShouldBe("uploaded");
        (await app.Db(db => db.LeadImports.CountAsync())).ShouldBe(imports);
    }

    [Fact]
    public async Task A_file_with_other_column_names_is_started_with_a_mapping_and_a_bad_mapping_names_the_field()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var uploaded = await ImportApi.UploadAsync(cm, German, "kontakte.csv");
        var id = uploaded.GetProperty("id").GetGuid();
        var preview = uploaded.GetProperty("columns");
        preview.GetProperty("unrecognised").EnumerateArray().Select(c => c.GetProperty("header").GetString()).ShouldBe(["Nachname", "Vorname", "Firma", "E-Mail Addr", "Land"]);
        preview.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["mapping.company", "mapping.email"]);

        await ShouldRefuseAsync(cm, id, null, "mapping.company");
        await ShouldRefuseAsync(cm, id, new { mapping = new { email = "E-Mail Adresse", lastName = "Nachname" } }, "mapping.email");
        await ShouldRefuseAsync(cm, id, new { mapping = new { emial = "E-Mail Addr" } }, "mapping.emial");
        await ShouldRefuseAsync(cm, id, new { mapping = new { email = "E-Mail Addr", company = "E-Mail Addr" } }, "mapping.company");
        await ShouldRefuseAsync(cm, id, new { sourceSystem = new string('x', 41) }, "sourceSystem");
        var bad = await ImportApi.StartRawAsync(cm, id, "not an object");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"{ImportApi.Url}/{id}/start");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"v7\"");
        (await cm.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var mapping = new { email = "E-Mail Addr", company = "Firma", lastName = "Nachname", firstName = "Vorname", country = "Land" };
        var started = await ImportApi.StartAsync(cm, id, new { mapping, sourceSystem = "CRM" });
        started.GetProperty("mapping").GetProperty("email").GetString().ShouldBe("E-Mail Addr");
        started.GetProperty("sourceSystem").GetString().ShouldBe("crm");
        var again = await ImportApi.StartRawAsync(cm, id, new { mapping });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        await ImportApi.RunJobsAsync(app);
        var done = await cm.GetFromJsonAsync<JsonElement>($"{ImportApi.Url}/{id}");
        (done.GetProperty("imported").GetInt32(), done.GetProperty("bad").GetInt32()).ShouldBe((1, 1));
        (await ImportApi.ErrorLinesAsync(cm, id)).ShouldBe(["3,invalid e-mail 'hannah@grm4',Schmidt,Hannah,Elbufer grm4 GmbH,hannah@grm4,Deutschland"]);
    }

    [Fact]
    public async Task Uploads_that_are_not_lead_files_are_refused_naming_the_field()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var json = await cm.PostAsync(ImportApi.Url, new StringContent("{}", Encoding.UTF8, "application/json"));
        await ShouldNameAsync(json, HttpStatusCode.BadRequest, "body");
        await ShouldNameAsync(await ImportApi.UploadRawAsync(cm, ""), HttpStatusCode.BadRequest, "file");
        await ShouldNameAsync(await ImportApi.UploadRawAsync(cm, German, sourceSystem: new string('s', 41)), HttpStatusCode.BadRequest, "sourceSystem");
        using var form = new MultipartFormDataContent { { new StringContent(German), "attachment", "x.csv" } };
        await ShouldNameAsync(await cm.PostAsync(ImportApi.Url, form), HttpStatusCode.BadRequest, "file");

        var large = await ImportApi.UploadRawAsync(cm, German + new string('x', SmallUploadsFactory.Limit));
        large.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await large.Content.ReadAsStringAsync()).ShouldContain("valueweb import leads");

        foreach (var path in new[] { $"{ImportApi.Url}/{Guid.NewGuid()}", $"{ImportApi.Url}/not-an-id", $"{ImportApi.Url}/{Guid.NewGuid()}/errors" })
            (await cm.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        (await ImportApi.StartRawAsync(cm, Guid.NewGuid(), new { mapping = new { x = "y" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task ShouldRefuseAsync(HttpClient client, Guid id, object? body, string field) =>
        await ShouldNameAsync(await ImportApi.StartRawAsync(client, id, body), HttpStatusCode.BadRequest, field);

    private static async Task ShouldNameAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field, text);
    }
}
