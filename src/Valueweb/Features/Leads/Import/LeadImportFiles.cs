using Microsoft.EntityFrameworkCore;
using Valueweb.Data;

namespace Valueweb.Features.Leads.Import;

/// <summary>Keeps an uploaded lead file in the database, part by part, and reads it back as a stream.</summary>
public static class LeadImportFiles
{
    /// <summary>
    /// Stores what <paramref name="content"/> holds as the import's parts, inside the caller's transaction, never holding more
    /// than a part in memory. Answers the file's size, or null as soon as it is larger than <paramref name="limit"/>.
    /// </summary>
    public static async Task<long?> StoreAsync(ValuewebDb db, Guid importId, Stream content, long limit, CancellationToken ct)
    {
        var buffer = new byte[LeadImportFile.PartBytes];
        long total = 0;
        for (var part = 0; ; part++)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), ct)) > 0) filled += read;
            if (filled == 0) return total;
            total += filled;
            if (total > limit) return null;
            var row = new LeadImportFile { ImportId = importId, Part = part, Content = buffer[..filled] };
            db.LeadImportFiles.Add(row);
            await db.SaveChangesAsync(ct);
            db.Entry(row).State = EntityState.Detached;
            if (filled < buffer.Length) return total;
        }
    }

    /// <summary>Reads a stored file back through <paramref name="db"/> (which may be inside the transaction that stored it).</summary>
    public static Stream Open(ValuewebDb db, Guid importId) => new PartStream((part, ct) =>
        db.LeadImportFiles.AsNoTracking().Where(f => f.ImportId == importId && f.Part == part).Select(f => f.Content).FirstOrDefaultAsync(ct));

    /// <summary>Reads a stored file back, each part through a short-lived context of its own: for reading while another context writes.</summary>
    public static Stream Open(DbContextOptions<ValuewebDb> options, Guid importId) => new PartStream(async (part, ct) =>
    {
        await using var db = new ValuewebDb(options, TenantScope.System());
        return await db.LeadImportFiles.AsNoTracking().Where(f => f.ImportId == importId && f.Part == part).Select(f => f.Content).FirstOrDefaultAsync(ct);
    });

    /// <summary>The parts one after another; a missing part is the end of the file.</summary>
    private sealed class PartStream(Func<int, CancellationToken, Task<byte[]?>> readPart) : Stream
    {
        private byte[] current = [];
        private int offset;
        private int next;
        private bool ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (offset == current.Length)
            {
                if (ended) return 0;
                var part = await readPart(next++, cancellationToken);
                if (part is null || part.Length == 0)
                {
                    ended = true;
                    return 0;
                }
                (current, offset) = (part, 0);
            }
            var n = Math.Min(buffer.Length, current.Length - offset);
            current.AsMemory(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
