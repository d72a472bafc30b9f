using System.Runtime.InteropServices;

namespace Valueweb.Features.Leads.Intake;

/// <summary>The leads of one file so far, by identity hash (about 40 bytes a lead), to count a lead that appears twice once.</summary>
public sealed class LeadsSeenInFile
{
    private readonly Dictionary<UInt128, int> firstLines = [];

    public int Count => firstLines.Count;

    /// <summary>Notes the lead on its line; false with the line it was first seen on when it was seen before.</summary>
    public bool TryAdd(LeadIdentity identity, int line, out int firstLine)
    {
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(firstLines, identity.Hash, out var exists);
        if (exists)
        {
            firstLine = seen;
            return false;
        }
        seen = firstLine = line;
        return true;
    }
}
