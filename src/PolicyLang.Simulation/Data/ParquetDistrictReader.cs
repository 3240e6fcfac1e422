using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Reads schools.parquet or cohorts.parquet column by column, row group by row group, into a table builder.
/// Accepts the Parquet types a tool may reasonably write for each column (text as UTF-8 strings; counts as any
/// integer, a real or a decimal with whole values; money as an integer, real, decimal or text; times as text
/// "HH:MM" or a TIME).
/// </summary>
internal static class ParquetDistrictReader
{
    public static void Read(string path, string file, TableBuilder builder, DataErrorSink errors) =>
        Task.Run(() => ReadAsync(path, file, builder, errors)).GetAwaiter().GetResult();

    private static async Task ReadAsync(string path, string file, TableBuilder builder, DataErrorSink errors)
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        var fields = reader.Schema.Fields;
        var names = fields.Select(f => f.Name).ToArray();
        var positions = ColumnMatcher.Match(file, names, builder.Columns, errors);
        if (positions is null) return;

        var columns = new DataField[positions.Length];
        var typesOk = true;
        for (var c = 0; c < positions.Length; c++)
        {
            var field = fields[positions[c]] as DataField;
            if (field is null || field.IsArray || field.MaxRepetitionLevel > 0 || !Accepts(builder.Columns[c].Kind, field.ClrType))
            {
                var (expected, expectedZh) = Expected(builder.Columns[c].Kind);
                var actual = field is null || field.IsArray || field.MaxRepetitionLevel > 0 ? "a list or group" : TypeName(field.ClrType);
                var (en, zh) = DataMessages.ColumnType(actual, expected, expectedZh);
                errors.Add(file, null, builder.Columns[c].Name, en, zh);
                typesOk = false;
                continue;
            }
            columns[c] = field;
        }
        if (!typesOk) return;

