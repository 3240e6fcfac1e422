using PolicyLang.Binding;
using PolicyLang.Evaluation;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// What a simulation needs of the cohorts table, so that <see cref="DistrictDataLoader"/> loads no more than that.
/// Every cell is still checked as in a full load (with the same located errors); only what is kept differs.
/// </summary>
public sealed class DistrictLoadOptions
{
    /// <summary>Everything, every row as it is (what <see cref="DistrictDataLoader.Load(string)"/> loads).</summary>
    public static DistrictLoadOptions Full { get; } = new();

    /// <summary>
    /// The measures read each cohort's grade; when false (or when rows are summed), <see cref="DistrictData.CohortGrade"/>
    /// holds empty strings.
    /// </summary>
    public bool Grade { get; init; } = true;

    /// <summary>The measures read each cohort's category; when false (and rows are summed), a school's rows are summed into one.</summary>
    public bool Category { get; init; } = true;

    /// <summary>
    /// Cohort rows may be summed per school and category (<see cref="CohortUse.ByCategory"/>): each school then has
    /// at most one row per category (none first, then the categories in their order), its students and
    /// participants the sums of the rows', its grade empty. The national data set has about 45 rows a school
    /// in about 9.5 categories, so this keeps about a fifth of the rows (1.9 million of 9.0 million).
    /// </summary>
    public bool SumByCategory { get; init; }

    /// <summary>What the policy's measures (the standard model's and its own) read of the cohorts.</summary>
    public static DistrictLoadOptions For(BoundPolicy policy) => For(CohortUse.Of(policy));

    public static DistrictLoadOptions For(CohortUse use) => new()
    {
        Grade = use.Grade,
        Category = use.Category,
        SumByCategory = use.ByCategory,
    };

    public override string ToString() =>
        $"grade {(Grade ? "kept" : "dropped")}, category {(Category ? "kept" : "dropped")}, {(SumByCategory ? "rows summed per school and category" : "rows as they are")}";
}
