using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// One reported measure of every school under one scenario, as the simulators write it: the values in a plain column
/// (0 where a school has none, yes/no as 1/0) and which schools have none. Plain decimals rather than
/// <c>decimal?</c> (16 bytes a value instead of 24), so that results can be read in place, without copying.
/// </summary>
public sealed class MeasureColumn
{
    public MeasureColumn(int schools)
    {
        Values = new decimal[schools];
        Absent = new bool[schools];
    }

    /// <summary>The value of each school; 0 where it has none.</summary>
    public decimal[] Values { get; }

    /// <summary>Whether school i has no value.</summary>
    public bool[] Absent { get; }

    public int Count => Values.Length;

    /// <summary>A column in which no school has a value yet.</summary>
    public static MeasureColumn Empty(int schools)
    {
        var column = new MeasureColumn(schools);
        for (var i = 0; i < schools; i++) column.Absent[i] = true;
        return column;
    }

    /// <summary>A column of these values (null: the school has none).</summary>
    public static MeasureColumn Of(IReadOnlyList<decimal?> values)
    {
        var column = new MeasureColumn(values.Count);
        for (var i = 0; i < values.Count; i++) column.Set(i, values[i]);
        return column;
    }

    /// <summary>School i's value; null when it has none.</summary>
    public decimal? this[int i]
    {
        get => Absent[i] ? null : Values[i];
        set => Set(i, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int i, decimal? value)
    {
        Values[i] = value.GetValueOrDefault();
        Absent[i] = !value.HasValue;
    }

    /// <summary>Sets a yes/no value as 1 or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int i, bool? value)
    {
        Values[i] = value == true ? 1m : 0m;
        Absent[i] = !value.HasValue;
    }

    /// <summary>The column as nullable values.</summary>
    public decimal?[] ToNullable()
    {
        var values = new decimal?[Values.Length];
        for (var i = 0; i < values.Length; i++)
            if (!Absent[i]) values[i] = Values[i];
        return values;
    }
}
