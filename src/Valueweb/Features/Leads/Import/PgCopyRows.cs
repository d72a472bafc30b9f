using System.Buffers.Binary;
using System.Text;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (a signature and header; per row a field count, then each field as its
/// length and its bytes in network order, -1 for NULL; a trailer) into a raw COPY stream, through one buffer. Npgsql's own
/// binary importer resolves a type for every value it writes: for a million leads of 33 columns that was the largest cost of
/// the import's process after reading the file.
/// </summary>
internal sealed class PgCopyRows(Stream copy)
{
    /// <summary>"PGCOPY\n\377\r\n\0".</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>DateTime ticks of PostgreSQL's epoch, 2000-01-01 UTC.</summary>
    private const long EpochTicks = 630822816000000000;

    private byte[] buffer = new byte[1 << 16];
    private int used;

    /// <summary>The signature, no flags and no header extension: before the first row.</summary>
    public void Header()
    {
        Signature.CopyTo(Room(Signature.Length + 8));
        used += Signature.Length;
        BinaryPrimitives.WriteInt32BigEndian(Room(4), 0);
        used += 4;
        BinaryPrimitives.WriteInt32BigEndian(Room(4), 0);
        used += 4;
    }

    public void Row(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(Room(2), fields);
        used += 2;
    }

    public void Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(Room(4), -1);
        used += 4;
    }

    /// <summary>text and varchar: UTF-8.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var room = Room(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, room[4..]);
        BinaryPrimitives.WriteInt32BigEndian(room, length);
        used += 4 + length;
    }

    /// <summary>uuid: its 16 bytes in RFC 4122 order.</summary>
    public void Uuid(Guid value)
    {
        var room = Room(20);
        BinaryPrimitives.WriteInt32BigEndian(room, 16);
        value.TryWriteBytes(room[4..], bigEndian: true, out _);
        used += 20;
    }

    public void Int(int value)
    {
        var room = Room(8);
        BinaryPrimitives.WriteInt32BigEndian(room, 4);
        BinaryPrimitives.WriteInt32BigEndian(room[4..], value);
        used += 8;
    }

    public void Int(int? value)
    {
        if (value is { } v) Int(v);
        else Null();
    }

    public void Long(long value)
    {
        var room = Room(12);
        BinaryPrimitives.WriteInt32BigEndian(room, 8);
        BinaryPrimitives.WriteInt64BigEndian(room[4..], value);
        used += 12;
    }

    public void Double(double? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }
        var room = Room(12);
        BinaryPrimitives.WriteInt32BigEndian(room, 8);
        BinaryPrimitives.WriteDoubleBigEndian(room[4..], v);
        used += 12;
    }

    public void Bool(bool value)
    {
        var room = Room(5);
        BinaryPrimitives.WriteInt32BigEndian(room, 1);
        room[4] = value ? (byte)1 : (byte)0;
        used += 5;
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC.</summary>
    public void Timestamp(DateTime utc)
    {
        var room = Room(12);
        BinaryPrimitives.WriteInt32BigEndian(room, 8);
        BinaryPrimitives.WriteInt64BigEndian(room[4..], (utc.Ticks - EpochTicks) / 10);
        used += 12;
    }

    /// <summary>The trailer, and everything still in the buffer, into the COPY stream (disposing the stream ends the COPY).</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Room(2), -1);
        used += 2;
        Flush();
    }

    private Span<byte> Room(int bytes)
    {
        if (used + bytes > buffer.Length)
        {
            Flush();
            if (bytes > buffer.Length) buffer = new byte[Math.Max(bytes, buffer.Length * 2)];
        }
        return buffer.AsSpan(used);
    }

    private void Flush()
    {
        if (used == 0) return;
        copy.Write(buffer, 0, used);
        used = 0;
    }
}
