using System.Net;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Catalog;

/// <summary>The program page's creating forms carry an idempotency key: a post sent twice (a double click, a resent form) creates once.</summary>
public sealed class ProgramPageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_replayed_add_product_line_post_adds_one_line()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var html = await page.GetAsync("/program");
        var fields = new Dictionary<string, string>
        {
            ["Line.Key"] = PageSession.HiddenValue(html, "Line.Key"),
            ["Line.Code"] = "REPLAY-1",
            ["Line.Name"] = "Replayed Line",
        };
        var first = await page.PostAsync("/program", "line", html, fields);
        var second = await page.PostAsync("/program", "line", html, fields);
        foreach (var response in new[] { first, second })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Product line REPLAY-1 added.");
        }
        (await app.Db(db => db.ProductLines.CountAsync(l => l.Code == "REPLAY-1"))).ShouldBe(1);

        // a new form (a new key) is a new request: the code is taken now
        var next = await page.GetAsync("/program");
        PageSession.HiddenValue(next, "Line.Key").ShouldNotBe(fields["Line.Key"]);
        var again = await page.PostAsync("/program", "line", next, new()
        {
            ["Line.Key"] = PageSession.HiddenValue(next, "Line.Key"),
            ["Line.Code"] = "REPLAY-1",
            ["Line.Name"] = "Replayed again",
        });
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).ShouldContain("Another product line has this code.");
    }

    [Fact]
    public async Task A_replayed_publish_post_publishes_one_version()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var before = await app.Db(db => db.Agreements.MaxAsync(a => a.Version));
        var html = await page.GetAsync("/program");
        var fields = new Dictionary<string, string>
        {
            ["Agreement.Key"] = PageSession.HiddenValue(html, "Agreement.Key"),
            ["Agreement.Title"] = "Program Agreement, replayed",
            ["Agreement.Text"] = "The terms, sent twice.",
        };
        var first = await page.PostAsync("/program", "agreement", html, fields);
        var second = await page.PostAsync("/program", "agreement", html, fields);
        foreach (var response in new[] { first, second })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain($"Version {before + 1} published.");
        }
        (await app.Db(db => db.Agreements.MaxAsync(a => a.Version))).ShouldBe(before + 1);
        (await app.Db(db => db.Agreements.CountAsync(a => a.Title == "Program Agreement, replayed"))).ShouldBe(1);
    }
}
