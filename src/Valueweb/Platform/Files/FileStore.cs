using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Platform.Files;

/// <summary>A file kept for an organisation: its name, sniffed type, size and digest; the bytes live in the store.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; } = Ids.New();
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The bytes of a <see cref="StoredFile"/>, apart so that listing files never loads them.</summary>
public sealed class StoredFileContent
{
    public Guid FileId { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>Where files (proofs of performance, later agreements and content) are kept. Every node reads every file.</summary>
public interface IFileStore
{
    /// <summary>Adds the file to the caller's unit of work; it is stored when the caller saves.</summary>
    StoredFile Add(Guid organisationId, string name, string contentType, byte[] content, DateTimeOffset now);

    Task<byte[]?> ReadAsync(Guid fileId, CancellationToken ct);
}

/// <summary>The default store: the database itself, so that no node keeps local state.</summary>
public sealed class DatabaseFileStore(ValuewebDb db) : IFileStore
{
    public StoredFile Add(Guid organisationId, string name, string contentType, byte[] content, DateTimeOffset now)
    {
        var file = new StoredFile
        {
            OrganisationId = organisationId,
            Name = name,
            ContentType = contentType,
            Length = content.LongLength,
            Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)).ToLowerInvariant(),
            CreatedAt = now,
        };
        db.StoredFiles.Add(file);
        db.StoredFileContents.Add(new StoredFileContent { FileId = file.Id, Content = content });
        return file;
    }

    public async Task<byte[]?> ReadAsync(Guid fileId, CancellationToken ct) =>
        await db.StoredFileContents.AsNoTracking().Where(c => c.FileId == fileId).Select(c => c.Content).FirstOrDefaultAsync(ct);
}
