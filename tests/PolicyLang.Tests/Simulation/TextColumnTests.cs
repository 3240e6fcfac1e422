using System.Text;
using PolicyLang.Simulation.Data;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// School names kept as the UTF-8 text a reader met (<see cref="TextColumn"/>), made into strings only when asked for:
/// the strings are the ones reading them as text made before.
/// </summary>
public sealed class TextColumnTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_text_column_makes_each_string_from_its_utf8_text_once_and_a_string_given_wins()
    {
        var utf8 = Encoding.UTF8.GetBytes("第一小学Two𠀀");
        var first = Encoding.UTF8.GetByteCount("第一小学");
        var column = new TextColumn(4, utf8, new[] { 0, first, 0, first + 3 }, new[] { first, 3, 0, 4 }, new string?[] { null, null, null, "给定" });
        Assert.Equal(4, column.Count);
        Assert.Equal("第一小学", column[0]);
        Assert.Same(column[0], column[0]);
        Assert.Equal("Two", column[1]);
        Assert.Equal("", column[2]);
        Assert.Equal("给定", column[3]);
        Assert.Equal(new[] { "Two", "" }, column.Slice(1, 2));
        column[1] = "改名";
        Assert.Equal(new[] { "第一小学", "改名", "", "给定" }, column.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => column[4]);

        var lazy = new TextColumn(1, Encoding.UTF8.GetBytes("𠀀学校"), new[] { 0 }, new[] { 10 }, strings: null);
        Assert.Equal("𠀀学校", lazy[0]);
    }

    [Theory]
    [InlineData("第一小学", "第一小学", true)]
    [InlineData("Ānhuī School", "Ānhuī School", true)]
    [InlineData("  第一小学 ", "第一小学", false)]
    [InlineData("\u3000第一小学\u3000", "第一小学", false)]
    [InlineData("第一小学\u00A0", "第一小学", false)]
    [InlineData("", "", false)]
    public void A_name_read_as_utf8_is_the_string_reading_it_as_text_makes(string name, string expected, bool keptAsBytes)
    {
        var errors = new DataErrorSink();
        var schools = new SchoolsBuilder("schools.csv", errors);
        schools.Grow(1);
        schools.Utf8(SchoolsBuilder.Name, 0, Encoding.UTF8.GetBytes(name));
        Assert.Equal(0, errors.Count);
        Assert.Equal(expected, schools.NameOf(0));
        Assert.Equal(keptAsBytes, schools.HasUtf8Names);
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_reported_and_not_kept()
    {
        var errors = new DataErrorSink();
        var schools = new SchoolsBuilder("schools.csv", errors);
        schools.Grow(1);
        schools.Utf8(SchoolsBuilder.Name, 0, new byte[] { 0xE7, 0xAC, (byte)'x' });
        Assert.False(schools.HasUtf8Names);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(1, error.Row);
        Assert.Equal("name", error.Column);
    }

    [Fact]
    public void Names_loaded_from_csv_and_duckdb_are_the_same_strings_with_white_space_trimmed()
    {
        var district = DistrictGenerator.Generate(40, 3);
        district.Name[0] = " 东城区第一小学\u3000";
        district.Name[1] = "Ānhuī School";
        district.Name[2] = "";
        foreach (var format in new[] { DistrictFormat.Csv, DistrictFormat.DuckDb })
        {
            var target = format == DistrictFormat.DuckDb ? _temp.Path("names.duckdb") : _temp.Path("names-csv");
            DistrictWriter.Write(district, target, format);
            var loaded = DistrictDataLoader.Load(target);
            Assert.Equal("东城区第一小学", loaded.Name[0]);
            Assert.Equal("Ānhuī School", loaded.Name[1]);
            Assert.Equal("", loaded.Name[2]);
            Assert.Equal(district.Name.Skip(3), loaded.Name.Skip(3));
        }
    }
}

