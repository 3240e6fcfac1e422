using System.Text;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using PolicyLang.Simulation.Data;
using static PolicyLang.Tests.Simulation.DataAssert;

namespace PolicyLang.Tests.Simulation;

/// <summary>Each kind of bad district data gives its own error, located by file, row and column.</summary>
public sealed class DistrictDataErrorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Good_csv_loads_with_english_and_chinese_names()
    {
        var data = DistrictDataLoader.Load(_temp.Csv(GoodSchools, GoodCohorts));
        Assert.Equal(new[] { "A1", "A2" }, data.SchoolId);
        Assert.Equal(new[] { Stage.Primary, Stage.Primary }, data.Stage);
        Assert.Equal(new[] { SchoolLocation.Urban, SchoolLocation.Township }, data.Location);
        Assert.Equal(new[] { 120m, 80m }, data.FeePerMonth);
        Assert.Equal(TimeOfDay.Parse("15:30"), data.Dismissal[0]);
        Assert.Equal(new[] { 0, 2, 4 }, data.CohortStart);
        Assert.Equal(new Category?[] { null, Category.RegisteredPoverty, null, Category.RegisteredPoverty }, data.CohortCategory);
        Assert.Equal(new[] { "1", "1", "1", "2" }, data.CohortGrade);
    }

    [Fact]
    public void Missing_column_is_named_with_the_near_miss()
    {
        var schools = GoodSchools.Replace("fee_per_month", "fee_per_mnth", StringComparison.Ordinal);
        var errors = Fails(_temp.Csv(schools, GoodCohorts));
        var e = Single(errors, "schools.csv", null, "fee_per_month");
        Assert.Contains("missing column 'fee_per_month'", e.English, StringComparison.Ordinal);
        Assert.Contains("fee_per_mnth", e.English, StringComparison.Ordinal);
        Assert.Contains("缺少列", e.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_that_is_not_a_number()
    {
        var schools = GoodSchools.Replace(",1200,950,120,", ",1200,950,abc,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 1, "fee_per_month");
        Assert.Contains("'abc' is not an amount of money", e.English, StringComparison.Ordinal);
        Assert.Contains("不是金额", e.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_that_is_not_a_whole_number()
    {
        var schools = GoodSchools.Replace(",300,200,80,", ",many,200,80,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 2, "students");
        Assert.Contains("'many' is not a whole number", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_count()
    {
        var cohorts = GoodCohorts.Replace("A2,1,none,50,40", "A2,1,none,50,-3", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(GoodSchools, cohorts)), "cohorts.csv", 3, "participants");
        Assert.Contains("negative", e.English, StringComparison.Ordinal);
        Assert.Contains("负数", e.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enumeration_value_lists_the_valid_ones_and_suggests()
    {
        var schools = GoodSchools.Replace("primary,urban", "primery,urban", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 1, "stage");
        Assert.Contains("unknown stage 'primery'; did you mean 'primary'?", e.English, StringComparison.Ordinal);
        Assert.Contains("junior (初中)", e.English, StringComparison.Ordinal);
        Assert.Contains("是否应为 primary", e.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_category()
    {
        var cohorts = GoodCohorts.Replace("A1,1,registered_poverty", "A1,1,poor", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(GoodSchools, cohorts)), "cohorts.csv", 2, "category");
        Assert.Contains("unknown category 'poor'", e.English, StringComparison.Ordinal);
        Assert.Contains("none", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_time_of_day()
    {
        var schools = GoodSchools.Replace("15:40,17:30", "15:40,25:00", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 2, "service_end");
        Assert.Contains("'25:00' is not a time of day HH:MM", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_grade()
    {
        var cohorts = GoodCohorts.Replace("A2,2,", "A2,13,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(GoodSchools, cohorts)), "cohorts.csv", 4, "grade");
        Assert.Contains("'13' is not a grade", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_school_id_points_at_the_first()
    {
        var schools = GoodSchools + "A1,又一小学,城中区,primary,urban,public,100,50,0,15:30,17:00,1\n";
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 3, "school_id");
        Assert.Contains("duplicate school_id 'A1' (first at row 1)", e.English, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ids in increasing order need no index to be told apart; a duplicate is found wherever the order breaks (the
    /// same id again right after, an id out of order, a missing id in between), in every form of the data.
    /// </summary>
    [Theory]
    [InlineData("A1 A2 A3 A3", 4, 3)]
    [InlineData("A1 A2 A3 A2", 4, 2)]
    [InlineData("A3 A1 A2 A3", 4, 1)]
    [InlineData("A1 A2 A2 A2", 3, 2)]
    public void Duplicate_school_id_is_found_in_or_out_of_order(string ids, int row, int first)
    {
        var schools = SchoolsHeader + string.Concat(ids.Split(' ').Select(id => id + ",一所小学,城中区,primary,urban,public,100,50,0,15:30,17:00,1\n"));
        var values = string.Join(", ", ids.Split(' ').Select(id => $"('{id}', '一所小学', '城中区', 'primary', 'urban', 'public', 100, 50, 0, '15:30', '17:00', 1)"));
        var duckdb = DuckDb($"""
            CREATE TABLE schools (school_id VARCHAR, name VARCHAR, district VARCHAR, stage VARCHAR, location VARCHAR, ownership VARCHAR,
                students INTEGER, participants INTEGER, fee_per_month DECIMAL(10,2), dismissal VARCHAR, service_end VARCHAR, periods_per_day INTEGER);
            INSERT INTO schools VALUES {values};
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            """);
        foreach (var (path, file) in new[] { (_temp.Csv(schools, CohortsHeader), "schools.csv"), (duckdb, ".duckdb:schools") })
        {
            var e = Single(Fails(path), file, row, "school_id");
            Assert.Contains($"(first at row {first})", e.English, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Duplicate_school_id_after_a_missing_one()
    {
        var schools = GoodSchools + ",又一小学,城中区,primary,urban,public,100,50,0,15:30,17:00,1\n" +
            "A2,再一小学,城中区,primary,urban,public,100,50,0,15:30,17:00,1\n";
        var errors = Fails(_temp.Csv(schools, GoodCohorts));
        Assert.Equal("missing value", Single(errors, "schools.csv", 3, "school_id").English);
        Assert.Contains("duplicate school_id 'A2' (first at row 2)", Single(errors, "schools.csv", 4, "school_id").English, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohort_of_an_unknown_school_is_reported_once()
    {
        var cohorts = GoodCohorts + "B9,1,none,10,5\nB9,2,none,10,5\n";
        var errors = Fails(_temp.Csv(GoodSchools, cohorts));
        var e = Single(errors, "cohorts.csv", 5, "school_id");
        Assert.Contains("school_id 'B9' is not in schools.csv", e.English, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Fact]
    public void Participants_above_students_in_a_school()
    {
        var schools = GoodSchools.Replace(",300,200,", ",300,400,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 2, "participants");
        Assert.Contains("participants (400) exceed students (300)", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Participants_above_students_in_a_cohort()
    {
        var cohorts = GoodCohorts.Replace("A1,1,registered_poverty,10,10", "A1,1,registered_poverty,10,11", StringComparison.Ordinal);
        Single(Fails(_temp.Csv(GoodSchools, cohorts)), "cohorts.csv", 2, "participants");
    }

    [Fact]
    public void Missing_file()
    {
        var errors = Fails(_temp.Csv(GoodSchools, null));
        var e = Single(errors, "cohorts.csv", null, null);
        Assert.Contains("file not found", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value()
    {
        var schools = GoodSchools.Replace(",柳江区,", ",,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 2, "district");
        Assert.Equal("missing value", e.English);
    }

    [Fact]
    public void Row_with_the_wrong_number_of_fields()
    {
        var cohorts = GoodCohorts.Replace("A2,1,none,50,40", "A2,1,none,50", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(GoodSchools, cohorts)), "cohorts.csv", 3, null);
        Assert.Contains("the row has 4 fields; the header has 5", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_quote()
    {
        var schools = GoodSchools + "A3,\"未完,城中区,primary,urban,public,100,50,0,15:30,17:00,1\n";
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 3, null);
        Assert.Contains("quoted field is not closed", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_with_commas_quotes_and_line_breaks_are_read()
    {
        var schools = SchoolsHeader + "A1,\"第一小学, \"\"东校区\"\"\n(新)\",城中区,primary,urban,public,1200,950,120,15:30,18:00,2\r\n";
        var cohorts = CohortsHeader + "A1,1,none,200,150\r\n";
        var data = DistrictDataLoader.Load(_temp.Csv("\uFEFF" + schools, cohorts));
        Assert.Equal("第一小学, \"东校区\"\n(新)", data.Name[0]);
    }

    [Fact]
    public void Text_that_is_not_utf8()
    {
        var folder = _temp.Csv(GoodSchools, GoodCohorts);
        // 城中区 in GBK, as Excel saves it on a Chinese system.
        var gbk = new byte[] { 0xB3, 0xC7, 0xD6, 0xD0, 0xC7, 0xF8 };
        var bytes = Encoding.UTF8.GetBytes(SchoolsHeader + "A1,x,").Concat(gbk)
            .Concat(Encoding.UTF8.GetBytes(",primary,urban,public,1200,950,120,15:30,18:00,2\n")).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "schools.csv"), bytes);
        var e = Single(Fails(folder), "schools.csv", 1, "district");
        Assert.Contains("not valid UTF-8", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_are_reported_together_in_order()
    {
        var schools = GoodSchools.Replace("primary,urban", "primery,urban", StringComparison.Ordinal)
            .Replace(",300,200,80,", ",300,200,-5,", StringComparison.Ordinal);
        var cohorts = GoodCohorts.Replace("A2,2,", "A2,0,", StringComparison.Ordinal);
        var errors = Fails(_temp.Csv(schools, cohorts));
        Assert.Equal(new[] { "schools.csv 1 stage", "schools.csv 2 fee_per_month", "cohorts.csv 4 grade" },
            errors.Select(e => $"{Path.GetFileName(e.File)} {e.Row} {e.Column}"));
    }

    [Fact]
    public void Too_many_errors_stop_at_the_limit()
    {
        var cohorts = new StringBuilder(CohortsHeader);
        for (var i = 0; i < 500; i++) cohorts.Append("A1,1,none,-1,0\n");
        var errors = Fails(_temp.Csv(GoodSchools, cohorts.ToString()));
        Assert.Equal(DataErrorSink.Limit + 1, errors.Count);
        Assert.Contains("too many errors", errors[^1].English, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_text_in_both_languages()
    {
        var schools = GoodSchools.Replace(",1200,950,120,", ",1200,950,abc,", StringComparison.Ordinal);
        var e = Single(Fails(_temp.Csv(schools, GoodCohorts)), "schools.csv", 1, "fee_per_month");
        Assert.EndsWith("schools.csv row 1, column fee_per_month: 'abc' is not an amount of money (CNY per student per month, e.g. 120 or 99.5)", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("schools.csv 第 1 行 列 fee_per_month: “abc”不是金额", e.ToString(Language.Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_that_does_not_exist()
    {
        var e = Single(Fails(_temp.Path("nowhere")), "nowhere", null, null);
        Assert.Contains("no such file or folder", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_with_both_csv_and_parquet()
    {
        var folder = _temp.Csv(GoodSchools, GoodCohorts);
        File.WriteAllText(Path.Combine(folder, "schools.parquet"), "");
        var e = Single(Fails(folder), "district", null, null);
        Assert.Contains("both schools.csv and schools.parquet", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_parquet_file()
    {
        var folder = _temp.Path("pq");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "schools.parquet"), "not parquet at all");
        File.WriteAllText(Path.Combine(folder, "cohorts.parquet"), "not parquet at all");
        var errors = Fails(folder);
        Assert.Contains("cannot be read", Single(errors, "schools.parquet", null, null).English, StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_column_of_the_wrong_type()
    {
        // cohorts.parquet with a students column of booleans.
        var fields = new DataField[]
        {
            new("school_id", typeof(string), isNullable: false), new("grade", typeof(int), isNullable: false),
            new("category", typeof(string), isNullable: false), new("students", typeof(bool), isNullable: false),
            new("participants", typeof(int), isNullable: false),
        };
        var folder = ParquetWithCohorts(fields, async group =>
        {
            await group.WriteAsync(fields[0], new ReadOnlyMemory<char>[] { "A1".AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[1], new[] { 1 }.ReadOnly());
            await group.WriteAsync(fields[2], new ReadOnlyMemory<char>[] { "none".AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[3], new[] { true }.ReadOnly());
            await group.WriteAsync(fields[4], new[] { 1 }.ReadOnly());
        });
        var e = Single(Fails(folder), "cohorts.parquet", null, "students");
        Assert.Contains("expected a whole number", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_bad_value_is_located_by_row()
    {
        // Counts as nullable text (another tool's choice): a null and a word.
        var fields = new DataField[]
        {
            new("school_id", typeof(string), isNullable: false), new("grade", typeof(long), isNullable: true),
            new("category", typeof(string), isNullable: false), new("students", typeof(string), isNullable: true),
            new("participants", typeof(double), isNullable: false),
        };
        var folder = ParquetWithCohorts(fields, async group =>
        {
            await group.WriteAsync(fields[0], new ReadOnlyMemory<char>[] { "A1".AsMemory(), "A1".AsMemory(), "A2".AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[1], new long?[] { 1, null, 2 }.ReadOnly());
            await group.WriteAsync(fields[2], new ReadOnlyMemory<char>[] { "none".AsMemory(), "none".AsMemory(), "低保".AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[3], new ReadOnlyMemory<char>?[] { "10".AsMemory(), "lots".AsMemory(), "3".AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[4], new[] { 5.0, 1.0, 2.5 }.ReadOnly());
        });
        var errors = Fails(folder);
        Assert.Equal("missing value", Single(errors, "cohorts.parquet", 2, "grade").English);
        Assert.Contains("'lots' is not a whole number", Single(errors, "cohorts.parquet", 2, "students").English, StringComparison.Ordinal);
        Assert.Contains("'2.5' is not a whole number", Single(errors, "cohorts.parquet", 3, "participants").English, StringComparison.Ordinal);
        Assert.Equal(3, errors.Count);
    }

    /// <summary>
    /// Parquet schools are read through DuckDB when every row is good; a problem anywhere sends them to the Parquet
    /// reader, which reports each as ever (by row and column, in the Parquet file's own terms).
    /// </summary>
    [Theory]
    [InlineData("('A2', '第二小学', '柳江区', '大学', 'township', 'public', 300, 200, 80.5, '15:40', '17:30', 2)", 2, "stage", "'大学'")]
    [InlineData("('A2', '第二小学', '柳江区', 'primary', 'township', 'public', 300, 400, 80.5, '15:40', '17:30', 2)", 2, "participants", "exceed students")]
    [InlineData("('A2', '第二小学', '柳江区', 'primary', 'township', 'public', -3, 0, 80.5, '15:40', '17:30', 2)", 2, "students", "negative")]
    [InlineData("('A2', '第二小学', '柳江区', 'primary', 'township', 'public', 300, 200, 80.5, '25:40', '17:30', 2)", 2, "dismissal", "25:40")]
    [InlineData("('A1', '第二小学', '柳江区', 'primary', 'township', 'public', 300, 200, 80.5, '15:40', '17:30', 2)", 2, "school_id", "duplicate school_id 'A1'")]
    [InlineData("(NULL, '第二小学', '柳江区', 'primary', 'township', 'public', 300, 200, 80.5, '15:40', '17:30', 2)", 2, "school_id", "missing value")]
    public void Parquet_schools_with_a_problem_are_reported_by_the_parquet_reader(string second, int row, string column, string message)
    {
        var folder = _temp.Path("pq-schools");
        DistrictWriter.Write(DistrictDataLoader.Load(_temp.Csv(GoodSchools, GoodCohorts)), folder, DistrictFormat.Parquet);
        var schools = Path.Combine(folder, "schools.parquet");
        File.Delete(schools);
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT * FROM (VALUES ('A1', '第一小学', '城中区', 'primary', 'urban', 'public', 1200, 950, 120.0, '15:30', '18:00', 2), {second})
                    t(school_id, name, district, stage, location, ownership, students, participants, fee_per_month, dismissal, service_end, periods_per_day))
                TO '{schools}' (FORMAT PARQUET)
                """;
            command.ExecuteNonQuery();
        }
        Assert.Contains(message, Single(Fails(folder), "schools.parquet", row, column).English, StringComparison.Ordinal);
        // The DuckDB read does not pass the file as good: it fails, or the rows' own check finds the problem.
        var problems = new DataErrorSink();
        var builder = new SchoolsBuilder(schools, problems);
        var read = DuckDbDistrictReader.TryReadParquetTable(schools, builder, problems);
        builder.CheckRows();
        Assert.True(!read || problems.Count > 0);
    }

    [Fact]
    public void Good_parquet_schools_are_read_through_duckdb_as_the_parquet_reader_reads_them()
    {
        var folder = _temp.Path("pq-good");
        var district = DistrictGenerator.Generate(120, 9);
        DistrictWriter.Write(district, folder, DistrictFormat.Parquet);
        var file = Path.Combine(folder, "schools.parquet");
        var problems = new DataErrorSink();
        var byDuckDb = new SchoolsBuilder(file, problems);
        Assert.True(DuckDbDistrictReader.TryReadParquetTable(file, byDuckDb, problems));
        var byParquet = new SchoolsBuilder(file, problems);
        ParquetDistrictReader.Read(file, file, byParquet, problems);
        Assert.Equal(0, problems.Count);
        Assert.Equal(byParquet.Ids.Take(byParquet.Count), byDuckDb.Ids.Take(byDuckDb.Count));
        Assert.Equal(Enumerable.Range(0, byParquet.Count).Select(byParquet.NameOf), Enumerable.Range(0, byDuckDb.Count).Select(byDuckDb.NameOf));
        // DuckDB hands names over as UTF-8, kept as such until shown.
        Assert.True(byDuckDb.HasUtf8Names);
        Assert.Equal(byParquet.Districts.Take(byParquet.Count), byDuckDb.Districts.Take(byDuckDb.Count));
        Assert.Equal(byParquet.Stages.Take(byParquet.Count), byDuckDb.Stages.Take(byDuckDb.Count));
        Assert.Equal(byParquet.StudentCounts.Take(byParquet.Count), byDuckDb.StudentCounts.Take(byDuckDb.Count));
        Assert.Equal(byParquet.Fees.Take(byParquet.Count), byDuckDb.Fees.Take(byDuckDb.Count));
        Assert.Equal(byParquet.Dismissals.Take(byParquet.Count), byDuckDb.Dismissals.Take(byDuckDb.Count));
        Same(district, DistrictDataLoader.Load(folder));
    }

    /// <summary>
    /// Parquet cohorts are summed by DuckDB in one pass that checks every row (the rows of categories no measure weighs
    /// too); each problem alone abandons it, and the Parquet reader reports it as ever.
    /// </summary>
    [Theory]
    [InlineData("ZZ", 2, "migrant", 5, 5, "school_id", "school_id 'ZZ' is not in")]
    [InlineData("ZZ", 2, "none", 5, 5, "school_id", "school_id 'ZZ' is not in")]
    [InlineData("A2", 2, "低保户", 5, 5, "category", "unknown category '低保户'")]
    [InlineData("A2", 13, "migrant", 5, 5, "grade", "13")]
    [InlineData("A2", 0, "none", 5, 5, "grade", "0")]
    [InlineData("A2", 2, "none", 5, 6, "participants", "exceed students")]
    [InlineData("A2", 2, "none", -5, -6, "students", "negative")]
    public void Parquet_a_bad_row_of_a_category_no_measure_weighs_is_reported(string school, int grade, string category, int students, int participants,
        string column, string message)
    {
        var fields = new DataField[]
        {
            new("school_id", typeof(string), isNullable: false), new("grade", typeof(int), isNullable: false),
            new("category", typeof(string), isNullable: false), new("students", typeof(int), isNullable: false),
            new("participants", typeof(int), isNullable: false),
        };
        var folder = ParquetWithCohorts(fields, async group =>
        {
            await group.WriteAsync(fields[0], new ReadOnlyMemory<char>[] { "A1".AsMemory(), "A1".AsMemory(), school.AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[1], new[] { 1, 1, grade }.ReadOnly());
            await group.WriteAsync(fields[2], new ReadOnlyMemory<char>[] { "none".AsMemory(), "registered_poverty".AsMemory(), category.AsMemory() }.ReadOnly());
            await group.WriteAsync(fields[3], new[] { 200, 10, students }.ReadOnly());
            await group.WriteAsync(fields[4], new[] { 150, 10, participants }.ReadOnly());
        });
        Assert.Contains(message, Single(Fails(folder), "cohorts.parquet", 3, column).English, StringComparison.Ordinal);
        Assert.Null(DuckDbDistrictReader.TryReadParquetCohortsSummed(Path.Combine(folder, "schools.parquet"), Path.Combine(folder, "cohorts.parquet"), Pushdowns[3]));
    }

    /// <summary>A Parquet district: the good schools, and a cohorts.parquet of these fields written by <paramref name="write"/>.</summary>
    private string ParquetWithCohorts(DataField[] fields, Func<ParquetRowGroupWriter, Task> write)
    {
        var folder = _temp.Path("pq");
        DistrictWriter.Write(DistrictDataLoader.Load(_temp.Csv(GoodSchools, GoodCohorts)), folder, DistrictFormat.Parquet);
        WriteParquet(Path.Combine(folder, "cohorts.parquet"), fields, write);
        return folder;
    }

    private static void WriteParquet(string path, DataField[] fields, Func<ParquetRowGroupWriter, Task> write)
    {
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await write(group);
        }).GetAwaiter().GetResult();
    }

    private string DuckDb(string sql)
    {
        var path = _temp.Path($"d{Guid.NewGuid():N}.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        return path;
    }

    private const string DuckSchools = """
        CREATE TABLE schools (school_id VARCHAR, name VARCHAR, district VARCHAR, stage VARCHAR, location VARCHAR, ownership VARCHAR,
            students INTEGER, participants INTEGER, fee_per_month DECIMAL(10,2), dismissal VARCHAR, service_end VARCHAR, periods_per_day INTEGER);
        INSERT INTO schools VALUES ('A1', '第一小学', '城中区', 'primary', 'urban', 'public', 1200, 950, 120, '15:30', '18:00', 2),
                                   ('A2', '第二小学', '柳江区', '小学', '乡镇', '公办', 300, 200, 80.5, '15:40', '17:30', 2);
        """;

    [Fact]
    public void DuckDb_missing_table()
    {
        var e = Single(Fails(DuckDb(DuckSchools)), ".duckdb:cohorts", null, null);
        Assert.Contains("the database has no table 'cohorts'", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_bad_values_are_located_by_row_and_column()
    {
        var path = DuckDb(DuckSchools + """
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            INSERT INTO cohorts VALUES ('A1', 1, 'none', 200, 150), ('A1', 1, 'registered_poverty', 10, NULL),
                                       ('A2', 1, 'none', 50, -3), ('ZZ', 2, '建档立卡', 5, 5), ('A2', 2, '低保户', 5, 5);
            """);
        var errors = Fails(path);
        Assert.Equal("missing value", Single(errors, ".duckdb:cohorts", 2, "participants").English);
        Assert.Contains("negative", Single(errors, ".duckdb:cohorts", 3, "participants").English, StringComparison.Ordinal);
        Assert.Contains("school_id 'ZZ' is not in table schools", Single(errors, ".duckdb:cohorts", 4, "school_id").English, StringComparison.Ordinal);
        Assert.Contains("unknown category '低保户'; did you mean '低保'?", Single(errors, ".duckdb:cohorts", 5, "category").English, StringComparison.Ordinal);
        Assert.Equal(4, errors.Count);
    }

    /// <summary>
    /// A load that keeps only some categories' rows (DistrictLoadOptions.Categories) still checks the others: each
    /// problem alone, in a row no measure weighs, is reported as by the full read (<see cref="DataAssert.Fails"/>).
    /// </summary>
    [Theory]
    [InlineData("('ZZ', 2, 'migrant', 5, 5)", "school_id", "school_id 'ZZ' is not in table schools")]
    [InlineData("('ZZ', 2, 'none', 5, 5)", "school_id", "school_id 'ZZ' is not in table schools")]
    [InlineData("('A2', 2, '低保户', 5, 5)", "category", "unknown category '低保户'")]
    [InlineData("('A2', 13, 'migrant', 5, 5)", "grade", "13")]
    [InlineData("('A2', 2, 'none', 5, 6)", "participants", "exceed students")]
    public void DuckDb_a_bad_row_of_a_category_no_measure_weighs_is_reported(string row, string column, string message)
    {
        var path = DuckDb(DuckSchools + $"""
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            INSERT INTO cohorts VALUES ('A1', 1, 'none', 200, 150), ('A1', 1, 'registered_poverty', 10, 10), {row};
            """);
        Assert.Contains(message, Single(Fails(path), ".duckdb:cohorts", 3, column).English, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_column_of_the_wrong_type()
    {
        var path = DuckDb(DuckSchools + """
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students DATE, participants INTEGER);
            """);
        var e = Single(Fails(path), ".duckdb:cohorts", null, "students");
        Assert.Contains("the column has type DATE; expected a whole number", e.English, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_typed_columns_and_text_columns_load()
    {
        var path = DuckDb(DuckSchools.Replace("dismissal VARCHAR", "dismissal TIME", StringComparison.Ordinal) + """
            CREATE TABLE cohorts (school_id VARCHAR, grade VARCHAR, category VARCHAR, students BIGINT, participants DOUBLE);
            INSERT INTO cohorts VALUES ('A1', '1', 'none', 200, 150), ('A2', '2', '建档立卡', 5, 5);
            """);
        var data = DistrictDataLoader.Load(path);
        Assert.Equal(new[] { 120m, 80.5m }, data.FeePerMonth);
        Assert.Equal("80.5", data.FeePerMonth[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeOfDay.Parse("15:40"), data.Dismissal[1]);
        Assert.Equal(new Category?[] { null, Category.RegisteredPoverty }, data.CohortCategory);
    }

    [Fact]
    public void DuckDb_decimal_fees_read_as_digits_keep_their_text_in_errors()
    {
        // A DECIMAL fee is read as its digits and scale; a negative one is still quoted as DuckDB writes it.
        var path = DuckDb(DuckSchools.Replace("80.5, '15:40'", "-0.5, '15:40'", StringComparison.Ordinal)
            .Replace("120, '15:30'", "-1234.05, '15:30'", StringComparison.Ordinal) + """
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            INSERT INTO cohorts VALUES ('A1', 1, 'none', 200, 150);
            """);
        var errors = Fails(path);
        Assert.Equal("'-1234.05' is negative; a fee is 0 or more", Single(errors, ".duckdb:schools", 1, "fee_per_month").English);
        Assert.Equal("'-0.50' is negative; a fee is 0 or more", Single(errors, ".duckdb:schools", 2, "fee_per_month").English);
        Assert.Equal(2, errors.Count);

        var good = DuckDb(DuckSchools.Replace("DECIMAL(10,2)", "DECIMAL(18,4)", StringComparison.Ordinal)
            .Replace("80.5, '15:40'", "0.0000, '15:40'", StringComparison.Ordinal) + """
            CREATE TABLE cohorts (school_id VARCHAR, grade INTEGER, category VARCHAR, students INTEGER, participants INTEGER);
            INSERT INTO cohorts VALUES ('A1', 1, 'none', 200, 150);
            """);
        var data = DistrictDataLoader.Load(good);
        Assert.Equal(new[] { "120", "0" }, data.FeePerMonth.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Not_district_data()
    {
        var path = _temp.Path("notes.txt");
        File.WriteAllText(path, "hello");
        var e = Single(Fails(path), "notes.txt", null, null);
        Assert.Contains("not district data", e.English, StringComparison.Ordinal);
    }
}
