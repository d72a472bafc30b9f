using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Import;

/// <summary>The file of an upload: the request body itself (text/csv), or the field "file" of a multipart form, read as it arrives.</summary>
public static class LeadImportUpload
{
    private static readonly string[] FileTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"];

    public sealed record UploadedFile(Stream Content, string? Name);

    public static async Task<(UploadedFile? File, FieldErrors? Errors)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var wrongType = new FieldErrors().Add("body", "Send the lead file as text/csv, or as multipart/form-data with the file in a field named file.");
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)) return (null, wrongType);
        if (FileTypes.Any(t => type.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase))) return (new UploadedFile(request.Body, null), null);
        if (!type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return (null, wrongType);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (null, new FieldErrors().Add("body", "A multipart body needs its boundary in the Content-Type."));
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file") continue;
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return (new UploadedFile(section.Body, name), null);
        }
        return (null, new FieldErrors().Add("file", "Send the lead file in a form field named file."));
    }
}