/// <summary>The memo of a column's few spellings: short ones by their packed bytes, longer ones by comparison.</summary>
public sealed class Utf8MemoTests
{
    [Fact]
    public void A_spelling_is_found_only_as_it_was_remembered()
    {
        var memo = new Utf8Memo<int>();
        var spellings = new[] { "15:40", "9:30", "urban", "u", "乡村", "county_town", "农村学校", "abcdefg", "abcdefgh", "abcdefghijklmno",
            "abcdefghijklmnop", "registered_poverty", "示例0001区第一小学" };
        for (var k = 0; k < spellings.Length; k++)
        {
            Assert.False(memo.TryGet(System.Text.Encoding.UTF8.GetBytes(spellings[k]), out _));
            memo.Add(System.Text.Encoding.UTF8.GetBytes(spellings[k]), k);
        }
        for (var k = 0; k < spellings.Length; k++)
        {
            Assert.True(memo.TryGet(System.Text.Encoding.UTF8.GetBytes(spellings[k]), out var value));
            Assert.Equal(k, value);
        }
        foreach (var other in new[] { "15:4", "15:40 ", "9:3", "urbanx", "", "abcdefgi", "abcdefghi", "乡", "\0", "abcdefghijklmnp", "abcdefghijklmnopq",
            "registered_povertx", "示例0001区第二小学" })
            Assert.False(memo.TryGet(System.Text.Encoding.UTF8.GetBytes(other), out _), other);
    }

    [Fact]
    public void A_memo_keeps_at_most_64_spellings_of_each_length_kind_and_still_answers_for_them()
    {
        var memo = new Utf8Memo<int>();
        for (var k = 0; k < 200; k++) memo.Add(System.Text.Encoding.UTF8.GetBytes($"{k / 60:00}:{k % 60:00}"), k);
        for (var k = 0; k < 64; k++)
        {
            Assert.True(memo.TryGet(System.Text.Encoding.UTF8.GetBytes($"{k / 60:00}:{k % 60:00}"), out var value));
            Assert.Equal(k, value);
        }
        Assert.False(memo.TryGet(System.Text.Encoding.UTF8.GetBytes("03:00"), out _));
    }
}

/// <summary>The fees met so far, by their DECIMAL digits.</summary>
public sealed class FeeMemoTests
{
    [Fact]
    public void A_fee_is_found_as_it_was_added_until_cleared_and_the_memo_stops_growing_at_its_capacity()
    {
        var memo = new FeeMemo();
        var random = new Random(7);
        var fees = Enumerable.Range(0, 3000).Select(_ => random.NextInt64(0, 10_000_000)).Distinct().Append(0).ToList();
        foreach (var fee in fees) memo.TryAdd(fee, fee / 10_000m);
        memo.TryAdd(fees[0], -1m);
        foreach (var fee in fees)
        {
            Assert.True(memo.TryGet(fee, out var value));
            Assert.Equal(fee / 10_000m, value);
        }
        Assert.False(memo.TryGet(10_000_001, out _));
        memo.Clear();
        Assert.False(memo.TryGet(fees[0], out _));
        for (var k = 0L; k < 5000; k++) memo.TryAdd(k * 7, k);
        Assert.True(memo.TryGet(4095 * 7, out var last));
        Assert.Equal(4095m, last);
        Assert.False(memo.TryGet(4096 * 7, out _));
    }
}

/// <summary>The schools' builder fed a vector at a time and ids as ASCII bytes: the same values and the same errors as a cell at a time.</summary>
public sealed class SchoolsBuilderVectorTests
{
    private static SchoolsBuilder Builder(DataErrorSink errors, int rows)
    {
        var schools = new SchoolsBuilder("schools", errors);
        schools.Reserve(rows);
        schools.Grow(rows);
        return schools;
    }

