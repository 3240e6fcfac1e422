using System.Security.Cryptography;
using DuckDB.NET.Data;
using PolicyLang.Simulation.Data;
using static PolicyLang.Tests.Simulation.DataAssert;

namespace PolicyLang.Tests.Simulation;

/// <summary>The three forms of district data, the writer, the generator and the committed examples.</summary>
public sealed class DistrictDataFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_district_keeps_the_school_columns_it_is_given_and_refuses_columns_of_other_lengths()
    {
        static (string[], string[], string[], Stage[], SchoolLocation[], Ownership[], int[], int[], decimal[], TimeOfDay[], TimeOfDay[], int[]) Columns(int n, int names) =>
            (new string[n], new string[names], new string[n], new Stage[n], new SchoolLocation[n], new Ownership[n], new int[n], new int[n],
                new decimal[n], new TimeOfDay[n], new TimeOfDay[n], new int[n]);
        var (id, name, district, stage, location, ownership, students, participants, fee, dismissal, serviceEnd, periods) = Columns(3, 3);
        var data = new DistrictData(id, name, district, stage, location, ownership, students, participants, fee, dismissal, serviceEnd, periods, 5);
        // The names are wrapped, not copied: a change to the array shows.
        name[1] = "第二小学";
        Assert.Equal("第二小学", data.Name[1]);
        Assert.Same(fee, data.FeePerMonth);
        Assert.Equal(3, data.SchoolCount);
        Assert.Equal(5, data.CohortCount);
        Assert.Equal(4, data.CohortStart.Length);

        (id, name, district, stage, location, ownership, students, participants, fee, dismissal, serviceEnd, periods) = Columns(3, 2);
        Assert.Throws<ArgumentException>(() =>
            new DistrictData(id, name, district, stage, location, ownership, students, participants, fee, dismissal, serviceEnd, periods, 0));
    }

    [Fact]
    public void Csv_parquet_and_duckdb_forms_of_the_same_data_load_identically()
    {
        var generated = DistrictGenerator.Generate(300, 42);
        var csv = _temp.Path("csv");
        var parquet = _temp.Path("parquet");
        var duckdb = _temp.Path("district.duckdb");
        DistrictWriter.Write(generated, csv);
        DistrictWriter.Write(generated, parquet, DistrictFormat.Parquet);
        DistrictWriter.Write(generated, duckdb);

        Assert.Equal(DistrictFormat.Csv, DistrictDataLoader.Detect(csv));
        Assert.Equal(DistrictFormat.Parquet, DistrictDataLoader.Detect(parquet));
        Assert.Equal(DistrictFormat.DuckDb, DistrictDataLoader.Detect(duckdb));

        var fromCsv = DistrictDataLoader.Load(csv);
        Same(generated, fromCsv);
        Same(fromCsv, DistrictDataLoader.Load(parquet));
        Same(fromCsv, DistrictDataLoader.Load(duckdb));
    }

    [Fact]
    public void Writer_round_trips_fractional_fees_and_every_category()
    {
        var schools = GoodSchools.Replace(",80,15:40", ",80.25,15:40", StringComparison.Ordinal)
            .Replace("第二小学", "\"第二小学, \"\"北校\"\"\n(分校)\"", StringComparison.Ordinal);
        var data = DistrictDataLoader.Load(_temp.Csv(schools,
            CohortsHeader + string.Join("", PlanEnums.Category.JsonNames.Select((c, i) => $"A1,{i + 1},{c},{i + 2},{i + 1}\n")) + "A2,9,none,3,0\n"));
        foreach (var (path, format) in new[] { (_temp.Path("c"), DistrictFormat.Csv), (_temp.Path("p"), DistrictFormat.Parquet), (_temp.Path("d.duckdb"), DistrictFormat.DuckDb) })
        {
            DistrictWriter.Write(data, path, format);
            var back = DistrictDataLoader.Load(path);
            Same(data, back);
            Assert.Equal(80.25m, back.FeePerMonth[1]);
            Assert.Equal("第二小学, \"北校\"\n(分校)", back.Name[1]);
        }
        Assert.Empty(Directory.GetFiles(_temp.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_empty_district_loads_in_every_form()
    {
        var empty = DistrictDataLoader.Load(_temp.Csv(SchoolsHeader, CohortsHeader));
        Assert.Equal(0, empty.SchoolCount);
        Assert.Equal(new[] { 0 }, empty.CohortStart);
        foreach (var (path, format) in new[] { (_temp.Path("p"), DistrictFormat.Parquet), (_temp.Path("e.duckdb"), DistrictFormat.DuckDb) })
        {
            DistrictWriter.Write(empty, path, format);
            Same(empty, DistrictDataLoader.Load(path));
        }
    }

    [Fact]
    public void Cohorts_out_of_order_are_grouped_by_school_keeping_their_order()
    {
        var cohorts = CohortsHeader + "A2,1,none,50,40\nA1,1,none,200,150\nA2,2,低保,5,5\nA1,3,migrant,10,9\n";
        var data = DistrictDataLoader.Load(_temp.Csv(GoodSchools, cohorts));
        Assert.Equal(new[] { 0, 2, 4 }, data.CohortStart);
        Assert.Equal(new[] { 200, 10, 50, 5 }, data.CohortStudents);
        Assert.Equal(new[] { "1", "3", "1", "2" }, data.CohortGrade);
        Assert.Equal(new Category?[] { null, Category.Migrant, null, Category.MinimumLiving }, data.CohortCategory);
    }

    [Fact]
    public void A_school_without_cohorts_has_an_empty_range()
    {
        var data = DistrictDataLoader.Load(_temp.Csv(GoodSchools, CohortsHeader + "A2,1,none,50,40\n"));
        Assert.Equal(new[] { 0, 0, 1 }, data.CohortStart);
    }

    [Fact]
    public void Writing_into_an_existing_database_replaces_the_tables_and_keeps_the_others()
    {
        var path = _temp.Path("db.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (x INTEGER); INSERT INTO notes VALUES (7); CREATE TABLE schools (old INTEGER);";
            command.ExecuteNonQuery();
        }
        var data = DistrictGenerator.Generate(20, 3);
        DistrictWriter.Write(data, path);
        Same(data, DistrictDataLoader.Load(path));
        using (var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT x FROM notes";
            Assert.Equal(7, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_duckdb_path_cannot_be_written_as_csv()
    {
        Assert.Throws<ArgumentException>(() => DistrictWriter.Write(DistrictGenerator.Generate(2, 1), _temp.Path("x.duckdb"), DistrictFormat.Csv));
    }

    [Fact]
    public void Generator_is_deterministic_to_the_byte()
    {
        var a = _temp.Path("a");
        var b = _temp.Path("b");
        DistrictWriter.Write(DistrictGenerator.Generate(150, 9, DistrictProfile.Liuzhou), a);
        DistrictWriter.Write(DistrictGenerator.Generate(150, 9, DistrictProfile.Liuzhou), b);
        foreach (var file in new[] { "schools.csv", "cohorts.csv" })
            Assert.Equal(Hash(Path.Combine(a, file)), Hash(Path.Combine(b, file)));

        var c = _temp.Path("c");
        DistrictWriter.Write(DistrictGenerator.Generate(150, 10, DistrictProfile.Liuzhou), c);
        Assert.NotEqual(Hash(Path.Combine(a, "cohorts.csv")), Hash(Path.Combine(c, "cohorts.csv")));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Generated_data_has_the_national_shape()
    {
        var data = DistrictGenerator.Generate(2000, 1);
        Assert.Equal(2000, data.SchoolCount);
        var perSchool = (double)data.CohortCount / data.SchoolCount;
        Assert.InRange(perSchool, 40, 60);
        long students = 0, hardship = 0;
        for (var i = 0; i < data.SchoolCount; i++)
        {
            Assert.InRange(data.Students[i], 100, 3000);
            Assert.InRange(data.FeePerMonth[i], 0m, 200m);
            Assert.Equal(0m, data.FeePerMonth[i] % 5);
            Assert.InRange(data.Dismissal[i].Minutes, 15 * 60, 16 * 60 + 30);
            Assert.InRange(data.ServiceEnd[i].Minutes, 16 * 60 + 30, 19 * 60);
            Assert.True(data.ServiceEnd[i] > data.Dismissal[i]);
            Assert.InRange(data.PeriodsPerDay[i], 1, 3);
            var share = (double)data.Participants[i] / data.Students[i];
            Assert.InRange(share, 0.3, 1.0);
            int cohortStudents = 0, cohortParticipants = 0;
            for (var r = data.CohortStart[i]; r < data.CohortStart[i + 1]; r++)
            {
                cohortStudents += data.CohortStudents[r];
                cohortParticipants += data.CohortParticipants[r];
                Assert.True(data.CohortParticipants[r] <= data.CohortStudents[r]);
                var grade = int.Parse(data.CohortGrade[r], System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(grade, data.Stage[i] is Stage.Primary or Stage.NineYear ? 1 : 7, data.Stage[i] == Stage.Primary ? 6 : 9);
                if (data.CohortCategory[r] is Category.RegisteredPoverty or Category.MinimumLiving or Category.ExtremeHardship or Category.OtherHardship)
                    hardship += data.CohortStudents[r];
            }
            Assert.Equal(data.Students[i], cohortStudents);
            Assert.Equal(data.Participants[i], cohortParticipants);
            students += data.Students[i];
        }
        Assert.InRange((double)hardship / students, 0.01, 0.08);
        Assert.True(data.Stage.Count(s => s == Stage.Primary) > data.SchoolCount / 2);
        Assert.True(data.Ownership.Count(o => o == Ownership.Public) > data.SchoolCount * 0.8);
        Assert.True(data.Location.Count(l => l is SchoolLocation.Urban or SchoolLocation.Township) > data.SchoolCount * 0.6);
        Assert.Contains(data.FeePerMonth, f => f == 0);
    }

    [Fact]
    public void Profiles_use_their_districts()
    {
        var tianjin = DistrictGenerator.Generate(80, 1, DistrictProfile.Tianjin);
        Assert.Equal(new[] { "和平区", "河东区", "河西区", "南开区", "河北区", "红桥区", "北辰区", "西青区" }, tianjin.District.Distinct());
        var liuzhou = DistrictGenerator.Generate(60, 1, DistrictProfile.Liuzhou);
        Assert.All(Enumerable.Range(0, 60).Where(i => liuzhou.District[i] == "柳江区"), i => Assert.Equal(SchoolLocation.Township, liuzhou.Location[i]));
        var jinshan = DistrictGenerator.Generate(30, 1, DistrictProfile.Jinshan);
        Assert.All(jinshan.Stage, s => Assert.Equal(Stage.Primary, s));
        Assert.All(jinshan.Ownership, o => Assert.Equal(Ownership.Public, o));
        Assert.Equal("LZ-CZ-001", liuzhou.SchoolId[0]);
    }

    [Theory]
    [InlineData("zaozhuang", 40, 2019)]
    [InlineData("tianjin", 80, 2021)]
    [InlineData("liuzhou", 60, 2022)]
    [InlineData("jinshan", 30, 2021)]
    public void Example_data_loads_and_is_what_its_readme_command_makes(string name, int schools, int seed)
    {
        var folder = Repo.Path("examples", "data", name);
        var data = DistrictDataLoader.Load(folder);
        Assert.Equal(schools, data.SchoolCount);

        var readme = File.ReadAllText(Repo.Path("examples", "data", "README.md"));
        Assert.Contains($"--schools {schools} --seed {seed} --profile {name}", readme.Replace("  ", " ", StringComparison.Ordinal)
            .Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        var again = _temp.Path(name);
        DistrictWriter.Write(DistrictGenerator.Generate(schools, seed, DistrictProfile.Find(name)), again);
        foreach (var file in new[] { "schools.csv", "cohorts.csv" })
            Assert.Equal(Hash(Path.Combine(folder, file)), Hash(Path.Combine(again, file)));
    }

    [Fact]
    public void Datagen_verb_writes_loadable_data()
    {
        var csv = _temp.Path("gen");
        var (exit, stdout, stderr) = TestHelpers.Policyc("datagen", "--schools", "25", "--seed", "5", "--out", csv, "--profile", "tianjin");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Generated 25 schools", stdout, StringComparison.Ordinal);
        Same(DistrictGenerator.Generate(25, 5, DistrictProfile.Tianjin), DistrictDataLoader.Load(csv));

        var parquet = _temp.Path("genp");
        (exit, _, stderr) = TestHelpers.Policyc("datagen", "--schools", "25", "--seed", "5", "--out", parquet, "--format", "parquet");
        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(Path.Combine(parquet, "cohorts.parquet")));

        var db = _temp.Path("gen.duckdb");
        (exit, stdout, stderr) = TestHelpers.Policyc("datagen", "--schools", "25", "--seed", "5", "--out", db, "--lang", "zh");
        Assert.True(exit == 0, stderr);
        Assert.Contains("已生成 25 所学校", stdout, StringComparison.Ordinal);
        Same(DistrictDataLoader.Load(parquet), DistrictDataLoader.Load(db));
    }

    [Theory]
    [InlineData("--schools", "0", "--seed", "1", "--out", "{0}/x")]
    [InlineData("--schools", "5", "--seed", "1", "--out", "{0}/x", "--profile", "shanghai")]
    [InlineData("--schools", "5", "--seed", "1", "--out", "{0}/x.duckdb", "--format", "parquet")]
    [InlineData("--schools", "5", "--seed", "1", "--out", "{0}/x", "--format", "xlsx")]
    [InlineData("--schools", "5", "--out", "{0}/x")]
    public void Datagen_verb_rejects_bad_arguments(params string[] args)
    {
        var (exit, _, stderr) = TestHelpers.Policyc(new[] { "datagen" }.Concat(args.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, _temp.Root))).ToArray());
        Assert.Equal(2, exit);
        Assert.StartsWith("policyc: ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Path("x")));
    }
}
