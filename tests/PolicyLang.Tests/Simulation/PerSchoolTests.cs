using PolicyLang.Simulation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Model;
using PolicyLang.Simulation.Output;
using PolicyLang.Simulation.Scenarios;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// A run that shows only the terminal report keeps per school only the measures that report reads
/// (<see cref="SimulationOptions.PerSchool"/> false): the totals and the report are those of a run that keeps everything.
/// </summary>
public sealed class PerSchoolTests
{
    private static SimulationResult Run(SimulationEngineKind engine, bool perSchool)
    {
        var compilation = TestHelpers.Compile(StandardModelTests.Policy);
        var scenarios = compilation.Policy.Scenarios.Select(s => SimulationScenario.From(compilation.Policy, s)).ToList();
        return Simulator.Run(compilation.Policy, StandardModelTests.District(), scenarios,
            new SimulationOptions { Engine = engine, PerSchool = perSchool });
    }

    [Theory]
    [MemberData(nameof(StandardModelTests.Engines), MemberType = typeof(StandardModelTests))]
    public void Keeping_only_the_shown_measures_changes_no_total_and_no_line_of_the_report(SimulationEngineKind engine)
    {
        var all = Run(engine, perSchool: true);
        var shown = Run(engine, perSchool: false);
        foreach (var (a, s) in all.All.Zip(shown.All))
        {
            Assert.True(a.Schools.PerSchool);
            Assert.False(s.Schools.PerSchool);
            Assert.Equal(a.Totals.Named, s.Totals.Named);
            Assert.Equal(a.Schools.FamilyPayments, s.Schools.FamilyPayments);
            Assert.Equal(a.Schools.Participants, s.Schools.Participants);
            Assert.Equal(a.Schools.StaffPool, s.Schools.StaffPool);
            Assert.Equal(a.Schools.Noncompliant, s.Schools.Noncompliant);
            Assert.Equal(a.Schools.Cap.ToNullable(), s.Schools.Cap.ToNullable());
            // What the report does not read is not kept.
            Assert.All(s.Schools.ChargedFee, v => Assert.Equal(0m, v));
            Assert.Empty(s.Schools.Extra);
        }
        Assert.Contains(all.Baseline.Schools.ChargedFee, v => v != 0);
        Assert.Equal(Report(all), Report(shown));
    }

    [Fact]
    public void The_per_school_outputs_refuse_a_simulation_that_kept_only_the_shown_measures()
    {
        var shown = Run(SimulationEngineKind.Compiled, perSchool: false);
        using var temp = new TempFolder();
        var error = Assert.Throws<InvalidOperationException>(() => ResultWriter.Write(shown, temp.Path("out.csv")));
        Assert.Contains("--out", error.Message);
        Assert.Throws<InvalidOperationException>(() => ResultWriter.WriteJson(shown, new MemoryStream()));
        Assert.Throws<InvalidOperationException>(() => HtmlReport.Write(shown, temp.Path("r.html"), Language.English));
        Assert.False(File.Exists(temp.Path("out.csv")));
    }

    [Fact]
    public void Measures_not_kept_share_one_scratch_column_and_kept_ones_have_their_own()
    {
        var names = new[] { "fee_cap", "charged_fee", "waived", "family_payments" };
        var columns = MeasureColumns.Allocate(3, names, 10, Simulator.ShownMeasures.Contains);
        var scratch = columns[0][1];
        Assert.Same(scratch, columns[0][2]);
        Assert.Same(scratch, columns[2][1]);
        var kept = columns.SelectMany(s => new[] { s[0], s[3] }).ToList();
        Assert.Equal(kept.Count, kept.Distinct().Count());
        Assert.DoesNotContain(scratch, kept);
        var every = MeasureColumns.Allocate(2, names, 10);
        Assert.Equal(8, every.SelectMany(s => s).Distinct().Count());
    }

    private static string Report(SimulationResult result)
    {
        var text = new StringWriter();
        TerminalReport.Write(result, text, Language.English);
        return text.ToString();
    }
}