    [Fact]
    public void Counts_and_fees_a_vector_at_a_time_are_those_of_a_cell_at_a_time()
    {
        var counts = new long[] { 0, 12, -3, (long)int.MaxValue + 1, int.MaxValue, 7 };
        var fees = new long[] { 650000, 0, -10000, 650000, 1234567, 1 };
        var vectorErrors = new DataErrorSink();
        var byVector = Builder(vectorErrors, counts.Length);
        byVector.Integers(SchoolsBuilder.Students, 0, counts);
        byVector.ScaledMoneys(SchoolsBuilder.Fee, 0, fees, 4);
        var cellErrors = new DataErrorSink();
        var byCell = Builder(cellErrors, counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            byCell.Integer(SchoolsBuilder.Students, i, counts[i]);
            byCell.ScaledMoney(SchoolsBuilder.Fee, i, fees[i], 4);
        }
        Assert.Equal(byCell.StudentCounts, byVector.StudentCounts);
        Assert.Equal(byCell.Fees, byVector.Fees);
        Assert.Equal(new[] { 65m, 0m, -1m, 65m, 123.4567m, 0.0001m }.Select(f => f.ToString()), byVector.Fees.Select(f => f.ToString()));
        // The same errors (the sink orders them by row and column when it reports them).
        Assert.Equal(cellErrors.Errors.Select(e => (e.Row, e.Column, e.English)).Order(), vectorErrors.Errors.Select(e => (e.Row, e.Column, e.English)).Order());
        Assert.Equal(new long?[] { 3, 4, 3 }, vectorErrors.Errors.Select(e => e.Row));
        Assert.Contains("'-1.0000' is negative", vectorErrors.Errors[2].English);
    }

    [Theory]
    [InlineData(new[] { "A1", "A2", "B1" }, new string[0])]
    [InlineData(new[] { "A1", "甲2", "A3", "B1" }, new string[0])]
    [InlineData(new[] { "B1", "A1", "A2", "A1" }, new[] { "school_id 'A1'" })]
    [InlineData(new[] { "A1", "A1" }, new[] { "school_id 'A1'" })]
    [InlineData(new[] { "A10", "A9", "甲", "A10" }, new[] { "school_id 'A10'" })]
    [InlineData(new[] { " A1", "A1 " }, new[] { "school_id 'A1'" })]
    public void Ids_read_as_ascii_bytes_are_checked_for_duplicates_as_strings_are(string[] ids, string[] duplicates)
    {
        var errors = new DataErrorSink();
        var schools = Builder(errors, ids.Length);
        for (var i = 0; i < ids.Length; i++) schools.Utf8(SchoolsBuilder.Id, i, System.Text.Encoding.UTF8.GetBytes(ids[i]));
        Assert.Equal(ids.Select(id => id.Trim()), schools.Ids.Take(ids.Length));
        Assert.Equal(duplicates.Length, errors.Count);
        for (var k = 0; k < duplicates.Length; k++) Assert.Contains(duplicates[k], errors.Errors[k].English);
        Assert.Equal(ids.Select(id => id.Trim()).Distinct().Count(), schools.IndexById.Count);
    }
}

/// <summary>What the UTF-8 reads take for white space is what string trimming takes for it.</summary>
public sealed class WhiteSpaceTests
{
    [Fact]
    public void A_rune_is_white_space_exactly_when_its_char_is()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            Assert.True(char.IsWhiteSpace((char)c) == System.Text.Rune.IsWhiteSpace(new System.Text.Rune(c)), $"U+{c:X4}");
        }
    }
}

/// <summary>The in-memory DuckDB that reads Parquet files works with half the cores (the schools' and the cohorts' each have one).</summary>
public sealed class ParquetViewsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Each_parquet_reader_works_with_half_the_cores_and_sees_its_file()
    {
        var folder = _temp.Path("pq");
        DistrictWriter.Write(DistrictGenerator.Generate(30, 2), folder, DistrictFormat.Parquet);
        using var connection = DuckDbDistrictReader.ParquetViews(("schools", Path.Combine(folder, "schools.parquet")));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads'), (SELECT count(*) FROM schools)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), Convert.ToInt32(reader.GetValue(0)));
        Assert.Equal(30, Convert.ToInt32(reader.GetValue(1)));
    }
}
