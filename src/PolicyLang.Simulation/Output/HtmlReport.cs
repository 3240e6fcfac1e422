using PolicyLang.Simulation.Model;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Output;

/// <summary>
/// The simulation as one self-contained HTML page: no script, no external stylesheet, font or image (charts
/// are inline SVG drawn here), so it opens offline and can be mailed as one file. It holds the totals of every
/// scenario against the baseline, the sweep chart when the scenarios are a sweep, the distribution by district
/// and location, and who gains and who loses. The page only aggregates: its size does not grow with the
/// number of schools beyond a few short lists.
/// </summary>
public static class HtmlReport
{
    /// <summary>Newly non-compliant schools listed by name, per scenario.</summary>
    public const int ListedSchools = 20;
    /// <summary>District rows in a staff pool table; the rest are summed in one row.</summary>
    public const int DistrictRows = 25;
    /// <summary>Districts in a distribution chart: those with the most baseline school revenue.</summary>
    public const int DistrictBars = 12;
    /// <summary>Scenarios with a "who gains and who loses" section.</summary>
    public const int DetailedScenarios = 12;

    /// <summary>
    /// Writes the report to <paramref name="path"/> atomically: the page goes to a temporary file in the same
    /// folder, which then replaces the target, so a reader never sees half a report.
    /// </summary>
    public static void Write(SimulationResult result, string path, Language language)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        result.RequirePerSchool("the HTML report");
        AtomicFile.WriteAllText(path, Render(result, language));
    }

    /// <summary>The report's HTML text.</summary>
    public static string Render(SimulationResult result, Language language)
    {
        ArgumentNullException.ThrowIfNull(result);
        var schools = result.Data.SchoolCount;
        foreach (var scenario in result.All)
        {
            if (scenario.Schools.FamilyPayments.Length != schools)
                throw new ArgumentException(
                    $"scenario '{scenario.Name}' has measures for {scenario.Schools.FamilyPayments.Length} schools, the data has {schools}",
                    nameof(result));
        }
        return new ReportPage(result, ReportText.For(language)).Render();
    }
}
