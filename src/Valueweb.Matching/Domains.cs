namespace Valueweb.Matching;

/// <summary>Registrable domains from whatever people type: a domain, a URL, an e-mail address.</summary>
internal static class Domains
{
    /// <summary>Second-level public suffixes under which companies register (acme.co.uk, acme.com.au).</summary>
    private static readonly HashSet<string> TwoLevelSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.jp", "ne.jp", "or.jp",
        "co.nz", "org.nz", "co.za", "org.za", "com.br", "net.br", "org.br", "com.mx", "org.mx", "co.in", "net.in", "org.in", "firm.in", "com.cn", "net.cn",
        "org.cn", "com.tr", "com.sg", "com.hk", "co.kr", "or.kr", "com.ar", "co.il", "org.il", "com.tw", "com.my", "co.id", "co.th", "com.ph", "com.vn",
        "com.co", "com.pe", "com.ec", "com.uy", "co.ke", "com.ng", "com.eg", "com.sa", "com.pk", "co.at", "or.at", "com.pl", "com.es", "com.pt", "com.gr",
        "com.ua", "co.hu", "com.ru",
    };

    /// <summary>Mail providers anyone can use: their domain says nothing about the company.</summary>
    private static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr",
        "yahoo.de", "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de",
        "freenet.de", "posteo.de", "mailbox.org", "proton.me", "protonmail.com", "pm.me", "tutanota.com", "zoho.com", "yandex.ru", "yandex.com",
        "mail.ru", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "libero.it", "virgilio.it", "seznam.cz", "wp.pl", "o2.pl",
        "interia.pl", "qq.com", "163.com", "126.com", "naver.com", "hanmail.net", "bluewin.ch", "btinternet.com", "sky.com", "comcast.net",
        "verizon.net", "att.net", "fastmail.com", "hey.com",
    };

    public static string? Registrable(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var s = input.Trim().ToLowerInvariant();
        var at = s.LastIndexOf('@');
        if (at >= 0) s = s[(at + 1)..];
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) s = s[(scheme + 3)..];
        var end = s.IndexOfAny(['/', '?', '#', ':']);
        if (end >= 0) s = s[..end];
        s = s.Trim('.');
        var labels = s.Split('.');
        if (labels.Length < 2) return null;
        foreach (var label in labels)
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        if (!labels[^1].All(char.IsAsciiLetter) || labels[^1].Length < 2) return null;
        var keep = labels.Length >= 3 && TwoLevelSuffixes.Contains(labels[^2] + "." + labels[^1]) ? 3 : 2;
        if (labels.Length < keep) return null;
        var domain = string.Join('.', labels[^keep..]);
        return FreeMail.Contains(domain) ? null : domain;
    }
}
