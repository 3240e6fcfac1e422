namespace PolicyLang.Simulation.Data;

/// <summary>Read-only memory over arrays, for the Parquet writers.</summary>
internal static class ArrayMemory
{
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array) => array;
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array, Range range) => new ReadOnlyMemory<T>(array)[range];
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array, int start, int length) => new(array, start, length);
}
