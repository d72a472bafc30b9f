using System.Net.Mail;

namespace Valueweb.Platform.Api;

public static class Emails
{
    public static bool LooksValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 320 || value.Contains(' ', StringComparison.Ordinal)) return false;
        if (!MailAddress.TryCreate(value, out var address)) return false;
        return address.Address == value.Trim() && address.Host.Contains('.', StringComparison.Ordinal);
    }

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
