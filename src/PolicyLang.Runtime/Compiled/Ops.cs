namespace PolicyLang.Runtime.Compiled;

/// <summary>
/// Operations generated validators call where a value may be absent. They follow the interpreter's rules:
/// arithmetic and comparisons with an absent value are absent; 'and'/'or' are three-valued; division by
/// zero is absent; a check that is absent does not apply.
/// </summary>
public static class Ops
{
    // ------------------------------------------------------------------ logic
    public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;
    public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    // ------------------------------------------------------------------ arithmetic
    public static decimal? Div(decimal? a, decimal? b) => a is null || b is null || b.Value == 0m ? null : a.Value / b.Value;
    public static TimeOfDay? AddMinutes(TimeOfDay? t, decimal? minutes) => t is null || minutes is null ? null : t.Value.Add(minutes.Value);
    public static TimeOfDay? SubtractMinutes(TimeOfDay? t, decimal? minutes) => t is null || minutes is null ? null : t.Value.Add(-minutes.Value);
    public static decimal? Minutes(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value.Minutes - b.Value.Minutes;
    public static decimal? ConvertRate(Calendar calendar, decimal? value, TimeUnit from, TimeUnit to, decimal periodsPerDay) =>
        value is null ? null : calendar.ConvertRate(value.Value, from, to, periodsPerDay);
    public static decimal? Round(decimal? value, decimal? digits) =>
        value is null ? null : Math.Round(value.Value, digits is { } d ? (int)d : 0, MidpointRounding.AwayFromZero);
    public static decimal? Abs(decimal? value) => value is null ? null : Math.Abs(value.Value);

    /// <summary>
    /// x to the power y. Whole exponents up to 64 multiply exactly in decimal; others go through double and come
    /// back to 15 significant digits. Absent when undefined (a negative base with a fractional exponent, 0 to a
    /// negative power) or out of range.
    /// </summary>
    public static decimal? Pow(decimal? x, decimal? y)
    {
        if (x is not { } b || y is not { } e) return null;
        if (e == decimal.Truncate(e) && Math.Abs(e) <= 64)
        {
            if (b == 0m) return e < 0 ? null : e == 0 ? 1m : 0m;
            try
            {
                decimal result = 1m;
                for (var i = 0; i < Math.Abs(e); i++) result *= b;
                return e < 0 ? 1m / result : result;
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        var r = Math.Pow((double)b, (double)e);
        if (double.IsNaN(r) || double.IsInfinity(r) || Math.Abs(r) >= 7.9e28) return null;
        return (decimal)r;
    }

    // ------------------------------------------------------------------ comparisons (absent when either side is)
    public static bool? Eq(decimal? a, decimal? b) => a is null || b is null ? null : a.Value == b.Value;
    public static bool? Lt(decimal? a, decimal? b) => a is null || b is null ? null : a.Value < b.Value;
    public static bool? Le(decimal? a, decimal? b) => a is null || b is null ? null : a.Value <= b.Value;
    public static bool? Gt(decimal? a, decimal? b) => a is null || b is null ? null : a.Value > b.Value;
    public static bool? Ge(decimal? a, decimal? b) => a is null || b is null ? null : a.Value >= b.Value;
    public static bool? Eq(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value == b.Value;
    public static bool? Lt(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value < b.Value;
    public static bool? Le(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value <= b.Value;
    public static bool? Gt(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value > b.Value;
    public static bool? Ge(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.Value >= b.Value;
    public static bool? Eq(DateTime? a, DateTime? b) => a is null || b is null ? null : a.Value == b.Value;
    public static bool? Lt(DateTime? a, DateTime? b) => a is null || b is null ? null : a.Value < b.Value;
    public static bool? Le(DateTime? a, DateTime? b) => a is null || b is null ? null : a.Value <= b.Value;
    public static bool? Gt(DateTime? a, DateTime? b) => a is null || b is null ? null : a.Value > b.Value;
    public static bool? Ge(DateTime? a, DateTime? b) => a is null || b is null ? null : a.Value >= b.Value;
    public static bool? Eq(bool? a, bool? b) => a is null || b is null ? null : a.Value == b.Value;
    public static bool? Eq(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);
    public static bool? Lt(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) < 0;
    public static bool? Le(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) <= 0;
    public static bool? Gt(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) > 0;
    public static bool? Ge(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) >= 0;
    public static bool? EqEnum<T>(T? a, T? b) where T : struct, Enum => a is null || b is null ? null : a.Value.Equals(b.Value);
    public static bool? CmpEnum<T>(T? a, T? b, int sign) where T : struct, Enum
    {
        if (a is null || b is null) return null;
        var c = Convert.ToInt32(a.Value, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToInt32(b.Value, System.Globalization.CultureInfo.InvariantCulture));
        return sign switch { -2 => c < 0, -1 => c <= 0, 1 => c >= 0, _ => c > 0 };
    }
    public static bool? Not(bool? a) => a is null ? null : !a.Value;

    // ------------------------------------------------------------------ membership
    public static bool? In<T>(T? value, IReadOnlyList<T> set) where T : struct
    {
        if (value is null) return null;
        for (var i = 0; i < set.Count; i++)
            if (set[i].Equals(value.Value)) return true;
        return false;
    }

    public static bool? In(string? value, IReadOnlyList<string> set)
    {
        if (value is null) return null;
        for (var i = 0; i < set.Count; i++)
            if (string.Equals(set[i], value, StringComparison.Ordinal)) return true;
        return false;
    }

    public static bool? InRange(decimal? value, decimal? low, decimal? high) =>
        value is null || low is null || high is null ? null : value.Value >= low.Value && value.Value <= high.Value;
    public static bool? InRange(TimeOfDay? value, TimeOfDay? low, TimeOfDay? high) =>
        value is null || low is null || high is null ? null : value.Value >= low.Value && value.Value <= high.Value;
    public static bool? InRange(DateTime? value, DateTime? low, DateTime? high) =>
        value is null || low is null || high is null ? null : value.Value >= low.Value && value.Value <= high.Value;
    public static bool? InRangeEnum<T>(T? value, T low, T high) where T : struct, Enum
    {
        if (value is null) return null;
        var v = Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture);
        return v >= Convert.ToInt32(low, System.Globalization.CultureInfo.InvariantCulture) && v <= Convert.ToInt32(high, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>by_category[c]: absent map → absent; a key not in the map → 0.</summary>
    public static decimal? Count<TKey>(IReadOnlyDictionary<TKey, int>? map, TKey? key) where TKey : struct =>
        map is null || key is null ? null : map.TryGetValue(key.Value, out var n) ? n : 0m;

    public static decimal? Count(IReadOnlyDictionary<string, int>? map, string? key) =>
        map is null || key is null ? null : map.TryGetValue(key, out var n) ? n : 0m;

    /// <summary>The members of an enumeration from one member to another, in order.</summary>
    public static IReadOnlyList<T> Members<T>(T low, T high) where T : struct, Enum
    {
        var result = new List<T>();
        var lo = Convert.ToInt32(low, System.Globalization.CultureInfo.InvariantCulture);
        var hi = Convert.ToInt32(high, System.Globalization.CultureInfo.InvariantCulture);
        foreach (T v in Enum.GetValues(typeof(T)))
        {
            var i = Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
            if (i >= lo && i <= hi) result.Add(v);
        }
        return result;
    }
}

/// <summary>Values shown in reports, in both languages: the typed twins of the interpreter's formatter.</summary>
public static class Show
{
    public static ShownValue None => new(ValueText.None(Language.English), ValueText.None(Language.Chinese));

    public static ShownValue Money(decimal? v, RateBasis basis, TimeUnit? unit) => v is { } x
        ? new ShownValue(ValueText.Money(x, basis, unit, Language.English), ValueText.Money(x, basis, unit, Language.Chinese)) : None;
    public static ShownValue Number(decimal? v) => v is { } x ? ShownValue.Same(ValueText.Number(x)) : None;
    public static ShownValue Duration(decimal? v) => v is { } x
        ? new ShownValue(ValueText.Duration(x, Language.English), ValueText.Duration(x, Language.Chinese)) : None;
    public static ShownValue DurationRate(decimal? v, TimeUnit unit) => v is { } x
        ? new ShownValue(ValueText.DurationRate(x, unit, Language.English), ValueText.DurationRate(x, unit, Language.Chinese)) : None;
    public static ShownValue Percent(decimal? v) => v is { } x ? ShownValue.Same(ValueText.Percent(x)) : None;
    public static ShownValue Periods(decimal? v) => v is { } x
        ? new ShownValue(ValueText.Periods(x, Language.English), ValueText.Periods(x, Language.Chinese)) : None;
    public static ShownValue Ratio(decimal? v) => v is { } x
        ? new ShownValue(ValueText.Ratio(x, Language.English), ValueText.Ratio(x, Language.Chinese)) : None;
    public static ShownValue Time(TimeOfDay? v) => v is { } x ? ShownValue.Same(ValueText.Time(x)) : None;
    public static ShownValue Date(DateTime? v) => v is { } x ? ShownValue.Same(ValueText.Date(x)) : None;
    public static ShownValue Text(string? v) => v is null ? None : ShownValue.Same(ValueText.Text(v));
    public static ShownValue Bool(bool? v) => v is { } x ? new ShownValue(ValueText.Bool(x, Language.English), ValueText.Bool(x, Language.Chinese)) : None;
    public static ShownValue Enum<T>(T? v, EnumNames<T> names) where T : struct, System.Enum => v is { } x
        ? new ShownValue(names.Json(x), names.Chinese(x)) : None;

    public static ShownValue List<T>(IReadOnlyList<T>? items, Func<T, ShownValue> show)
    {
        if (items is null) return None;
        var en = new string[items.Count];
        var zh = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var s = show(items[i]);
            en[i] = s.English;
            zh[i] = s.Chinese;
        }
        return new ShownValue(ValueText.List(en, Language.English), ValueText.List(zh, Language.Chinese));
    }

    public static ShownValue Range(ShownValue low, ShownValue high) => new(ValueText.Range(low.English, high.English), ValueText.Range(low.Chinese, high.Chinese));

    /// <summary>A record shows as its kind, as the interpreter does.</summary>
    public static ShownValue Record(object? v, string name) => v is null ? None : ShownValue.Same(name);
}
