namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// Normalises where a lead came from to one key, whatever system wrote it: Salesforce's lead sources ("Web", "Partner
/// Referral"), HubSpot's original sources ("Organic Search", "ORGANIC_SEARCH") and common spellings ("website", "tradeshow").
/// Vendor rules are normalised the same way, so "Trade Show" in a rule matches "tradeshow" in a file.
/// </summary>
public static class LeadSources
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["website"] = "web",
        ["web-site"] = "web",
        ["web-form"] = "web",
        ["webform"] = "web",
        ["online-form"] = "web",
        ["contact-form"] = "web",
        ["phone"] = "phone-inquiry",
        ["inbound-call"] = "phone-inquiry",
        ["phone-enquiry"] = "phone-inquiry",
        ["partner"] = "partner-referral",
        ["referral-partner"] = "partner-referral",
        ["referrals"] = "referral",
        ["word-of-mouth"] = "referral",
        ["external-referral"] = "referral",
        ["list-purchase"] = "purchased-list",
        ["bought-list"] = "purchased-list",
        ["tradeshow"] = "trade-show",
        ["trade-fair"] = "trade-show",
        ["exhibition"] = "trade-show",
        ["organic"] = "organic-search",
        ["seo"] = "organic-search",
        ["ppc"] = "paid-search",
        ["sem"] = "paid-search",
        ["google-ads"] = "paid-search",
        ["adwords"] = "paid-search",
        ["social-media"] = "social",
        ["organic-social"] = "social",
        ["email-marketing"] = "email",
        ["e-mail"] = "email",
        ["newsletter"] = "email",
        ["direct-traffic"] = "direct",
        ["offline-sources"] = "offline",
        ["other-campaigns"] = "campaign",
    };

    /// <summary>The key of a source, or null for an empty value.</summary>
    public static string? Normalise(string? source)
    {
        if (LeadText.Trimmed(source) is not { } text) return null;
        var key = LeadText.Key(text);
        return key.Length == 0 ? null : Synonyms.GetValueOrDefault(key, key);
    }
}
