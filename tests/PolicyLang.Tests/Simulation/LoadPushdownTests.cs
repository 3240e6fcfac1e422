using PolicyLang.Evaluation;
using PolicyLang.Simulation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Scenarios;
using static PolicyLang.Tests.Simulation.DataAssert;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// Loading only what the measures read of the cohorts (<see cref="DistrictLoadOptions"/>): every form of the data
/// keeps the same rows, the rows are what summing the full load gives, the options follow what the measures read,
/// and the results are those of the full load. (Bad data gets the same errors under every option: <see cref="DataAssert.Fails"/>.)
/// </summary>
public sealed class LoadPushdownTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<object[]> Options() => Pushdowns.Select((_, k) => new object[] { k });

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_form_keeps_what_summing_the_full_load_keeps(int option)
    {
        var options = Pushdowns[option];
        var generated = DistrictGenerator.Generate(400, 17);
        var csv = _temp.Path("csv");
        var parquet = _temp.Path("parquet");
        var duckdb = _temp.Path("district.duckdb");
        DistrictWriter.Write(generated, csv);
        DistrictWriter.Write(generated, parquet, DistrictFormat.Parquet);
        DistrictWriter.Write(generated, duckdb);

        var expected = Pushed(DistrictDataLoader.Load(csv), options);
        if (options.SumByCategory) Assert.True(expected.CohortCount < generated.CohortCount / 3, "the generated data has few rows to sum");
        Same(expected, DistrictDataLoader.Load(csv, options));
        Same(expected, DistrictDataLoader.Load(parquet, options));
        Same(expected, DistrictDataLoader.Load(duckdb, options));
        Same(DistrictDataLoader.Load(csv), DistrictDataLoader.Load(duckdb, DistrictLoadOptions.Full));
    }

    /// <summary>Good Parquet cohorts are summed by DuckDB (not by the Parquet reader's fallback), to the same sums.</summary>
    [Theory]
    [MemberData(nameof(Options))]
    public void Good_parquet_cohorts_are_summed_by_duckdb_in_one_pass(int option)
    {
        var options = Pushdowns[option];
        if (!options.SumByCategory) return;
        var generated = DistrictGenerator.Generate(300, 11);
        // A quote in the path: DuckDB is given it as a SQL string literal.
        var parquet = _temp.Path("pq 'quoted'");
        DistrictWriter.Write(generated, parquet, DistrictFormat.Parquet);
        var sums = DuckDbDistrictReader.TryReadParquetCohortsSummed(Path.Combine(parquet, "schools.parquet"), Path.Combine(parquet, "cohorts.parquet"), options);
        Assert.NotNull(sums);
        Assert.Equal(300, sums!.SchoolCount);
        Same(Pushed(generated, options), DistrictDataLoader.Load(parquet, options));
    }

    [Fact]
    public void Summed_rows_keep_categories_in_their_order_and_schools_without_rows_have_none()
    {
        var cohorts = CohortsHeader + "A1,3,migrant,10,9\nA1,1,none,200,150\nA1,2,建档立卡,5,5\nA1,2,none,100,90\nA1,4,migrant,7,1\n";
        var schools = GoodSchools + "A3,第三小学,城中区,primary,urban,public,10,0,0,15:30,18:00,2\n";
        var folder = _temp.Csv(schools, cohorts);
        var duckdb = _temp.Path("d.duckdb");
        DistrictWriter.Write(DistrictDataLoader.Load(folder), duckdb);
        foreach (var path in new[] { folder, duckdb })
        {
            var data = DistrictDataLoader.Load(path, new DistrictLoadOptions { Grade = false, SumByCategory = true });
            Assert.Equal(new[] { 0, 3, 3, 3 }, data.CohortStart);
            Assert.Equal(new Category?[] { null, Category.RegisteredPoverty, Category.Migrant }, data.CohortCategory);
            Assert.Equal(new[] { 300, 5, 17 }, data.CohortStudents);
            Assert.Equal(new[] { 240, 5, 10 }, data.CohortParticipants);
            Assert.Equal(new[] { "", "", "" }, data.CohortGrade);

            var one = DistrictDataLoader.Load(path, new DistrictLoadOptions { Grade = false, Category = false, SumByCategory = true });
            Assert.Equal(new[] { 0, 1, 1, 1 }, one.CohortStart);
            Assert.Equal(new Category?[] { null }, one.CohortCategory);
            Assert.Equal(new[] { 322 }, one.CohortStudents);
            Assert.Equal(new[] { 255 }, one.CohortParticipants);
        }
    }

    [Fact]
    public void A_sum_too_large_for_a_count_keeps_the_rows()
    {
        var cohorts = CohortsHeader + "A1,1,none,2000000000,0\nA1,2,none,2000000000,5\nA2,1,none,50,40\n";
        var folder = _temp.Csv(GoodSchools, cohorts);
        var duckdb = _temp.Path("big.duckdb");
        DistrictWriter.Write(DistrictDataLoader.Load(folder), duckdb);
        foreach (var path in new[] { folder, duckdb })
        {
            var data = DistrictDataLoader.Load(path, new DistrictLoadOptions { Grade = false, SumByCategory = true });
            Assert.Equal(new[] { 2_000_000_000, 2_000_000_000, 50 }, data.CohortStudents);
            Assert.Equal(new[] { 0, 5, 40 }, data.CohortParticipants);
            Assert.Equal(new[] { 0, 2, 3 }, data.CohortStart);
            Assert.Equal(new[] { "", "", "" }, data.CohortGrade);
        }
    }

    /// <summary>A small Zaozhuang-like policy: a cap, a full waiver (unless not wanted), the given fee lines, then the rest of the text.</summary>
    private static Compilation Policy(string feeLines, string rest, bool waive = true) => TestHelpers.Compile("""
        policy p {
          title     "t"
          issuer    "i"
          effective 2022-09-01
        }

        fee {
          cap 100 CNY per student per month  § "一"

        """ + (waive ? "  waive registered_poverty            § \"一\"\n" : "") + feeLines + "}\n\n" + rest);

    private static DistrictLoadOptions For(string measures) => DistrictLoadOptions.For(Policy("", measures).Policy);

    [Fact]
    public void The_standard_model_lets_rows_be_summed_by_category()
    {
        var options = For("");
        Assert.True(options.SumByCategory);
        Assert.True(options.Category);
        Assert.False(options.Grade);
        Assert.Equal(new[] { Category.RegisteredPoverty }, options.Categories);
        Assert.Equal("grade dropped, category kept, rows summed per school and category, only rows of registered_poverty kept", options.ToString());
    }

    /// <summary>
    /// The categories whose rows can weigh: where waived_share(c.category) is a factor of every term, the categories the
    /// policy waives (partly or under a condition too); where a filter holds only for some categories (c.category == X,
    /// c.category in {…}, joined by 'and' and 'or'), those; any other term or filter makes every row weigh.
    /// </summary>
    [Theory]
    [InlineData("", "", "registered_poverty")]
    [InlineData("  waive disabled partial 50% when school.location == rural  § \"一\"\n", "", "registered_poverty disabled")]
    [InlineData("", "measure w2 = sum(waived_share(c.category) * c.students + c.participants * waived_share(c.category) for c in cohorts)", "registered_poverty")]
    [InlineData("", "measure half = sum(c.participants * waived_share(c.category) * 0.5 for c in cohorts)", "registered_poverty")]
    [InlineData("", "measure all_rows = sum(c.students for c in cohorts)", null)]
    [InlineData("", "measure mixed = sum(c.participants * waived_share(c.category) + c.students for c in cohorts)", null)]
    [InlineData("", "measure migrants = sum(c.students for c in cohorts where c.category == migrant)", "registered_poverty migrant")]
    [InlineData("", "measure two = sum(c.students for c in cohorts where c.category == migrant or disabled == c.category)", "registered_poverty disabled migrant")]
    [InlineData("", "measure two = sum(c.students for c in cohorts where c.category in {orphan_welfare, martyr})", "registered_poverty orphan_welfare martyr")]
    [InlineData("", "measure none = sum(c.students * waived_share(c.category) for c in cohorts where c.category == migrant)", "registered_poverty")]
    [InlineData("", "measure both = sum(c.students for c in cohorts where c.category == migrant and exists(c.category))", "registered_poverty migrant")]
    [InlineData("", "measure either = sum(c.students for c in cohorts where c.category == migrant or exists(c.category))", null)]
    [InlineData("", "measure others = sum(c.students for c in cohorts where c.category != migrant)", null)]
    [InlineData("", "measure one = sum(c.students * waived_share(registered_poverty) for c in cohorts)", null)]
    [InlineData("", "measure rows = count(c for c in cohorts)", null)]
    public void Only_the_rows_of_categories_a_measure_can_weigh_are_kept(string feeLines, string measures, string? kept)
    {
        var compilation = Policy(feeLines, measures);
        Assert.Empty(compilation.Diagnostics.Where(d => d.IsError));
        var options = DistrictLoadOptions.For(compilation.Policy);
        Assert.Equal(kept, options.Categories is { } c ? string.Join(" ", c.Select(PlanEnums.Category.Json)) : null);
    }

    [Fact]
    public void A_policy_that_waives_nothing_keeps_no_rows_and_its_results_stand()
    {
        var compilation = Policy("", "", waive: false);
        var options = DistrictLoadOptions.For(compilation.Policy);
        Assert.Equal(Array.Empty<Category>(), options.Categories);
        Assert.EndsWith(", only rows of no category kept", options.ToString(), StringComparison.Ordinal);
        var duckdb = _temp.Path("none.duckdb");
        DistrictWriter.Write(DistrictGenerator.Generate(200, 3), duckdb);
        var pushed = DistrictDataLoader.Load(duckdb, options);
        Assert.Equal(0, pushed.CohortCount);
        var full = Simulator.Run(compilation.Policy, DistrictDataLoader.Load(duckdb), Array.Empty<SimulationScenario>());
        var fast = Simulator.Run(compilation.Policy, pushed, Array.Empty<SimulationScenario>());
        Assert.Equal(full.Baseline.Totals.FamilyPayments, fast.Baseline.Totals.FamilyPayments);
        Assert.Equal(full.Baseline.Schools.Waived, fast.Baseline.Schools.Waived);
    }

    [Theory]
    [InlineData("measure in_categories = sum(c.participants for c in cohorts where exists(c.category))", true, false)]
    [InlineData("measure weighted = sum(c.students * 2 + c.participants for c in cohorts where c.category == migrant)", true, false)]
    [InlineData("measure first = sum(c.students for c in cohorts where c.grade == \"1\")", false, true)]
    [InlineData("measure rows = count(c for c in cohorts)", false, false)]
    [InlineData("measure biggest = max(c.students for c in cohorts)", false, false)]
    [InlineData("measure squares = sum(c.students * c.students for c in cohorts)", false, false)]
    public void A_measure_that_needs_the_rows_as_they_are_keeps_them(string measure, bool summed, bool grade)
    {
        var options = For(measure);
        Assert.Equal(summed, options.SumByCategory);
        Assert.Equal(grade, options.Grade);
    }

    [Theory]
    [InlineData("measure in_categories = sum(c.participants for c in cohorts where exists(c.category))")]
    [InlineData("measure weighted = sum(c.students * 2 + c.participants for c in cohorts where c.category == migrant)")]
    [InlineData("measure first = sum(c.students for c in cohorts where c.grade == \"1\")")]
    [InlineData("measure rows = count(c for c in cohorts)")]
    [InlineData("measure squares = sum(c.students * c.students for c in cohorts)")]
    [InlineData("measure listed = sum(c.participants for c in cohorts where c.category in {orphan_welfare, martyr} or c.category == left_behind)")]
    public void Results_from_the_pushed_down_load_are_those_of_the_full_load(string measure)
    {
        var compilation = Policy("  waive disabled partial 50%          § \"一\"\n", """
            scenario up "上调" {
              set fee.cap = 150 CNY per student per month
              assume participation elasticity -0.4
            }

            """ + measure);
        Assert.Empty(compilation.Diagnostics.Where(d => d.IsError));
        var policy = compilation.Policy;
        var duckdb = _temp.Path("g.duckdb");
        DistrictWriter.Write(DistrictGenerator.Generate(300, 5), duckdb);
        var scenarios = policy.Scenarios.Select(s => SimulationScenario.From(policy, s)).ToList();
        foreach (var engine in new[] { SimulationEngineKind.Compiled, SimulationEngineKind.Interpreter })
        {
            var full = Simulator.Run(policy, DistrictDataLoader.Load(duckdb), scenarios, new SimulationOptions { Engine = engine });
            var pushed = Simulator.Run(policy, DistrictDataLoader.Load(duckdb, DistrictLoadOptions.For(policy)), scenarios, new SimulationOptions { Engine = engine });
            foreach (var (a, b) in new[] { (full.Baseline, pushed.Baseline) }.Concat(full.Scenarios.Zip(pushed.Scenarios)))
            {
                Assert.Equal(a.Totals.Participants, b.Totals.Participants);
                Assert.Equal(a.Totals.FamilyPayments, b.Totals.FamilyPayments);
                Assert.Equal(a.Schools.Waived, b.Schools.Waived);
                Assert.Equal(a.Schools.FamilyPayments, b.Schools.FamilyPayments);
                Assert.Equal(a.Schools.SubsidyCost, b.Schools.SubsidyCost);
                Assert.Equal(a.Schools.StaffPool, b.Schools.StaffPool);
                Assert.Equal(a.Schools.Extra.Keys.Order(), b.Schools.Extra.Keys.Order());
                foreach (var key in a.Schools.Extra.Keys) Assert.Equal(a.Schools.Extra[key].ToNullable(), b.Schools.Extra[key].ToNullable());
            }
        }
    }
}
