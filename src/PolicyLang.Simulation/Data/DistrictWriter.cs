using System.Text;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Writes district data in any of the forms <see cref="DistrictDataLoader"/> reads. The rule for the target:
/// a path ending in <c>.duckdb</c> or <c>.db</c> is a DuckDB database file (tables schools and cohorts, replaced
/// if the database exists); any other path is a folder, written as CSV (schools.csv, cohorts.csv) unless
/// <paramref name="format"/> says <see cref="DistrictFormat.Parquet"/> (schools.parquet, cohorts.parquet).
/// Enumerations are written by their English names, a cohort without a category as <c>none</c>, times as "HH:MM".
/// Writing is atomic: files are written under temporary names and renamed when complete; an existing database is
/// changed in one transaction.
/// </summary>
public static class DistrictWriter
{
    public static void Write(DistrictData data, string path, DistrictFormat? format = null)
    {
        var isDatabase = DistrictSchema.IsDuckDbPath(path);
        var chosen = format ?? (isDatabase ? DistrictFormat.DuckDb : DistrictFormat.Csv);
        if (isDatabase && chosen != DistrictFormat.DuckDb)
            throw new ArgumentException($"'{path}' names a DuckDB database file; {chosen} data is written to a folder", nameof(path));
        if (File.Exists(path) && chosen != DistrictFormat.DuckDb)
            throw new ArgumentException($"'{path}' is a file; {chosen} data is written to a folder", nameof(path));
        switch (chosen)
        {
            case DistrictFormat.Csv:
                AtomicFile.Files(new[] { Path.Combine(path, DistrictDataLoader.SchoolsCsv), Path.Combine(path, DistrictDataLoader.CohortsCsv) }, temps =>
                {
                    WriteCsvSchools(data, temps[0]);
                    WriteCsvCohorts(data, temps[1]);
                }, createFolders: true);
                break;
            case DistrictFormat.Parquet:
                AtomicFile.Files(new[] { Path.Combine(path, DistrictDataLoader.SchoolsParquet), Path.Combine(path, DistrictDataLoader.CohortsParquet) }, temps =>
                    Task.Run(async () =>
                    {
                        await WriteParquetSchoolsAsync(data, temps[0]).ConfigureAwait(false);
                        await WriteParquetCohortsAsync(data, temps[1]).ConfigureAwait(false);
                    }).GetAwaiter().GetResult(), createFolders: true);
                break;
            default:
                DuckDbOutput.Write(path, connection => WriteDuckDb(data, connection));
                break;
        }
    }

    internal static readonly byte[][] StageNames = Utf8Names(PlanEnums.Stage.JsonNames);
    internal static readonly byte[][] LocationNames = Utf8Names(PlanEnums.Location.JsonNames);
    internal static readonly byte[][] OwnershipNames = Utf8Names(PlanEnums.Ownership.JsonNames);
    private static readonly byte[][] s_categoryNames = Utf8Names(PlanEnums.Category.JsonNames);
    private static readonly byte[][] s_gradeNames = Utf8Names(DistrictSchema.GradeText);

    private static byte[][] Utf8Names(IReadOnlyList<string> names) => names.Select(Encoding.UTF8.GetBytes).ToArray();

    private static string CategoryName(Category? category) => category is { } c ? PlanEnums.Category.Json(c) : DistrictSchema.NoCategory;

