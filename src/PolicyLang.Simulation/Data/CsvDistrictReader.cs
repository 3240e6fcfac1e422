namespace PolicyLang.Simulation.Data;

/// <summary>Matches a table's column names against the columns design/data.md requires.</summary>
internal static class ColumnMatcher
{
    /// <summary>
    /// For each required column, its position among <paramref name="names"/>; null (after reporting) when a column
    /// is missing or named twice. Other columns are ignored.
    /// </summary>
    public static int[]? Match(string file, IReadOnlyList<string> names, ColumnSpec[] spec, DataErrorSink errors)
    {
        var positions = new int[spec.Length];
        Array.Fill(positions, -1);
        var ok = true;
        var trimmed = names.Select(n => n.Trim()).ToArray();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var column = Array.FindIndex(spec, c => c.Name == trimmed[i]);
            if (column < 0) continue;
            if (positions[column] >= 0)
            {
                var (en, zh) = DataMessages.ColumnDuplicate(trimmed[i]);
                errors.Add(file, null, trimmed[i], en, zh);
                ok = false;
                continue;
            }
            positions[column] = i;
        }
        var unknown = trimmed.Where(n => Array.FindIndex(spec, c => c.Name == n) < 0).ToArray();
        for (var column = 0; column < spec.Length; column++)
        {
            if (positions[column] >= 0) continue;
            var (en, zh) = DataMessages.ColumnMissing(spec[column].Name, Spelling.Suggest(spec[column].Name, unknown));
            errors.Add(file, null, spec[column].Name, en, zh);
            ok = false;
        }
        return ok ? positions : null;
    }
}

/// <summary>Reads schools.csv or cohorts.csv into a table builder.</summary>
internal static class CsvDistrictReader
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Read(string path, string file, TableBuilder builder, DataErrorSink errors)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var csv = new Utf8CsvReader(stream);

        var header = csv.Read(out var headerError);
        if (header == Utf8CsvReader.Result.End)
        {
            var (en, zh) = DataMessages.EmptyFile();
            errors.Add(file, null, null, en, zh);
            return;
        }
        if (header == Utf8CsvReader.Result.Error)
        {
            errors.Add(file, null, null, "header row: " + headerError.English, "表头行：" + headerError.Chinese);
            return;
        }
        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            var field = csv.Field(i);
            names[i] = System.Text.Encoding.UTF8.GetString(field);
        }
        var positions = ColumnMatcher.Match(file, names, builder.Columns, errors);
        if (positions is null) return;

        var width = names.Length;
        var columns = positions.Length;
        while (true)
        {
            var result = csv.Read(out var error);
            if (result == Utf8CsvReader.Result.End) break;
            var row = csv.Records - 2;
            builder.Grow((int)(row + 1));
            if (result == Utf8CsvReader.Result.Error)
            {
                errors.Add(file, row + 1, null, error.English, error.Chinese);
                continue;
            }
            if (csv.FieldCount != width)
            {
                var (en, zh) = DataMessages.FieldCount(csv.FieldCount, width);
                errors.Add(file, row + 1, null, en, zh);
                continue;
            }
            for (var column = 0; column < columns; column++) builder.Utf8(column, row, csv.Field(positions[column]));
        }
    }
}
