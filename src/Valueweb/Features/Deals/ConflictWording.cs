using System.Globalization;

namespace Valueweb.Features.Deals;

/// <summary>
/// What a partner is told about a conflict: that a claim protects the customer for its product lines and until when,
/// never who holds it. The match reason quotes only what the partner itself sent.
/// </summary>
public static class ConflictWording
{
    public static string KindName(ConflictKind kind) => kind switch
    {
        ConflictKind.Registration => "registration",
        ConflictKind.DirectDeal => "directDeal",
        ConflictKind.NamedAccount => "namedAccount",
        _ => "ownDuplicate",
    };

    public static string Describe(FoundConflict c, IReadOnlyDictionary<Guid, string> lineNames)
    {
        var lines = string.Join(", ", c.ProductLineIds.Select(id => lineNames.TryGetValue(id, out var n) ? n : "a product line").Order(StringComparer.Ordinal));
        var claim = c.Kind switch
        {
            ConflictKind.Registration when c.ProtectedUntil is { } until =>
                $"An earlier registration protects this customer for {lines} until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.",
            ConflictKind.Registration => $"An earlier registration, awaiting the channel manager's decision, protects this customer for {lines}.",
            ConflictKind.OwnDuplicate => $"Your company already has an open registration of this customer for {lines}.",
            ConflictKind.DirectDeal => $"The vendor's direct sales team is working this customer for {lines}.",
            _ => $"This customer is a named account reserved for the vendor's direct sales for {lines}.",
        };
        return $"{claim} Matched because {c.MatchReason}.";
    }
}
