using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Catalog;

/// <summary>Tiers and product lines are data the vendor admin edits; every write lands in the audit log.</summary>
public sealed class ProgramTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task The_vendor_admin_renames_and_adds_tiers_and_the_audit_log_shows_who_did_it()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var read = await admin.GetAsync("/api/v1/program");
        var program = await read.Content.ReadFromJsonAsync<JsonElement>();
        var tiers = program.GetProperty("tiers").EnumerateArray()
            .Select(t => new { id = (Guid?)t.GetProperty("id").GetGuid(), name = t.GetProperty("name").GetString(), rank = (int?)t.GetProperty("rank").GetInt32() }).ToList();
        tiers.Count.ShouldBe(4);
        var changed = tiers.Select(t => t.rank == 4 ? t with { name = "Diamond" } : t).Append(new { id = (Guid?)null, name = (string?)"Elite", rank = (int?)5 }).ToList();

        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/program") { Content = JsonContent.Create(new { tiers = changed }) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var response = await admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + string.Join("\n", app.Errors.Seen));
        var names = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        names.ShouldBe(["Registered", "Silver", "Gold", "Diamond", "Elite"]);

        var duplicateRank = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/program")
        {
            Content = JsonContent.Create(new { tiers = new[] { new { name = "A", rank = 1 }, new { name = "B", rank = 1 } } }),
        };
        duplicateRank.Headers.TryAddWithoutValidation("If-Match", response.Headers.ETag!.Tag);
        (await admin.SendAsync(duplicateRank)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=program.");
        var entry = audit.GetProperty("items").EnumerateArray().First();
        entry.GetProperty("actor").GetString().ShouldBe("Vera Admin");
        entry.GetProperty("details").GetString()!.ShouldContain("Diamond");
    }

    [Fact]
    public async Task Product_lines_are_created_once_per_code()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        (await admin.PostAsJsonAsync("/api/v1/product-lines", new { code = "IOT", name = "IoT Platform" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await admin.PostAsJsonAsync("/api/v1/product-lines", new { code = "iot", name = "IoT again" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var lines = (await partner.GetFromJsonAsync<JsonElement>("/api/v1/product-lines")).GetProperty("items");
        lines.EnumerateArray().ShouldContain(l => l.GetProperty("code").GetString() == "IOT");
    }
}
