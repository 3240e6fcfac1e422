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

    /// <summary>
    /// When rows are summed (<see cref="SumByCategory"/>): the only categories whose rows are kept (<see cref="CohortUse.Categories"/>);
    /// rows of the others, and of none, are checked like every row and then left out. Null keeps every row. A DuckDB
    /// database then streams out only the rows of these categories (in the national data set, a tenth of them for a policy
    /// that waives one category).
    /// </summary>
    public IReadOnlyList<Category>? Categories { get; init; }

    /// <summary>Whether a summed row of category <paramref name="code"/> (-1 for none) is kept.</summary>
    internal bool[] KeptCodes()
    {
        var kept = new bool[PlanEnums.Category.JsonNames.Count + 1];
        if (Categories is null) Array.Fill(kept, true);
        else foreach (var c in Categories) kept[(int)c + 1] = true;
        return kept;
    }

    /// <summary>What the policy's measures (the standard model's and its own) read of the cohorts.</summary>
    public static DistrictLoadOptions For(BoundPolicy policy) => For(CohortUse.Of(policy));

    public static DistrictLoadOptions For(CohortUse use) => new()
    {
        Grade = use.Grade,
        Category = use.Category,
        SumByCategory = use.ByCategory,
        Categories = KnownCategories(use.Categories),
    };

    private static Category[]? KnownCategories(IReadOnlyCollection<string>? names)
    {
        if (names is null) return null;
        var categories = new List<Category>();
        foreach (var name in names)
        {
            if (!PlanEnums.Category.TryParse(name, out var category)) return null;
            categories.Add(category);
        }
        return categories.Order().ToArray();
    }

    public override string ToString() =>
        $"grade {(Grade ? "kept" : "dropped")}, category {(Category ? "kept" : "dropped")}, {(SumByCategory ? "rows summed per school and category" : "rows as they are")}" +
        (SumByCategory && Categories is { } kept ? $", only rows of {(kept.Count == 0 ? "no category" : string.Join(", ", kept.Select(PlanEnums.Category.Json)))} kept" : "");
}
