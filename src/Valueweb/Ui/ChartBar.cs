namespace Valueweb.Ui;

/// <summary>
/// One bar of a <see cref="BarChart"/>: its value, optionally a second value drawn inside it (a part of the whole, such as the
/// weighted forecast within the pipeline) or beside it (<see cref="Compare"/>: the same measure another way, such as now
/// and proposed), the words written beside it, and the exact values shown on hover.
/// </summary>
public sealed record ChartBar(string Label, decimal Value, decimal? Inner = null, string? Text = null, string? Hover = null, decimal? Compare = null);
