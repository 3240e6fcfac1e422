namespace PolicyLang.Runtime.Compiled;

/// <summary>
/// Operations generated validators call where a value may be absent. They follow the interpreter's rules:
/// arithmetic and comparisons with an absent value are absent; 'and'/'or' are three-valued; division by
/// zero is absent; a check that is absent does not apply. A value is read, once known present, with
/// GetValueOrDefault() rather than .Value: the ahead-of-time compiled runtime can inline the one (it is marked
/// non-versionable) but must call the other, which a short run executes as unoptimised code.
/// </summary>
public static class Ops
{
    // ------------------------------------------------------------------ logic
    public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;
    public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    // ------------------------------------------------------------------ arithmetic
    public static decimal? Div(decimal? a, decimal? b) => a is null || b is null || b.GetValueOrDefault() == 0m ? null : a.GetValueOrDefault() / b.GetValueOrDefault();
    public static TimeOfDay? AddMinutes(TimeOfDay? t, decimal? minutes) => t is null || minutes is null ? null : t.GetValueOrDefault().Add(minutes.GetValueOrDefault());
    public static TimeOfDay? SubtractMinutes(TimeOfDay? t, decimal? minutes) => t is null || minutes is null ? null : t.GetValueOrDefault().Add(-minutes.GetValueOrDefault());
    public static decimal? Minutes(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault().Minutes - b.GetValueOrDefault().Minutes;
    public static decimal? ConvertRate(Calendar calendar, decimal? value, TimeUnit from, TimeUnit to, decimal periodsPerDay) =>
        value is null ? null : calendar.ConvertRate(value.GetValueOrDefault(), from, to, periodsPerDay);
    public static decimal? Round(decimal? value, decimal? digits) =>
        value is null ? null : Math.Round(value.GetValueOrDefault(), digits is { } d ? (int)d : 0, MidpointRounding.AwayFromZero);
    public static decimal? Abs(decimal? value) => value is null ? null : Math.Abs(value.GetValueOrDefault());

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
        // 1 to any power is exactly 1 in double too: no conversions for the schools a scenario's fee ratio leaves at 1.
        if (b == 1m) return 1m;
        var r = Math.Pow((double)b, (double)e);
        if (double.IsNaN(r) || double.IsInfinity(r) || Math.Abs(r) >= 7.9e28) return null;
        return (decimal)r;
    }

