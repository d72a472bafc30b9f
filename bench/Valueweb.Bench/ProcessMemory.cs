using System.Globalization;

namespace Valueweb.Bench;

/// <summary>Peak resident memory of a process on Linux, from <c>/proc/&lt;pid&gt;/status</c> (VmHWM), and resetting it.</summary>
public static class ProcessMemory
{
    /// <summary>The peak resident set in MiB, or null where /proc is not available.</summary>
    public static double? PeakMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>Starts the peak over from the current resident set (Linux 4.0+: "5" to clear_refs); false when not possible.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Format(double? mib) => mib is { } m ? FormattableString.Invariant($"{m:F0} MiB") : "n/a";
}