    private static int Grade(string grade) =>
        int.TryParse(grade, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;

    private static void WriteCsvSchools(DistrictData data, string temp)
    {
        using var stream = AtomicFile.Create(temp);
        using (var csv = new Utf8CsvWriter(stream))
        {
            csv.Header(DistrictSchema.Schools.Select(c => c.Name));
            for (var i = 0; i < data.SchoolCount; i++)
            {
                csv.Text(data.SchoolId[i]);
                csv.Text(data.Name[i]);
                csv.Text(data.District[i]);
                csv.Plain(StageNames[(int)data.Stage[i]]);
                csv.Plain(LocationNames[(int)data.Location[i]]);
                csv.Plain(OwnershipNames[(int)data.Ownership[i]]);
                csv.Integer(data.Students[i]);
                csv.Integer(data.Participants[i]);
                csv.Decimal(data.FeePerMonth[i]);
                csv.Time(data.Dismissal[i]);
                csv.Time(data.ServiceEnd[i]);
                csv.Integer(data.PeriodsPerDay[i]);
                csv.EndRow();
            }
        }
        stream.Flush(flushToDisk: true);
    }

    private static void WriteCsvCohorts(DistrictData data, string temp)
    {
        using var stream = AtomicFile.Create(temp);
        using (var csv = new Utf8CsvWriter(stream))
        {
            csv.Header(DistrictSchema.Cohorts.Select(c => c.Name));
            var none = Encoding.UTF8.GetBytes(DistrictSchema.NoCategory);
            for (var i = 0; i < data.SchoolCount; i++)
            {
                var id = data.SchoolId[i];
                for (var r = data.CohortStart[i]; r < data.CohortStart[i + 1]; r++)
                {
                    csv.Text(id);
                    var grade = Grade(data.CohortGrade[r]);
                    if (grade is >= 1 and <= DistrictSchema.MaxGrade) csv.Plain(s_gradeNames[grade]);
                    else csv.Text(data.CohortGrade[r]);
                    csv.Plain(data.CohortCategory[r] is { } c ? s_categoryNames[(int)c] : none);
                    csv.Integer(data.CohortStudents[r]);
                    csv.Integer(data.CohortParticipants[r]);
                    csv.EndRow();
                }
            }
        }
        stream.Flush(flushToDisk: true);
    }

    internal const int RowGroupSize = 1 << 20;

    internal static DataField Text(string name) => new(name, typeof(string), isNullable: false);
    internal static DataField Int(string name) => new(name, typeof(int), isNullable: false);
    /// <summary>Money in Parquet and DuckDB: DECIMAL(18,4), whole fractions of a hundredth of a fen.</summary>
    internal static DecimalDataField Money(string name, bool nullable = false) => new(name, 18, 4, isNullable: nullable);

    /// <summary>Parquet options: the named text columns (few distinct values) dictionary-encoded.</summary>
    internal static ParquetOptions Options(params string[] dictionaryColumns)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (var column in dictionaryColumns) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        return options;
    }

    internal static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static ReadOnlyMemory<char>[] Chars(IEnumerable<string> values) => values.Select(v => v.AsMemory()).ToArray();