        long total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++) total += reader.OpenRowGroupReader(g).RowCount;
        if (total > Array.MaxLength) throw new InvalidDataException($"{total} rows are more than a table can hold");
        builder.Reserve((int)total);

        long offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            builder.Grow((int)(offset + rows));
            for (var c = 0; c < columns.Length; c++) await ReadColumnAsync(group, columns[c], c, offset, rows, builder).ConfigureAwait(false);
            offset += rows;
        }
    }

    private static readonly Type[] s_integers = { typeof(int), typeof(long), typeof(short), typeof(sbyte), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong) };

    private static bool Accepts(ColumnKind kind, Type type) => kind switch
    {
        ColumnKind.Id => IsString(type) || s_integers.Contains(type),
        ColumnKind.Text or ColumnKind.Stage or ColumnKind.Location or ColumnKind.Ownership or ColumnKind.Category => IsString(type),
        ColumnKind.Count or ColumnKind.Grade or ColumnKind.Money =>
            IsString(type) || s_integers.Contains(type) || type == typeof(double) || type == typeof(float) || type == typeof(decimal),
        ColumnKind.Time => IsString(type) || type == typeof(TimeSpan) || type == typeof(TimeOnly),
        _ => false,
    };

    private static bool IsString(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static string TypeName(Type type) => IsString(type) ? "text" : type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[]) ? "binary" : type.Name;

    internal static (string, string) Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.Id => ("text or a whole number", "文本或整数"),
        ColumnKind.Count or ColumnKind.Grade => ("a whole number", "整数"),
        ColumnKind.Money => ("a number (CNY)", "数值（元）"),
        ColumnKind.Time => ("text HH:MM or a time", "HH:MM 文本或时刻类型"),
        _ => ("text", "文本"),
    };

    private static async ValueTask ReadColumnAsync(ParquetRowGroupReader group, DataField field, int column, long offset, int rows, TableBuilder builder)
    {
        var type = field.ClrType;
        if (IsString(type)) await ReadStringsAsync(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(int)) await ReadAsync<int>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(long)) await ReadAsync<long>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(short)) await ReadAsync<short>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(sbyte)) await ReadAsync<sbyte>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(byte)) await ReadAsync<byte>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(ushort)) await ReadAsync<ushort>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(uint)) await ReadAsync<uint>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(ulong)) await ReadAsync<ulong>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(double)) await ReadAsync<double>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(float)) await ReadAsync<float>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(decimal)) await ReadAsync<decimal>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(TimeSpan)) await ReadAsync<TimeSpan>(group, field, column, offset, rows, builder).ConfigureAwait(false);
        else if (type == typeof(TimeOnly)) await ReadAsync<TimeOnly>(group, field, column, offset, rows, builder).ConfigureAwait(false);
    }

    /// <summary>Reads a column's values and, for a nullable column, which rows have one.</summary>
    private static async ValueTask<(T[] Values, int[]? Levels)> ReadRawAsync<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = ArrayPool<T>.Shared.Rent(Math.Max(1, rows));
        int[]? levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(1, rows)) : null;
        try
        {
            await group.ReadRawAsync(field, values.AsMemory(0, rows), levels?.AsMemory(0, rows), null).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<T>.Shared.Return(values);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
            throw;
        }
        return (values, levels);
    }

    private static async ValueTask ReadAsync<T>(ParquetRowGroupReader group, DataField field, int column, long offset, int rows, TableBuilder builder) where T : struct
    {
        var (values, levels) = await ReadRawAsync<T>(group, field, rows).ConfigureAwait(false);
        try
        {
            if (levels is null && typeof(T) == typeof(int) && builder is CohortsBuilder cohorts)
            {
                cohorts.Integers(column, offset, ((int[])(object)values).AsSpan(0, rows));
                return;
            }
            var max = field.MaxDefinitionLevel;
            var v = 0;
            for (var r = 0; r < rows; r++)
            {
                var row = offset + r;
                if (levels is not null && levels[r] < max)
                {
                    builder.Missing(column, row);
                    continue;
                }
                Deliver(builder, column, row, values[v++]);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static void Deliver<T>(TableBuilder builder, int column, long row, T value)
    {
        switch (value)
        {
            case int i: builder.Integer(column, row, i); break;
            case long l: builder.Integer(column, row, l); break;
            case short s: builder.Integer(column, row, s); break;
            case sbyte sb: builder.Integer(column, row, sb); break;
            case byte b: builder.Integer(column, row, b); break;
            case ushort us: builder.Integer(column, row, us); break;
            case uint ui: builder.Integer(column, row, ui); break;
            case ulong ul:
                if (ul > long.MaxValue) builder.Real(column, row, ul);
                else builder.Integer(column, row, (long)ul);
                break;
            case double d: builder.Real(column, row, d); break;
            case float f: builder.Real(column, row, f); break;
            case decimal m: builder.Money(column, row, m); break;
            case TimeSpan t: builder.Time(column, row, t); break;
            case TimeOnly t: builder.Time(column, row, t.ToTimeSpan()); break;
        }
    }

    private static async ValueTask ReadStringsAsync(ParquetRowGroupReader group, DataField field, int column, long offset, int rows, TableBuilder builder)
    {
        var (values, levels) = await ReadRawAsync<ReadOnlyMemory<char>>(group, field, rows).ConfigureAwait(false);
        try
        {
            DeliverStrings(builder, column, offset, rows, values, levels, field.MaxDefinitionLevel);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>
    /// Hands a row group's text cells to the builder. Dictionary-encoded text gives the same memory for the same
    /// value, so a cohort's school_id equal to the row before's, and a category met before, cost one comparison.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void DeliverStrings(TableBuilder builder, int column, long offset, int rows, ReadOnlyMemory<char>[] values, int[]? levels, int max)
    {
        var cohorts = builder as CohortsBuilder;
        var categories = cohorts is not null && column == CohortsBuilder.Category ? cohorts.Categories : null;
        var schools = cohorts is not null && column == CohortsBuilder.School ? cohorts.Schools : null;
        var memoKeys = new ReadOnlyMemory<char>[16];
        var memoCodes = new sbyte[16];
        var memoCount = 0;
        var last = default(ReadOnlyMemory<char>);
        var haveLast = false;
        var v = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = offset + r;
            if (levels is not null && levels[r] < max)
            {
                builder.Missing(column, row);
                haveLast = false;
                continue;
            }
            var text = values[v++];
            if (schools is not null)
            {
                if (haveLast && row > 0 && text.Equals(last))
                {
                    schools[row] = schools[row - 1];
                    continue;
                }
                builder.Text(column, row, text.Span);
                last = text;
                haveLast = true;
                continue;
            }
            if (categories is not null)
            {
                var hit = false;
                for (var k = 0; k < memoCount; k++)
                {
                    if (memoKeys[k].Equals(text))
                    {
                        categories[row] = memoCodes[k];
                        hit = true;
                        break;
                    }
                }
                if (hit) continue;
                builder.Text(column, row, text.Span);
                if (categories[row] >= -1 && memoCount < memoKeys.Length)
                {
                    memoKeys[memoCount] = text;
                    memoCodes[memoCount++] = categories[row];
                }
                continue;
            }
            builder.Text(column, row, text.Span);
        }
    }
}
