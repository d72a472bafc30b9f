namespace Valueweb.Features.Leads.Routing;

/// <summary>Per-thread working memory of <see cref="RoutingEngine"/>, reused between decisions so that one decision allocates little.</summary>
internal sealed class RoutingScratch
{
    private int[] touched = new int[16];
    private int touchedCount;
    private int[] merged = [];
    private int[] spare = [];

    public byte[] Flags { get; private set; } = [];

    public int[] Survivors { get; private set; } = [];

    public long[] Units { get; private set; } = [];

    public double[] Ratio { get; private set; } = [];

    /// <summary>The lead's product lines as interned ids (first <c>count</c> entries).</summary>
    public int[] LeadLines { get; private set; } = new int[8];

    public void Ensure(int partners)
    {
        if (Flags.Length >= partners) return;
        Flags = new byte[partners];
        Survivors = new int[partners];
        Units = new long[partners];
        Ratio = new double[partners];
        merged = new int[partners];
        spare = new int[partners];
    }

    public void Flag(RoutingSnapshot snapshot, Guid partnerId, byte flag)
    {
        if (snapshot.TryOrdinal(partnerId, out var ordinal)) Flag(ordinal, flag);
    }

    public void Flag(int ordinal, byte flag)
    {
        if (Flags[ordinal] == 0)
        {
            if (touchedCount == touched.Length) Array.Resize(ref touched, touched.Length * 2);
            touched[touchedCount++] = ordinal;
        }
        Flags[ordinal] |= flag;
    }

    public void ClearFlags()
    {
        for (var i = 0; i < touchedCount; i++) Flags[touched[i]] = 0;
        touchedCount = 0;
    }

    /// <summary>Interns the lead's product lines into <see cref="LeadLines"/>, skipping unknown and repeated ones; returns how many.</summary>
    public int InternLines(IReadOnlyList<Guid>? lines, RoutingSnapshot snapshot)
    {
        if (lines is null) return 0;
        var count = 0;
        foreach (var line in lines)
        {
            var id = snapshot.LineId(line);
            if (id < 0 || Array.IndexOf(LeadLines, id, 0, count) >= 0) continue;
            if (count == LeadLines.Length)
            {
                var grown = LeadLines;
                Array.Resize(ref grown, count * 2);
                LeadLines = grown;
            }
            LeadLines[count++] = id;
        }
        return count;
    }

    /// <summary>
    /// Ordinals (ascending) of partners carrying any of the lead's lines — within <paramref name="country"/> when it
    /// is 0 or more. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> UnionOfLines(RoutingSnapshot snapshot, int lineCount, int country)
    {
        if (lineCount == 0) return [];
        int[] ListOf(int line) => country >= 0 ? snapshot.InCountryWithLine(country, line) : snapshot.WithLine(line);
        if (lineCount == 1) return ListOf(LeadLines[0]);

        var first = ListOf(LeadLines[0]);
        Array.Copy(first, merged, first.Length);
        var length = first.Length;
        for (var i = 1; i < lineCount; i++)
        {
            var next = ListOf(LeadLines[i]);
            if (next.Length == 0) continue;
            length = Merge(merged, length, next, spare);
            (merged, spare) = (spare, merged);
        }
        return merged.AsSpan(0, length);
    }

    private static int Merge(int[] a, int aLength, int[] b, int[] into)
    {
        int i = 0, j = 0, n = 0;
        while (i < aLength && j < b.Length)
        {
            if (a[i] < b[j]) into[n++] = a[i++];
            else if (a[i] > b[j]) into[n++] = b[j++];
            else
            {
                into[n++] = a[i++];
                j++;
            }
        }
        while (i < aLength) into[n++] = a[i++];
        while (j < b.Length) into[n++] = b[j++];
        return n;
    }
}
