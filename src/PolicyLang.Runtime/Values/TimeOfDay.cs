using System.Globalization;

namespace PolicyLang.Runtime;

/// <summary>A time of day in whole minutes after midnight, 00:00 to 24:00.</summary>
public readonly struct TimeOfDay : IEquatable<TimeOfDay>, IComparable<TimeOfDay>
{
    public TimeOfDay(int minutes) => Minutes = minutes;

    public int Minutes { get; }
    public int Hour => Minutes / 60;
    public int Minute => Minutes % 60;

    public static TimeOfDay FromHoursMinutes(int hours, int minutes) => new(hours * 60 + minutes);

    /// <summary>Parses "HH:MM" (hours 0–24, minutes 0–59, 24:00 the latest).</summary>
    public static bool TryParse(string? text, out TimeOfDay time)
    {
        time = default;
        if (text is null) return false;
        var colon = text.IndexOf(':');
        if (colon is < 1 or > 2 || text.Length - colon != 3) return false;
        if (!int.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
        if (!int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (m > 59 || h > 24 || h == 24 && m != 0) return false;
        time = new TimeOfDay(h * 60 + m);
        return true;
    }

    public static TimeOfDay Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a time of day HH:MM");

    public TimeOfDay Add(decimal minutes) => new(Minutes + WholeMinutes(minutes));

    /// <summary>Minutes rounded half away from zero; a whole number (a period of 40 min) is not rounded at all.</summary>
    private static int WholeMinutes(decimal minutes) =>
#if NET
        minutes.Scale == 0 ? (int)minutes :
#endif
        (int)Math.Round(minutes, MidpointRounding.AwayFromZero);

    public bool Equals(TimeOfDay other) => Minutes == other.Minutes;
    public override bool Equals(object? obj) => obj is TimeOfDay t && Equals(t);
    public override int GetHashCode() => Minutes;
    public int CompareTo(TimeOfDay other) => Minutes.CompareTo(other.Minutes);
    public static bool operator ==(TimeOfDay a, TimeOfDay b) => a.Minutes == b.Minutes;
    public static bool operator !=(TimeOfDay a, TimeOfDay b) => a.Minutes != b.Minutes;
    public static bool operator <(TimeOfDay a, TimeOfDay b) => a.Minutes < b.Minutes;
    public static bool operator <=(TimeOfDay a, TimeOfDay b) => a.Minutes <= b.Minutes;
    public static bool operator >(TimeOfDay a, TimeOfDay b) => a.Minutes > b.Minutes;
    public static bool operator >=(TimeOfDay a, TimeOfDay b) => a.Minutes >= b.Minutes;

    public override string ToString() => Hour.ToString("00", CultureInfo.InvariantCulture) + ":" + Minute.ToString("00", CultureInfo.InvariantCulture);
}
