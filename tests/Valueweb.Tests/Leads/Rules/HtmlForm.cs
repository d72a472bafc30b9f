using System.Net;
using System.Text.RegularExpressions;

namespace Valueweb.Tests.Leads.Rules;

/// <summary>
/// What a browser would send for a form of a page: every enabled input, checked radio, selected option and textarea,
/// by name — so that a test changes only the fields it means to change.
/// </summary>
internal static partial class HtmlForm
{
    public static Dictionary<string, string> Fields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Input().Matches(html))
        {
            var tag = m.Value;
            var name = Attribute(tag, "name");
            if (name is null || name == "__RequestVerificationToken" || name == "_handler" || Has(tag, "disabled")) continue;
            var type = Attribute(tag, "type") ?? "text";
            if (type is "file" or "submit") continue;
            if (type is "radio" or "checkbox" && !Has(tag, "checked")) continue;
            fields[name] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? "");
        }
        foreach (Match m in Select().Matches(html))
        {
            var name = Attribute(m.Groups[1].Value, "name");
            if (name is null || Has(m.Groups[1].Value, "disabled")) continue;
            var options = Option().Matches(m.Groups[2].Value).Select(o => o.Groups[1].Value).ToList();
            var selected = options.FirstOrDefault(o => Has(o, "selected")) ?? options.FirstOrDefault();
            fields[name] = WebUtility.HtmlDecode(selected is null ? "" : Attribute(selected, "value") ?? "");
        }
        foreach (Match m in TextArea().Matches(html))
        {
            if (Attribute(m.Groups[1].Value, "name") is { } name && !Has(m.Groups[1].Value, "disabled")) fields[name] = WebUtility.HtmlDecode(m.Groups[2].Value);
        }
        return fields;
    }

    /// <summary>The options of a select, as (value, text).</summary>
    public static List<(string Value, string Text)> Options(string html, string name)
    {
        var select = Select().Matches(html).First(m => Attribute(m.Groups[1].Value, "name") == name);
        return OptionText().Matches(select.Groups[2].Value).Select(o => (WebUtility.HtmlDecode(Attribute(o.Groups[1].Value, "value") ?? ""), WebUtility.HtmlDecode(o.Groups[2].Value))).ToList();
    }

    /// <summary>The HTML from an element's id to the next field's label: where its errors are shown.</summary>
    public static string Around(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"an element with id {id}");
        var end = html.IndexOf("<label", start, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(end < 0 ? html[start..] : html[start..end]);
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    private static bool Has(string tag, string name) => Regex.IsMatch(tag, $"\\s{name}(=|\\s|>|/|$)");

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Input();

    [GeneratedRegex("<select\\b([^>]*)>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\b([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex Option();

    [GeneratedRegex("<option\\b([^>]*)>(.*?)</option>", RegexOptions.Singleline)]
    private static partial Regex OptionText();

    [GeneratedRegex("<textarea\\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();
}
