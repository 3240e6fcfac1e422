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

    /// <summary>Loading must fail; returns the errors.</summary>
    public static IReadOnlyList<DataError> Fails(string path)
    {
        var e = Assert.Throws<DataException>(() => DistrictDataLoader.Load(path));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
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