    private static async Task WriteParquetSchoolsAsync(DistrictData data, string temp)
    {
        var fields = new DataField[]
        {
            Text("school_id"), Text("name"), Text("district"), Text("stage"), Text("location"), Text("ownership"),
            Int("students"), Int("participants"), Money("fee_per_month"), Text("dismissal"), Text("service_end"), Int("periods_per_day"),
        };
        await using var stream = AtomicFile.Create(temp);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, Options("district", "stage", "location", "ownership", "dismissal", "service_end")).ConfigureAwait(false))
        {
            for (var start = 0; start < data.SchoolCount || start == 0; start += RowGroupSize)
            {
                var n = Math.Min(RowGroupSize, data.SchoolCount - start);
                using var group = writer.CreateRowGroup();
                var range = new Range(start, start + n);
                await group.WriteAsync(fields[0], Chars(data.SchoolId[range]).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[1], Chars(data.Name.Slice(start, n)).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[2], Chars(data.District[range]).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[3], Chars(data.Stage[range].Select(PlanEnums.Stage.Json)).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[4], Chars(data.Location[range].Select(PlanEnums.Location.Json)).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[5], Chars(data.Ownership[range].Select(PlanEnums.Ownership.Json)).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[6], data.Students.ReadOnly(range)).ConfigureAwait(false);
                await group.WriteAsync(fields[7], data.Participants.ReadOnly(range)).ConfigureAwait(false);
                await group.WriteAsync(fields[8], data.FeePerMonth[range].Select(Round4).ToArray().ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[9], Chars(data.Dismissal[range].Select(t => t.ToString())).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[10], Chars(data.ServiceEnd[range].Select(t => t.ToString())).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[11], data.PeriodsPerDay.ReadOnly(range)).ConfigureAwait(false);
                if (n == 0) break;
            }
        }
        await stream.FlushAsync().ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static async Task WriteParquetCohortsAsync(DistrictData data, string temp)
    {
        var fields = new DataField[] { Text("school_id"), Int("grade"), Text("category"), Int("students"), Int("participants") };
        var ids = new ReadOnlyMemory<char>[Math.Min(RowGroupSize, data.CohortCount)];
        var grades = new int[ids.Length];
        var categories = new ReadOnlyMemory<char>[ids.Length];
        var categoryNames = PlanEnums.Category.JsonNames.Select(n => n.AsMemory()).ToArray();
        var none = DistrictSchema.NoCategory.AsMemory();
        await using var stream = AtomicFile.Create(temp);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, Options("school_id", "category")).ConfigureAwait(false))
        {
            // Rows are written school by school; the school of the first row of each group is found by search.
            for (var start = 0; start < data.CohortCount || start == 0; start += RowGroupSize)
            {
                var n = Math.Min(RowGroupSize, data.CohortCount - start);
                var school = Array.BinarySearch(data.CohortStart, start);
                if (school < 0) school = ~school - 1;
                while (school + 1 < data.CohortStart.Length && data.CohortStart[school + 1] <= start) school++;
                for (var k = 0; k < n; k++)
                {
                    var r = start + k;
                    while (data.CohortStart[school + 1] <= r) school++;
                    ids[k] = data.SchoolId[school].AsMemory();
                    grades[k] = Grade(data.CohortGrade[r]);
                    categories[k] = data.CohortCategory[r] is { } c ? categoryNames[(int)c] : none;
                }
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], ids.ReadOnly(0, n)).ConfigureAwait(false);
                await group.WriteAsync(fields[1], grades.ReadOnly(0, n)).ConfigureAwait(false);
                await group.WriteAsync(fields[2], categories.ReadOnly(0, n)).ConfigureAwait(false);
                await group.WriteAsync(fields[3], data.CohortStudents.ReadOnly(start, n)).ConfigureAwait(false);
                await group.WriteAsync(fields[4], data.CohortParticipants.ReadOnly(start, n)).ConfigureAwait(false);
                if (n == 0) break;
            }
        }
        await stream.FlushAsync().ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static void WriteDuckDb(DistrictData data, DuckDBConnection connection)
    {
        DuckDbOutput.Execute(connection, """
            CREATE OR REPLACE TABLE schools (
                school_id VARCHAR NOT NULL, name VARCHAR, district VARCHAR, stage VARCHAR, location VARCHAR, ownership VARCHAR,
                students INTEGER, participants INTEGER, fee_per_month DECIMAL(18,4), dismissal VARCHAR, service_end VARCHAR,
                periods_per_day INTEGER);
            CREATE OR REPLACE TABLE cohorts (
                school_id VARCHAR NOT NULL, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            """);
        var stages = PlanEnums.Stage.JsonNames;
        var locations = PlanEnums.Location.JsonNames;
        var ownerships = PlanEnums.Ownership.JsonNames;
        using (var appender = connection.CreateAppender(DistrictSchema.SchoolsTable))
        {
            for (var i = 0; i < data.SchoolCount; i++)
            {
                appender.CreateRow()
                    .AppendValue(data.SchoolId[i])
                    .AppendValue(data.Name[i])
                    .AppendValue(data.District[i])
                    .AppendValue(stages[(int)data.Stage[i]])
                    .AppendValue(locations[(int)data.Location[i]])
                    .AppendValue(ownerships[(int)data.Ownership[i]])
                    .AppendValue(data.Students[i])
                    .AppendValue(data.Participants[i])
                    .AppendValue(Round4(data.FeePerMonth[i]))
                    .AppendValue(data.Dismissal[i].ToString())
                    .AppendValue(data.ServiceEnd[i].ToString())
                    .AppendValue(data.PeriodsPerDay[i])
                    .EndRow();
            }
        }
        var categories = PlanEnums.Category.JsonNames;
        using (var appender = connection.CreateAppender(DistrictSchema.CohortsTable))
        {
            for (var i = 0; i < data.SchoolCount; i++)
            {
                var id = data.SchoolId[i];
                for (var r = data.CohortStart[i]; r < data.CohortStart[i + 1]; r++)
                {
                    appender.CreateRow()
                        .AppendValue(id)
                        .AppendValue(Grade(data.CohortGrade[r]))
                        .AppendValue(data.CohortCategory[r] is { } c ? categories[(int)c] : DistrictSchema.NoCategory)
                        .AppendValue(data.CohortStudents[r])
                        .AppendValue(data.CohortParticipants[r])
                        .EndRow();
                }
            }
        }
    }
}

/// <summary>Writes tables into a DuckDB database file, atomically.</summary>
internal static class DuckDbOutput
{
    /// <summary>
    /// A new database is built under a temporary name and renamed into place when complete; an existing one is
    /// changed in a single transaction (DuckDB makes that atomic), so its other tables are kept.
    /// </summary>
    public static void Write(string path, Action<DuckDBConnection> fill)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            using var connection = new DuckDBConnection($"Data Source={full}");
            connection.Open();
            using var transaction = connection.BeginTransaction();
            fill(connection);
            transaction.Commit();
            return;
        }
        AtomicFile.File(full, temp =>
        {
            using (var connection = new DuckDBConnection($"Data Source={temp}"))
            {
                connection.Open();
                fill(connection);
                Execute(connection, "CHECKPOINT");
            }
            if (File.Exists(temp + ".wal")) throw new IOException($"DuckDB left a write-ahead log beside '{temp}'");
        }, createFolder: true);
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
