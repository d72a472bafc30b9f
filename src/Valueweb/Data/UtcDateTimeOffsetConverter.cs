using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Valueweb.Data;

/// <summary>
/// Stores every timestamp as a UTC <see cref="DateTime"/>: PostgreSQL gets timestamptz, SQLite gets sortable text,
/// so both engines compare and order timestamps in the database.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
    v => v.UtcDateTime,
    v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
