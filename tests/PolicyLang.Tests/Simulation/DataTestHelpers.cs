using PolicyLang.Simulation.Data;

namespace PolicyLang.Tests.Simulation;

/// <summary>A temporary folder for a test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policylang-data-" + Guid.NewGuid().ToString("N"));

    public string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>A folder with schools.csv and cohorts.csv of the given text (null leaves the file out).</summary>
    public string Csv(string? schools, string? cohorts, string name = "district")
    {
        var folder = Path(name);
        Directory.CreateDirectory(folder);
        if (schools is not null) File.WriteAllText(System.IO.Path.Combine(folder, "schools.csv"), schools);
        if (cohorts is not null) File.WriteAllText(System.IO.Path.Combine(folder, "cohorts.csv"), cohorts);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class DataAssert
{
    public const string SchoolsHeader = "school_id,name,district,stage,location,ownership,students,participants,fee_per_month,dismissal,service_end,periods_per_day\n";
    public const string CohortsHeader = "school_id,grade,category,students,participants\n";

    public const string GoodSchools = SchoolsHeader +
        "A1,第一小学,城中区,primary,urban,public,1200,950,120,15:30,18:00,2\n" +
        "A2,第二小学,柳江区,小学,乡镇,公办,300,200,80,15:40,17:30,2\n";

    public const string GoodCohorts = CohortsHeader +
        "A1,1,none,200,150\n" +
        "A1,1,registered_poverty,10,10\n" +
        "A2,1,none,50,40\n" +
        "A2,2,建档立卡,5,5\n";

    /// <summary>
    /// Every way of loading less than everything (<see cref="DistrictLoadOptions"/>): grade dropped, rows summed per
    /// school and category, rows summed per school.
    /// </summary>
    public static readonly DistrictLoadOptions[] Pushdowns =
    {
        new() { Grade = false },
        new() { Grade = false, SumByCategory = true },
        new() { Grade = false, Category = false, SumByCategory = true },
        new() { Grade = false, SumByCategory = true, Categories = new[] { Category.RegisteredPoverty, Category.Disabled } },
        // One category kept: its rows, under one name, are read without their category.
        new() { Grade = false, SumByCategory = true, Categories = new[] { Category.RegisteredPoverty } },
        new() { Grade = false, SumByCategory = true, Categories = Array.Empty<Category>() },
    };

    /// <summary>
    /// Loading must fail; returns the errors. Loading with each of <see cref="Pushdowns"/> must fail with the same
    /// errors, in the same order.
    /// </summary>
    public static IReadOnlyList<DataError> Fails(string path)
    {
        var e = Assert.Throws<DataException>(() => DistrictDataLoader.Load(path));
        Assert.NotEmpty(e.Errors);
        foreach (var options in Pushdowns)
        {
            var pushed = Assert.Throws<DataException>(() => DistrictDataLoader.Load(path, options));
            Assert.Equal(e.Errors.Select(x => x.ToString(Language.English) + " | " + x.Chinese), pushed.Errors.Select(x => x.ToString(Language.English) + " | " + x.Chinese));
        }
        return e.Errors;
    }

    /// <summary>
    /// What <paramref name="options"/> should keep of a fully loaded district, computed plainly: grades emptied; rows
    /// summed per school and category (none first, then the categories in order; only those with a row), or per school;
    /// when only some categories are kept, the rows of the others (and of none) left out.
    /// </summary>
    public static DistrictData Pushed(DistrictData full, DistrictLoadOptions options)
    {
        var rows = new List<(int School, Category? Category, string Grade, int Students, int Participants)>();
        for (var i = 0; i < full.SchoolCount; i++)
        {
            var range = Enumerable.Range(full.CohortStart[i], full.CohortStart[i + 1] - full.CohortStart[i]).ToList();
            if (!options.SumByCategory)
            {
                rows.AddRange(range.Select(r => (i, full.CohortCategory[r], options.Grade ? full.CohortGrade[r] : "", full.CohortStudents[r], full.CohortParticipants[r])));
                continue;
            }
            if (options.Categories is { } kept) range = range.Where(r => full.CohortCategory[r] is { } c && kept.Contains(c)).ToList();
            var groups = range.GroupBy(r => options.Category ? (full.CohortCategory[r] is { } c ? (int)c : -1) : 0).OrderBy(g => g.Key);
            foreach (var g in groups)
            {
                rows.Add((i, options.Category ? full.CohortCategory[g.First()] : null, "",
                    g.Sum(r => full.CohortStudents[r]), g.Sum(r => full.CohortParticipants[r])));
            }
        }
        var data = new DistrictData(full.SchoolCount, rows.Count) { Source = full.Source };
        for (var i = 0; i < full.SchoolCount; i++)
        {
            data.SchoolId[i] = full.SchoolId[i];
            data.Name[i] = full.Name[i];
            data.District[i] = full.District[i];
            data.Stage[i] = full.Stage[i];
            data.Location[i] = full.Location[i];
            data.Ownership[i] = full.Ownership[i];
            data.Students[i] = full.Students[i];
            data.Participants[i] = full.Participants[i];
            data.FeePerMonth[i] = full.FeePerMonth[i];
            data.Dismissal[i] = full.Dismissal[i];
            data.ServiceEnd[i] = full.ServiceEnd[i];
            data.PeriodsPerDay[i] = full.PeriodsPerDay[i];
        }
        var j = 0;
        for (var i = 0; i < full.SchoolCount; i++)
        {
            data.CohortStart[i] = j;
            while (j < rows.Count && rows[j].School == i)
            {
                data.CohortGrade[j] = rows[j].Grade;
                data.CohortCategory[j] = rows[j].Category;
                data.CohortStudents[j] = rows[j].Students;
                data.CohortParticipants[j] = rows[j].Participants;
                j++;
            }
        }
        data.CohortStart[full.SchoolCount] = j;
        return data;
    }

    /// <summary>The one error at this file, row and column (file matched by its end).</summary>
    public static DataError Single(IReadOnlyList<DataError> errors, string fileEnd, long? row, string? column)
    {
        var matching = errors.Where(e => e.File.EndsWith(fileEnd, StringComparison.Ordinal) && e.Row == row && e.Column == column).ToList();
        Assert.True(matching.Count == 1,
            $"expected one error at {fileEnd} row {row} column {column}; got:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        Assert.False(string.IsNullOrWhiteSpace(matching[0].English));
        Assert.False(string.IsNullOrWhiteSpace(matching[0].Chinese));
        return matching[0];
    }

    /// <summary>Every column of two districts is equal.</summary>
    public static void Same(DistrictData expected, DistrictData actual)
    {
        Assert.Equal(expected.SchoolId, actual.SchoolId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.District, actual.District);
        Assert.Equal(expected.Stage, actual.Stage);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.Ownership, actual.Ownership);
        Assert.Equal(expected.Students, actual.Students);
        Assert.Equal(expected.Participants, actual.Participants);
        Assert.Equal(expected.FeePerMonth, actual.FeePerMonth);
        Assert.Equal(expected.Dismissal, actual.Dismissal);
        Assert.Equal(expected.ServiceEnd, actual.ServiceEnd);
        Assert.Equal(expected.PeriodsPerDay, actual.PeriodsPerDay);
        Assert.Equal(expected.CohortStart, actual.CohortStart);
        Assert.Equal(expected.CohortGrade, actual.CohortGrade);
        Assert.Equal(expected.CohortCategory, actual.CohortCategory);
        Assert.Equal(expected.CohortStudents, actual.CohortStudents);
        Assert.Equal(expected.CohortParticipants, actual.CohortParticipants);
    }
}

internal static class TestArrays
{
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array) => array;
}
