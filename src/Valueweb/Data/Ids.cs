using System.Security.Cryptography;

namespace Valueweb.Data;

/// <summary>
/// Non-guessable ids that sort by creation (UUID version 7), strictly increasing within this process even inside one
/// millisecond, so that "newest first" is the order things happened.
/// </summary>
public static class Ids
{
    private static readonly Lock Gate = new();
    private static long lastMs;
    private static int counter;

    public static Guid New()
    {
        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b);
        long ms;
        int seq;
        lock (Gate)
        {
            ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (ms <= lastMs && counter < (1 << 18) - 1)
            {
                ms = lastMs;
                counter++;
            }
            else
            {
                if (ms <= lastMs) ms = lastMs + 1;
                lastMs = ms;
                counter = RandomNumberGenerator.GetInt32(1 << 16);
            }
            seq = counter;
        }
        b[0] = (byte)(ms >> 40);
        b[1] = (byte)(ms >> 32);
        b[2] = (byte)(ms >> 24);
        b[3] = (byte)(ms >> 16);
        b[4] = (byte)(ms >> 8);
        b[5] = (byte)ms;
        b[6] = (byte)(0x70 | ((seq >> 14) & 0x0F)); // version 7, then the counter's top 4 bits
        b[7] = (byte)(seq >> 6);
        b[8] = (byte)(0x80 | (seq & 0x3F)); // variant 10, then the counter's low 6 bits
        return new Guid(b, bigEndian: true);
    }
}
