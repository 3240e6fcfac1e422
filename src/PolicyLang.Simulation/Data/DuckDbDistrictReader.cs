using System.Data.Common;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Reads the tables schools and cohorts of a DuckDB database. DuckDB scans the table (in parallel, in table
/// order) and casts each column to one of three shapes (VARCHAR, BIGINT, DOUBLE) chosen from its declared type;
/// the result is read as a stream of vectors in place, so millions of rows cost no allocation per row.
/// </summary>
internal static class DuckDbDistrictReader
{
    /// <summary>Opens a database read-only. The path must exist (DuckDB would otherwise create it).</summary>
    public static DuckDBConnection OpenReadOnly(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>The tables (and views) of the main schema, by name.</summary>
    public static HashSet<string> Tables(DuckDBConnection connection)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'";
        using var reader = command.ExecuteReader();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    public static void Read(DuckDBConnection connection, string table, string file, TableBuilder builder, DataErrorSink errors)
    {
        var names = new List<string>();
        var types = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position";
            command.Parameters.Add(new DuckDBParameter("table", table));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
                types.Add(reader.GetString(1));
            }
        }
        var positions = ColumnMatcher.Match(file, names, builder.Columns, errors);
        if (positions is null) return;

        var select = new string[positions.Length];
        var shapes = new Shape[positions.Length];
        var typesOk = true;
        for (var c = 0; c < positions.Length; c++)
        {
            var name = names[positions[c]];
            var type = types[positions[c]];
            var shape = ShapeOf(builder.Columns[c].Kind, type);
            if (shape is null)
            {
                var (expected, expectedZh) = ParquetDistrictReader.Expected(builder.Columns[c].Kind);
                var (en, zh) = DataMessages.ColumnType(type, expected, expectedZh);
                errors.Add(file, null, builder.Columns[c].Name, en, zh);
                typesOk = false;
                continue;
            }
            shapes[c] = shape.Value;
            var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            select[c] = shapes[c] switch
            {
                Shape.Text when IsText(type) => quoted,
                Shape.Text => $"CAST({quoted} AS VARCHAR)",
                Shape.Integer => $"CAST({quoted} AS BIGINT)",
                _ => $"CAST({quoted} AS DOUBLE)",
            };
        }
        if (!typesOk) return;

        long count;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT count(*) FROM main.\"{table}\"";
            count = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (count > Array.MaxLength) throw new InvalidDataException($"{count} rows are more than a table can hold");
        builder.Reserve((int)count);
        builder.Grow((int)count);

        Stream(connection, $"SELECT {string.Join(", ", select)} FROM main.\"{table}\"", shapes, builder, count);
    }

    private enum Shape { Text, Integer, Real }

    private static bool IsText(string type) => type == "VARCHAR" || type.StartsWith("VARCHAR(", StringComparison.Ordinal);

    private static bool IsInteger(string type) => type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT"
        or "UINTEGER" or "UBIGINT" or "HUGEINT" or "UHUGEINT";

    private static bool IsReal(string type) => type is "DOUBLE" or "FLOAT" or "REAL" || type.StartsWith("DECIMAL", StringComparison.Ordinal);

    private static Shape? ShapeOf(ColumnKind kind, string type) => kind switch
    {
        ColumnKind.Id => IsText(type) || IsInteger(type) ? Shape.Text : null,
        ColumnKind.Text or ColumnKind.Stage or ColumnKind.Location or ColumnKind.Ownership or ColumnKind.Category =>
            IsText(type) || type.StartsWith("ENUM", StringComparison.Ordinal) ? Shape.Text : null,
        ColumnKind.Count or ColumnKind.Grade => IsText(type) ? Shape.Text : IsInteger(type) ? Shape.Integer : IsReal(type) ? Shape.Real : null,
        // Money is read as DuckDB's own text of the value, so a DECIMAL keeps every digit.
        ColumnKind.Money => IsText(type) || IsInteger(type) || IsReal(type) ? Shape.Text : null,
        ColumnKind.Time => IsText(type) || type == "TIME" ? Shape.Text : null,
        _ => null,
    };

    private static unsafe void Stream(DuckDBConnection connection, string sql, Shape[] shapes, TableBuilder builder, long expected)
    {
        if (NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, sql, out var statement) != DuckDBState.Success)
        {
            var message = NativeMethods.PreparedStatements.DuckDBPrepareError(statement);
            statement.Dispose();
            throw new InvalidDataException(message);
        }
        DuckDBResult result;
        using (statement)
        {
            if (NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(statement, out result) != DuckDBState.Success)
            {
                var message = NativeMethods.Query.DuckDBResultError(ref result);
                NativeMethods.Query.DuckDBDestroyResult(ref result);
                throw new InvalidDataException(message);
            }
        }
        try
        {
            var columns = shapes.Length;
            var data = new byte*[columns];
            var validity = new ulong*[columns];
            long row = 0;
            while (true)
            {
                using var chunk = NativeMethods.StreamingResult.DuckDBStreamFetchChunk(result);
                if (chunk.IsInvalid)
                {
                    var error = NativeMethods.Query.DuckDBResultError(ref result);
                    if (!string.IsNullOrEmpty(error)) throw new InvalidDataException(error);
                    break;
                }
                var size = (int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
                if (size == 0) break;
                if (row + size > expected) throw new InvalidDataException("the table changed while it was read");
                for (var c = 0; c < columns; c++)
                {
                    var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c);
                    data[c] = (byte*)NativeMethods.Vectors.DuckDBVectorGetData(vector);
                    validity[c] = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
                }
                for (var c = 0; c < columns; c++)
                {
                    var values = data[c];
                    var mask = validity[c];
                    switch (shapes[c])
                    {
                        case Shape.Text:
                            for (var i = 0; i < size; i++)
                            {
                                if (mask != null && (mask[i >> 6] & (1UL << (i & 63))) == 0) builder.Missing(c, row + i);
                                else builder.Utf8(c, row + i, String(values + 16 * i));
                            }
                            break;
                        case Shape.Integer:
                            for (var i = 0; i < size; i++)
                            {
                                if (mask != null && (mask[i >> 6] & (1UL << (i & 63))) == 0) builder.Missing(c, row + i);
                                else builder.Integer(c, row + i, ((long*)values)[i]);
                            }
                            break;
                        default:
                            for (var i = 0; i < size; i++)
                            {
                                if (mask != null && (mask[i >> 6] & (1UL << (i & 63))) == 0) builder.Missing(c, row + i);
                                else builder.Real(c, row + i, ((double*)values)[i]);
                            }
                            break;
                    }
                }
                row += size;
            }
            if (row != expected) throw new InvalidDataException("the table changed while it was read");
        }
        finally
        {
            NativeMethods.Query.DuckDBDestroyResult(ref result);
        }
    }

    /// <summary>A duckdb_string_t: a 4-byte length, then up to 12 bytes inline, or a 4-byte prefix and a pointer.</summary>
    private static unsafe ReadOnlySpan<byte> String(byte* value)
    {
        var length = *(uint*)value;
        return length <= 12 ? new ReadOnlySpan<byte>(value + 4, (int)length) : new ReadOnlySpan<byte>(*(byte**)(value + 8), (int)length);
    }

    internal static bool IsDuckDbException(Exception e) => e is DuckDBException or DbException;
}
