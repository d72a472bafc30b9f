using System.Text;

namespace Valueweb.Platform.Files;

/// <summary>
/// What a file really is, from its first bytes, never from its name or the type the browser claimed. Only kinds that a
/// proof of performance needs are known: PDF, PNG, JPEG, GIF, WebP, Office documents (ZIP based), CSV and plain text.
/// HTML, SVG and scripts are refused, and every file is served as a download.
/// </summary>
public static class FileSniffer
{
    public sealed record Kind(string ContentType, string[] Extensions);

    private static readonly Kind Pdf = new("application/pdf", [".pdf"]);
    private static readonly Kind Png = new("image/png", [".png"]);
    private static readonly Kind Jpeg = new("image/jpeg", [".jpg", ".jpeg"]);
    private static readonly Kind Gif = new("image/gif", [".gif"]);
    private static readonly Kind Webp = new("image/webp", [".webp"]);
    private static readonly Kind Office = new("application/octet-stream", [".docx", ".xlsx", ".pptx"]);
    private static readonly Kind Text = new("text/plain; charset=utf-8", [".txt", ".csv"]);

    public static string Allowed => "PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, CSV or TXT";

    /// <summary>The file's kind when its content is one the product accepts and its name's extension agrees; otherwise why not.</summary>
    public static (Kind? Kind, string? Refusal) Sniff(string name, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var kind = Detect(content);
        if (kind is null) return (null, $"Not a file type accepted as proof ({Allowed}).");
        if (!kind.Extensions.Contains(ext)) return (null, $"The file's content is {Describe(kind)} but its name ends in \"{ext}\".");
        return (kind, null);
    }

    private static string Describe(Kind k) => k == Office ? "an Office document" : k == Text ? "text" : k.ContentType;

    private static Kind? Detect(ReadOnlySpan<byte> c)
    {
        if (c.StartsWith("%PDF-"u8)) return Pdf;
        if (c.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (c.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (c.StartsWith("GIF87a"u8) || c.StartsWith("GIF89a"u8)) return Gif;
        if (c.Length >= 12 && c.StartsWith("RIFF"u8) && c[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (c.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 })) return Office;
        return IsPlainText(c) ? Text : null;
    }

    /// <summary>UTF-8 without control characters other than tabs and line ends, and nothing that looks like markup.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> c)
    {
        if (c.Length == 0) return false;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(c);
            foreach (var ch in text)
                if (char.IsControl(ch) && ch is not ('\t' or '\r' or '\n')) return false;
            var head = text.TrimStart().ToLowerInvariant();
            return !(head.StartsWith('<') || head.Contains("<script", StringComparison.Ordinal) || head.Contains("<html", StringComparison.Ordinal));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
