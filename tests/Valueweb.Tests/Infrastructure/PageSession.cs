using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Valueweb.Tests.Infrastructure;

/// <summary>
/// A browser without a browser: signs in through the sign-in page (cookie), reads pages and posts their named
/// forms with the antiforgery token the page gave out, as a plain HTML form would.
/// </summary>
public sealed partial class PageSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<PageSession> SignInAsync(ValuewebFactory app, string email, string password = ValuewebFactory.Password)
    {
        var session = new PageSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await session.SubmitAsync("/signin", "signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        ((int)response.StatusCode).ShouldBeInRange(300, 399, $"signing in {email} should redirect");
        return session;
    }

    /// <summary>The page's HTML, decoded (entities resolved) for plain-text assertions.</summary>
    public async Task<string> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads the page, then posts the form named <paramref name="formName"/> with these fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var html = await GetAsync(path);
        return await PostAsync(path, formName, html, fields);
    }

    /// <summary>Posts a form of a page read before (a stale tab, or a replayed post).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string formName, string pageHtml, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(pageHtml);
        token.Success.ShouldBeTrue("the page carries an antiforgery token");
        var body = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
        };
        body.AddRange(fields);
        return await Client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    /// <summary>Posts and answers the resulting page's text (entities decoded).</summary>
    public async Task<string> SubmitForPageAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var response = await SubmitAsync(path, formName, fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of a hidden field in a page's HTML (the first one of that name).</summary>
    public static string HiddenValue(string html, string name)
    {
        var m = Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        m.Success.ShouldBeTrue($"hidden field {name}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
