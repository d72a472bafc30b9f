namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// The load the engine reads: per partner, its open leads, the leads it received today and the leads it received in
/// the current fairness window. The database holds the authoritative counts and enforces the limits with a
/// conditional increment; this ledger is the engine's working copy — load it with <see cref="Set"/>, then
/// <see cref="Record"/> each assignment once the database accepted it, <see cref="Release"/> when a lead stops being
/// open (closed, declined, lapsed), <see cref="StartDay"/> at midnight and <see cref="StartFairnessWindow"/> when the
/// vendor's rotation period begins. Not thread-safe: one ledger per routing thread, or a lock around it.
/// </summary>
public sealed class CapacityLedger
{
    private readonly Dictionary<Guid, int> slots = [];
    private int[] open = new int[16];
    private int[] today = new int[16];
    private int[] assigned = new int[16];
    private RoutingSnapshot? boundTo;
    private int[] boundSlots = [];

    internal int[] Open => open;

    internal int[] Today => today;

    internal int[] Assigned => assigned;

    /// <summary>The counts of one partner (zeros for a partner never seen).</summary>
    public PartnerLoad this[Guid partnerId] =>
        slots.TryGetValue(partnerId, out var s) ? new PartnerLoad(open[s], today[s], assigned[s]) : default;

    /// <summary>Partners with counts in this ledger.</summary>
    public int Count => slots.Count;

    /// <summary>A lead landed with the partner: one more open, today and in the window.</summary>
    public void Record(Guid partnerId)
    {
        var s = Slot(partnerId);
        open[s]++;
        today[s]++;
        assigned[s]++;
    }

    /// <summary>A lead of the partner is no longer open (won, lost, declined or lapsed); today's and the window's counts stay.</summary>
    public void Release(Guid partnerId)
    {
        if (slots.TryGetValue(partnerId, out var s) && open[s] > 0) open[s]--;
    }

    /// <summary>Loads a partner's counts, e.g. from the database.</summary>
    public void Set(Guid partnerId, int openLeads, int leadsToday, int assignedInWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(openLeads);
        ArgumentOutOfRangeException.ThrowIfNegative(leadsToday);
        ArgumentOutOfRangeException.ThrowIfNegative(assignedInWindow);
        var s = Slot(partnerId);
        open[s] = openLeads;
        today[s] = leadsToday;
        assigned[s] = assignedInWindow;
    }

    /// <summary>A new day: every partner's count for today goes back to 0.</summary>
    public void StartDay() => Array.Clear(today);

    /// <summary>A new fairness window: every partner's rotation count goes back to 0.</summary>
    public void StartFairnessWindow() => Array.Clear(assigned);

    /// <summary>An independent copy (to try a decision without touching the original).</summary>
    public CapacityLedger Clone()
    {
        var copy = new CapacityLedger();
        foreach (var (id, s) in slots) copy.Set(id, open[s], today[s], assigned[s]);
        return copy;
    }

    /// <summary>Slot of every partner of the snapshot, by ordinal; kept for the last snapshot seen.</summary>
    internal int[] SlotsFor(RoutingSnapshot snapshot)
    {
        if (ReferenceEquals(boundTo, snapshot)) return boundSlots;
        var map = new int[snapshot.Count];
        for (var i = 0; i < map.Length; i++) map[i] = Slot(snapshot.At(i).PartnerId);
        boundTo = snapshot;
        boundSlots = map;
        return map;
    }

    private int Slot(Guid partnerId)
    {
        if (slots.TryGetValue(partnerId, out var s)) return s;
        s = slots.Count;
        if (s == open.Length)
        {
            Array.Resize(ref open, s * 2);
            Array.Resize(ref today, s * 2);
            Array.Resize(ref assigned, s * 2);
        }
        slots[partnerId] = s;
        return s;
    }
}

/// <summary>One partner's counts in a <see cref="CapacityLedger"/>.</summary>
public readonly record struct PartnerLoad(int OpenLeads, int LeadsToday, int AssignedInWindow);