    // ------------------------------------------------------------------ comparisons (absent when either side is)
    public static bool? Eq(decimal? a, decimal? b) => a is null || b is null ? null : a.GetValueOrDefault() == b.GetValueOrDefault();
    public static bool? Lt(decimal? a, decimal? b) => a is null || b is null ? null : a.GetValueOrDefault() < b.GetValueOrDefault();
    public static bool? Le(decimal? a, decimal? b) => a is null || b is null ? null : a.GetValueOrDefault() <= b.GetValueOrDefault();
    public static bool? Gt(decimal? a, decimal? b) => a is null || b is null ? null : a.GetValueOrDefault() > b.GetValueOrDefault();
    public static bool? Ge(decimal? a, decimal? b) => a is null || b is null ? null : a.GetValueOrDefault() >= b.GetValueOrDefault();
    public static bool? Eq(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault() == b.GetValueOrDefault();
    public static bool? Lt(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault() < b.GetValueOrDefault();
    public static bool? Le(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault() <= b.GetValueOrDefault();
    public static bool? Gt(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault() > b.GetValueOrDefault();
    public static bool? Ge(TimeOfDay? a, TimeOfDay? b) => a is null || b is null ? null : a.GetValueOrDefault() >= b.GetValueOrDefault();
    public static bool? Eq(DateTime? a, DateTime? b) => a is null || b is null ? null : a.GetValueOrDefault() == b.GetValueOrDefault();
    public static bool? Lt(DateTime? a, DateTime? b) => a is null || b is null ? null : a.GetValueOrDefault() < b.GetValueOrDefault();
    public static bool? Le(DateTime? a, DateTime? b) => a is null || b is null ? null : a.GetValueOrDefault() <= b.GetValueOrDefault();
    public static bool? Gt(DateTime? a, DateTime? b) => a is null || b is null ? null : a.GetValueOrDefault() > b.GetValueOrDefault();
    public static bool? Ge(DateTime? a, DateTime? b) => a is null || b is null ? null : a.GetValueOrDefault() >= b.GetValueOrDefault();
    public static bool? Eq(bool? a, bool? b) => a is null || b is null ? null : a.GetValueOrDefault() == b.GetValueOrDefault();
    public static bool? Eq(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);
    public static bool? Lt(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) < 0;
    public static bool? Le(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) <= 0;
    public static bool? Gt(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) > 0;
    public static bool? Ge(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) >= 0;
    public static bool? EqEnum<T>(T? a, T? b) where T : struct, Enum => a is null || b is null ? null : EqualityComparer<T>.Default.Equals(a.GetValueOrDefault(), b.GetValueOrDefault());
    public static bool? CmpEnum<T>(T? a, T? b, int sign) where T : struct, Enum
    {
        if (a is null || b is null) return null;
        var c = Comparer<T>.Default.Compare(a.GetValueOrDefault(), b.GetValueOrDefault());
        return sign switch { -2 => c < 0, -1 => c <= 0, 1 => c >= 0, _ => c > 0 };
    }
    public static bool? Not(bool? a) => a is null ? null : !a.GetValueOrDefault();

    // ------------------------------------------------------------------ membership
    public static bool? In<T>(T? value, IReadOnlyList<T> set) where T : struct
    {
        if (value is null) return null;
        var v = value.GetValueOrDefault();
#if NET
        // Sets are arrays (policy constants) or lists (plan fields): search their memory, not the interface.
        if (TrySpan(set, out var span)) return Contains(span, v);
#endif
        for (var i = 0; i < set.Count; i++)
            if (EqualityComparer<T>.Default.Equals(set[i], v)) return true;
        return false;
    }

#if NET
    // A plan's list or a policy's array known as such where the call is compiled: no interface, no type test.
    public static bool? In<T>(T? value, List<T> set) where T : struct =>
        value is null ? null : Contains(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(set), value.GetValueOrDefault());
    public static bool? In<T>(T? value, T[] set) where T : struct =>
        value is null ? null : Contains(set, value.GetValueOrDefault());

    private static bool Contains<T>(ReadOnlySpan<T> span, T value)
    {
        foreach (var item in span)
            if (EqualityComparer<T>.Default.Equals(item, value)) return true;
        return false;
    }
#endif

    public static bool? In(string? value, IReadOnlyList<string> set)
    {
        if (value is null) return null;
#if NET
        if (TrySpan(set, out var span))
        {
            foreach (var item in span)
                if (string.Equals(item, value, StringComparison.Ordinal)) return true;
            return false;
        }
#endif
        for (var i = 0; i < set.Count; i++)
            if (string.Equals(set[i], value, StringComparison.Ordinal)) return true;
        return false;
    }

#if NET
    private static bool TrySpan<T>(IReadOnlyList<T> list, out ReadOnlySpan<T> span)
    {
        switch (list)
        {
            case T[] array:
                span = array;
                return true;
            case List<T> items:
                span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items);
                return true;
            default:
                span = default;
                return false;
        }
    }
#endif

    public static bool? InRange(decimal? value, decimal? low, decimal? high) =>
        value is null || low is null || high is null ? null : value.GetValueOrDefault() >= low.GetValueOrDefault() && value.GetValueOrDefault() <= high.GetValueOrDefault();
    public static bool? InRange(TimeOfDay? value, TimeOfDay? low, TimeOfDay? high) =>
        value is null || low is null || high is null ? null : value.GetValueOrDefault() >= low.GetValueOrDefault() && value.GetValueOrDefault() <= high.GetValueOrDefault();
    public static bool? InRange(DateTime? value, DateTime? low, DateTime? high) =>
        value is null || low is null || high is null ? null : value.GetValueOrDefault() >= low.GetValueOrDefault() && value.GetValueOrDefault() <= high.GetValueOrDefault();
    public static bool? InRangeEnum<T>(T? value, T low, T high) where T : struct, Enum
    {
        if (value is null) return null;
        var comparer = Comparer<T>.Default;
        return comparer.Compare(value.GetValueOrDefault(), low) >= 0 && comparer.Compare(value.GetValueOrDefault(), high) <= 0;
    }

    /// <summary>by_category[c]: absent map → absent; a key not in the map → 0.</summary>
    public static decimal? Count<TKey>(IReadOnlyDictionary<TKey, int>? map, TKey? key) where TKey : struct =>
        map is null || key is null ? null : map.TryGetValue(key.GetValueOrDefault(), out var n) ? n : 0m;

    public static decimal? Count(IReadOnlyDictionary<string, int>? map, string? key) =>
        map is null || key is null ? null : map.TryGetValue(key, out var n) ? n : 0m;

    /// <summary>The members of an enumeration from one member to another, in order (computed once per range).</summary>
    public static IReadOnlyList<T> Members<T>(T low, T high) where T : struct, Enum => EnumRanges<T>.Get(low, high);

    private static class EnumRanges<T> where T : struct, Enum
    {
        private static readonly T[] s_values = (T[])Enum.GetValues(typeof(T));
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(T, T), T[]> s_ranges = new();

        public static T[] Get(T low, T high) => s_ranges.GetOrAdd((low, high), key =>
        {
            var comparer = Comparer<T>.Default;
            return s_values.Where(v => comparer.Compare(v, key.Item1) >= 0 && comparer.Compare(v, key.Item2) <= 0).ToArray();
        });
    }
}

/// <summary>Values shown in reports, in both languages: the typed twins of the interpreter's formatter.</summary>
public static class Show
{
    public static ShownValue None { get; } = new(ValueText.None(Language.English), ValueText.None(Language.Chinese));

    public static ShownValue Money(decimal? v, RateBasis basis, TimeUnit? unit) => v is { } x ? ShownValue.Money(x, basis, unit) : None;
    public static ShownValue Number(decimal? v) => v is { } x ? ShownValue.Number(x) : None;
    public static ShownValue Duration(decimal? v) => v is { } x ? ShownValue.Duration(x) : None;
    public static ShownValue DurationRate(decimal? v, TimeUnit unit) => v is { } x ? ShownValue.DurationRate(x, unit) : None;
    public static ShownValue Percent(decimal? v) => v is { } x ? ShownValue.Percent(x) : None;
    public static ShownValue Periods(decimal? v) => v is { } x ? ShownValue.Periods(x) : None;
    public static ShownValue Ratio(decimal? v) => v is { } x ? ShownValue.Ratio(x) : None;
    public static ShownValue Time(TimeOfDay? v) => v is { } x ? ShownValue.Time(x) : None;
    public static ShownValue Date(DateTime? v) => v is { } x ? ShownValue.Lazy(_ => ValueText.Date(x)) : None;
    public static ShownValue Text(string? v) => v is null ? None : ShownValue.Quoted(v);
    public static ShownValue Bool(bool? v) => v is { } x ? x ? s_yes : s_no : None;
    public static ShownValue Enum<T>(T? v, EnumNames<T> names) where T : struct, System.Enum => v is { } x ? new ShownValue(names.Pair(x)) : None;

    private static readonly ShownValue s_yes = new(ValueText.Bool(true, Language.English), ValueText.Bool(true, Language.Chinese));
    private static readonly ShownValue s_no = new(ValueText.Bool(false, Language.English), ValueText.Bool(false, Language.Chinese));

    /// <summary>A list as it is now (later changes to the plan do not change the report).</summary>
    public static ShownValue List<T>(IReadOnlyList<T>? items, Func<T, ShownValue> show)
    {
        if (items is null) return None;
        var copy = new T[items.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = items[i];
        return ShownValue.Lazy(l => ValueText.List(copy.Select(x => show(x).Text(l)), l));
    }

    public static ShownValue Range(ShownValue low, ShownValue high) => ShownValue.Range(low, high);

    /// <summary>A record shows as its kind, as the interpreter does.</summary>
    public static ShownValue Record(object? v, string name) => v is null ? None : ShownValue.Same(name);
}
