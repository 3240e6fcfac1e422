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

        if (reader.RowGroupCount == 0) return;

        // Row groups are decoded one ahead, on a second reader of the file, while the current one is checked.
        await using var second = reader.RowGroupCount > 1 ? await ParquetReader.CreateAsync(path).ConfigureAwait(false) : null;
        var readers = new[] { reader, second ?? reader };
        long offset = 0;
        Task<Decoded[]>? next = DecodeGroupAsync(reader, 0, columns);
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var current = await next!.ConfigureAwait(false);
                next = g + 1 < reader.RowGroupCount ? Task.Run(() => DecodeGroupAsync(readers[(g + 1) % 2], g + 1, columns)) : null;
                try
                {
                    var rows = current.Length == 0 ? 0 : current[0].Rows;
                    builder.Grow((int)(offset + rows));
                    for (var c = 0; c < current.Length; c++) current[c].Deliver(builder, c, offset);
                    offset += rows;
                }
                finally
                {
                    foreach (var column in current) column.Dispose();
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                try
                {
                    foreach (var column in await next.ConfigureAwait(false)) column.Dispose();
                }
                catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or NotSupportedException)
                {
                }
            }
        }
    }

    private static async Task<Decoded[]> DecodeGroupAsync(ParquetReader reader, int index, DataField[] columns)
    {
        var group = reader.OpenRowGroupReader(index);
        var rows = (int)group.RowCount;
        var decoded = new List<Decoded>(columns.Length);
        try
        {
            foreach (var field in columns) decoded.Add(await DecodeAsync(group, field, rows).ConfigureAwait(false));
        }
        catch
        {
            foreach (var column in decoded) column.Dispose();
            throw;
        }
        return decoded.ToArray();
    }

    /// <summary>One column of one row group, decoded: its values and, for a nullable column, which rows have one.</summary>
    private abstract class Decoded : IDisposable
    {
        public int Rows { get; init; }
        public int MaxLevel { get; init; }
        public abstract void Deliver(TableBuilder builder, int column, long offset);
        public abstract void Dispose();
    }

    private sealed class Decoded<T> : Decoded where T : struct
    {
        public required T[] Values { get; init; }
        public int[]? Levels { get; init; }

        public override void Deliver(TableBuilder builder, int column, long offset)
        {
            if (typeof(T) == typeof(ReadOnlyMemory<char>))
                DeliverStrings(builder, column, offset, Rows, (ReadOnlyMemory<char>[])(object)Values, Levels, MaxLevel);
            else if (Levels is null && typeof(T) == typeof(int) && builder is CohortsBuilder cohorts)
                cohorts.Integers(column, offset, ((int[])(object)Values).AsSpan(0, Rows));
            else
                DeliverValues(builder, column, offset, Rows, Values, Levels, MaxLevel);
        }

        public override void Dispose()
        {
            ArrayPool<T>.Shared.Return(Values, clearArray: typeof(T) == typeof(ReadOnlyMemory<char>));
            if (Levels is not null) ArrayPool<int>.Shared.Return(Levels);
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

    private static async ValueTask<Decoded> DecodeAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        if (IsString(type)) return await DecodeAsync<ReadOnlyMemory<char>>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(int)) return await DecodeAsync<int>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(long)) return await DecodeAsync<long>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(short)) return await DecodeAsync<short>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(sbyte)) return await DecodeAsync<sbyte>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(byte)) return await DecodeAsync<byte>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(ushort)) return await DecodeAsync<ushort>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(uint)) return await DecodeAsync<uint>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(ulong)) return await DecodeAsync<ulong>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(double)) return await DecodeAsync<double>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(float)) return await DecodeAsync<float>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(decimal)) return await DecodeAsync<decimal>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(TimeSpan)) return await DecodeAsync<TimeSpan>(group, field, rows).ConfigureAwait(false);
        if (type == typeof(TimeOnly)) return await DecodeAsync<TimeOnly>(group, field, rows).ConfigureAwait(false);
        throw new NotSupportedException($"a column of {type.Name}");
    }

    private static async ValueTask<Decoded> DecodeAsync<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
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
        return new Decoded<T> { Values = values, Levels = levels, Rows = rows, MaxLevel = field.MaxDefinitionLevel };
    }

    private static void DeliverValues<T>(TableBuilder builder, int column, long offset, int rows, T[] values, int[]? levels, int max)
    {
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
