using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Valueweb.Matching;

namespace Valueweb.Features.Leads.Intake;

/// <summary>
/// What makes two rows one lead, so that importing a file again creates nothing new: the source system and the lead's id there
/// when the file has one; else the normalised e-mail and company ("Acme Corp." = "ACME Corporation"); else, for a lead reached
/// only by phone, the phone's digits, the person and the company. <see cref="Key"/> is readable; <see cref="Hash"/> (the first
/// 128 bits of its SHA-256) is what a unique index holds, as <see cref="Text"/> (32 hex digits).
/// </summary>
public readonly record struct LeadIdentity(string Key, UInt128 Hash)
{
    public string Text => Hash.ToString("x32", CultureInfo.InvariantCulture);

    public static LeadIdentity Of(LeadDraft lead)
    {
        if (lead.SourceRecordId is { } id) return FromKey($"id|{lead.SourceSystem}|{id}");
        var company = lead.Company is { } name ? CompanyMatcher.NormaliseName(name) : "";
        if (lead.Email is { } email) return FromKey($"email|{email}|{company}");
        var person = lead.PersonName is { } p ? LeadText.Key(p) : "";
        return FromKey($"phone|{Digits(lead.Phone ?? lead.Mobile)}|{person}|{company}");
    }

    public static LeadIdentity FromKey(string key)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(key, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return new LeadIdentity(key, BinaryPrimitives.ReadUInt128BigEndian(hash));
    }

    private static string Digits(string? phone)
    {
        if (phone is null) return "";
        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone)
            if (char.IsAsciiDigit(c)) digits.Append(c);
        return digits.ToString();
    }

    public override string ToString() => Key;
}
