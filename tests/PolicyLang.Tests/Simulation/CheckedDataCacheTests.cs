using DuckDB.NET.Data;
using PolicyLang.Simulation.Data;
using static PolicyLang.Tests.Simulation.DataAssert;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// Data sets whose cohorts passed the whole-table checks are remembered (<see cref="CheckedDataCache"/>): an unchanged
/// data set is not checked again and loads the same; a changed one is checked again and its problems reported; a file
/// written just now, or an entry that is not one, is never trusted.
/// </summary>
public sealed class CheckedDataCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Rows of registered poverty and disabled kept: DuckDB reads only theirs, and checks the rest as a whole.</summary>
    private static readonly DistrictLoadOptions Waived = Pushdowns[3];

    private static DistrictData Load(string path, CheckedDataCache cache, DistrictLoadOptions options) =>
        DistrictDataLoader.Load(path, Task.FromResult(options), cache);

    /// <summary>Dates the files an hour back, as data a district made some time before its simulation.</summary>
    private static void Settle(params string[] files)
    {
        foreach (var file in files) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
    }

    /// <summary>The district written in <paramref name="format"/>, its files dated an hour back, and an empty cache.</summary>
    private (string Path, CheckedDataCache Cache) Settled(DistrictData district, DistrictFormat format)
    {
        var (path, files) = Write(district, format, "district");
        Settle(files);
        return (path, new CheckedDataCache(_temp.Path("cache")));
    }

    private (string Path, string[] Files) Write(DistrictData district, DistrictFormat format, string name)
    {
        if (format == DistrictFormat.DuckDb)
        {
            var file = _temp.Path(name + ".duckdb");
            DistrictWriter.Write(district, file);
            return (file, new[] { file });
        }
        var folder = _temp.Path(name);
        DistrictWriter.Write(district, folder, format);
        return (folder, Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData(DistrictFormat.DuckDb)]
    [InlineData(DistrictFormat.Parquet)]
    public void An_unchanged_data_set_is_checked_once_and_then_loads_the_same_without_the_checks(DistrictFormat format)
    {
        var generated = DistrictGenerator.Generate(300, 5);
        var (path, cache) = Settled(generated, format);

        var first = Load(path, cache, Waived);
        Assert.Equal(0, cache.Hits);
        Assert.Single(Directory.GetFiles(cache.Directory));
        var second = Load(path, cache, Waived);
        Assert.Equal(1, cache.Hits);
        Same(Pushed(generated, Waived), second);
        Same(first, second);

        // Every other way of loading, over the remembered checks, keeps what the full load gives.
        foreach (var options in Pushdowns) Same(Pushed(generated, options), Load(path, cache, options));
        Same(generated, Load(path, cache, DistrictLoadOptions.Full));
        Assert.Single(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void A_duckdb_file_changed_since_its_check_is_checked_again()
    {
        var generated = DistrictGenerator.Generate(200, 8);
        var (path, cache) = Settled(generated, DistrictFormat.DuckDb);
        Load(path, cache, Waived);
        Load(path, cache, Waived);
        Assert.Equal(1, cache.Hits);

        // A cohort of an unknown school, in a category no measure weighs (so no row that is read shows it).
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO cohorts VALUES ('ZZ', 2, 'migrant', 5, 5)";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<DataException>(() => Load(path, cache, Waived));
        Assert.Equal(1, cache.Hits);
        Assert.Contains("school_id 'ZZ' is not in table schools",
            Single(e.Errors, ".duckdb:cohorts", generated.CohortCount + 1, "school_id").English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parquet_file_replaced_since_its_check_is_checked_again()
    {
        var cache = new CheckedDataCache(_temp.Path("cache"));
        var good = _temp.Path("good");
        DistrictWriter.Write(DistrictDataLoader.Load(_temp.Csv(GoodSchools, GoodCohorts, "good-csv")), good, DistrictFormat.Parquet);
        Settle(Directory.GetFiles(good));
        Load(good, cache, Waived);
        Load(good, cache, Waived);
        Assert.Equal(1, cache.Hits);

        // The cohorts of another district, whose school A3 is not among these schools.
        var other = _temp.Path("other");
        var schools = SchoolsHeader + "A3,第三小学,城中区,primary,urban,public,10,5,0,15:30,18:00,2\n";
        DistrictWriter.Write(DistrictDataLoader.Load(_temp.Csv(schools, CohortsHeader + "A3,1,migrant,10,5\n", "other-csv")), other, DistrictFormat.Parquet);
        File.Copy(Path.Combine(other, "cohorts.parquet"), Path.Combine(good, "cohorts.parquet"), overwrite: true);
        Settle(Directory.GetFiles(good));

        var e = Assert.Throws<DataException>(() => Load(good, cache, Waived));
        Assert.Equal(1, cache.Hits);
        Assert.Contains("school_id 'A3' is not in", Single(e.Errors, "cohorts.parquet", 1, "school_id").English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_written_just_now_is_not_remembered()
    {
        var (path, _) = Write(DistrictGenerator.Generate(50, 2), DistrictFormat.DuckDb, "district");
        var cache = new CheckedDataCache(_temp.Path("cache"));
        Load(path, cache, Waived);
        Load(path, cache, Waived);
        Assert.Equal(0, cache.Hits);
        Assert.False(Directory.Exists(cache.Directory) && Directory.GetFiles(cache.Directory).Length > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an entry\n")]
    [InlineData("\0\u0001\u00ff binary")]
    public void An_entry_that_is_not_one_is_ignored_and_replaced(string garbage)
    {
        var generated = DistrictGenerator.Generate(80, 3);
        var (path, cache) = Settled(generated, DistrictFormat.DuckDb);
        Load(path, cache, Waived);
        var entry = Assert.Single(Directory.GetFiles(cache.Directory));
        File.WriteAllText(entry, garbage);

        Same(Pushed(generated, Waived), Load(path, cache, Waived));
        Assert.Equal(0, cache.Hits);
        Load(path, cache, Waived);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void An_entry_of_the_same_files_with_another_identity_is_not_trusted()
    {
        var (path, cache) = Settled(DistrictGenerator.Generate(80, 4), DistrictFormat.DuckDb);
        Load(path, cache, Waived);
        var entry = Assert.Single(Directory.GetFiles(cache.Directory));
        var text = File.ReadAllText(entry);
        // Another length for the same path, as if the file had been another when it was checked.
        var length = new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(entry, text.Replace("\t" + length + "\t", "\t1" + length + "\t", StringComparison.Ordinal));

        Load(path, cache, Waived);
        Assert.Equal(0, cache.Hits);
    }

    /// <summary>
    /// The entry keeps the tables' columns as the checking load met them, and a later load of the unchanged files takes
    /// them from it instead of asking DuckDB: an entry whose remembered columns are altered shows that it is used.
    /// </summary>
    [Theory]
    [InlineData(DistrictFormat.DuckDb)]
    [InlineData(DistrictFormat.Parquet)]
    public void The_tables_columns_are_remembered_with_the_checks_and_used_by_the_next_load(DistrictFormat format)
    {
        var generated = DistrictGenerator.Generate(150, 4);
        var (path, cache) = Settled(generated, format);
        Load(path, cache, Waived);
        var entry = Assert.Single(Directory.GetFiles(cache.Directory));
        var lines = File.ReadAllLines(entry);
        var schools = Assert.Single(lines, l => l.StartsWith("table\tschools\t", StringComparison.Ordinal));
        Assert.StartsWith("table\tschools\tschool_id\tVARCHAR\tname\tVARCHAR\t", schools);
        var cohorts = Assert.Single(lines, l => l.StartsWith("table\tcohorts\t", StringComparison.Ordinal));
        Assert.Equal("table\tcohorts\tschool_id\tVARCHAR\tgrade\tINTEGER\tcategory\tVARCHAR\tstudents\tINTEGER\tparticipants\tINTEGER", cohorts);
        Same(Pushed(generated, Waived), Load(path, cache, Waived));
        Assert.Equal(1, cache.Hits);

        // The cohorts' grade remembered as text: the fast read believes the entry and leaves the cohorts to the row-by-row
        // read, which asks DuckDB itself (and loads the same).
        File.WriteAllLines(entry, lines.Select(l => l == cohorts ? l.Replace("grade\tINTEGER", "grade\tVARCHAR", StringComparison.Ordinal) : l));
        Same(Pushed(generated, Waived), Load(path, cache, Waived));
        if (format == DistrictFormat.DuckDb)
        {
            // The schools' name column remembered under another name: the schools' read believes the entry.
            File.WriteAllLines(entry, lines.Select(l => l == schools ? l.Replace("\tname\t", "\tnom\t", StringComparison.Ordinal) : l));
            var error = Assert.Throws<DataException>(() => Load(path, cache, Waived));
            Assert.Contains("name", error.Message);
        }

        // A garbled layout line leaves the checks remembered and the columns asked of DuckDB again.
        File.WriteAllLines(entry, lines.Select(l => l == schools ? "table\tschools\tschool_id" : l));
        Same(Pushed(generated, Waived), Load(path, cache, Waived));
        Assert.Equal(format == DistrictFormat.DuckDb ? 4 : 3, cache.Hits);
    }
}
