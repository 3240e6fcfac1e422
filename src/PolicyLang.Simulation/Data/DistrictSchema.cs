namespace PolicyLang.Simulation.Data;

/// <summary>What a district data column holds; it decides how a cell is read and checked.</summary>
internal enum ColumnKind { Id, Text, Stage, Location, Ownership, Category, Count, Money, Time, Grade }

internal sealed record ColumnSpec(string Name, ColumnKind Kind);

/// <summary>The two district tables of design/data.md, their columns in order, and the file names of each form.</summary>
internal static class DistrictSchema
{
    public const string SchoolsTable = "schools";
    public const string CohortsTable = "cohorts";

    public static readonly ColumnSpec[] Schools =
    {
        new("school_id", ColumnKind.Id),
        new("name", ColumnKind.Text),
        new("district", ColumnKind.Text),
        new("stage", ColumnKind.Stage),
        new("location", ColumnKind.Location),
        new("ownership", ColumnKind.Ownership),
        new("students", ColumnKind.Count),
        new("participants", ColumnKind.Count),
        new("fee_per_month", ColumnKind.Money),
        new("dismissal", ColumnKind.Time),
        new("service_end", ColumnKind.Time),
        new("periods_per_day", ColumnKind.Count),
    };

    public static readonly ColumnSpec[] Cohorts =
    {
        new("school_id", ColumnKind.Id),
        new("grade", ColumnKind.Grade),
        new("category", ColumnKind.Category),
        new("students", ColumnKind.Count),
        new("participants", ColumnKind.Count),
    };

    /// <summary>The category text of a cohort that is in no special category.</summary>
    public const string NoCategory = "none";
    /// <summary>The Chinese alias of <see cref="NoCategory"/>.</summary>
    public const string NoCategoryChinese = "无";

    public const int MaxGrade = 12;

    /// <summary>Grades 1–12 as the strings <see cref="DistrictData.CohortGrade"/> holds (index = grade).</summary>
    public static readonly string[] GradeText = Enumerable.Range(0, MaxGrade + 1).Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The grade of every cohort when the grade is not kept: empty strings.</summary>
    public static readonly string[] NoGradeText = Enumerable.Repeat("", MaxGrade + 1).ToArray();

    /// <summary>The order of columns in error lists, so that every form of the same data reports alike.</summary>
    public static int ColumnRank(string? column) => column switch
    {
        null => -1,
        "school_id" => 0,
        "name" => 1,
        "district" => 2,
        "stage" => 3,
        "location" => 4,
        "ownership" => 5,
        "grade" => 6,
        "category" => 7,
        "students" => 8,
        "participants" => 9,
        "fee_per_month" => 10,
        "dismissal" => 11,
        "service_end" => 12,
        "periods_per_day" => 13,
        _ => 14,
    };

    public static bool IsDuckDbPath(string path)
    {
        var ext = Path.GetExtension(path);
        return ext.Equals(".duckdb", StringComparison.OrdinalIgnoreCase) || ext.Equals(".db", StringComparison.OrdinalIgnoreCase);
    }
}
