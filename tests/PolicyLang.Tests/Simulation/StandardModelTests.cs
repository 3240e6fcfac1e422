using PolicyLang.Binding;
using PolicyLang.Simulation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Model;
using PolicyLang.Simulation.Scenarios;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// The standard model on a district small enough to compute by hand: every total equals the formulas of
/// design/data.md to the fen, under both engines.
/// </summary>
public sealed class StandardModelTests
{
    public const string Policy = """
        policy hand_2022 {
          title     "手算示例"
          issuer    "示例教育局"
          effective 2022-09-01
        }

        window {
          end not before 17:30  § "三"
        }

        fee {
          cap urban: 120 CNY per student per month when school.location == urban  § "四"
          cap other: 80 CNY per student per month when school.location != urban   § "四"
          waive registered_poverty                                                § "四"
          waive disabled partial 50%                                              § "四"
        }

        subsidy {
          city:  1 CNY per student per day when school.location == urban  § "五"
          match: 20% of city                                             § "五"
        }

        pay {
          staff_share at least 80% of fees + subsidies  § "六"
        }

        scenario up "市区上限提至150元" {
          set fee.cap.urban = 150 CNY per student per month
          assume participation elasticity -0.5
        }

        scenario charge "各校按上限收费" {
          assume schools charge the cap
        }
        """;

    /// <summary>
    /// A: urban, 1000 students, 800 take part, charges 130 (above the cap of 120), ends 17:30; cohorts: 10
    /// registered-poverty participants (waived in full), 4 disabled (waived by half), the rest in no category.
    /// B: township, 400 of 500 take part at 60, ends 17:00 (too early); 10 registered-poverty participants.
    /// C: urban, 300 students, none take part, charges 100, ends 18:00, no cohort rows.
    /// </summary>
    public static DistrictData District()
    {
        var d = new DistrictData(3, 5) { Source = "hand" };
        void School(int i, string id, SchoolLocation location, int students, int participants, decimal fee, int endHour, int endMinute)
        {
            d.SchoolId[i] = id;
            d.Name[i] = "学校" + id;
            d.District[i] = i == 1 ? "乙区" : "甲区";
            d.Stage[i] = Stage.Primary;
            d.Location[i] = location;
            d.Ownership[i] = Ownership.Public;
            d.Students[i] = students;
            d.Participants[i] = participants;
            d.FeePerMonth[i] = fee;
            d.Dismissal[i] = new TimeOfDay(15 * 60 + 30);
            d.ServiceEnd[i] = new TimeOfDay(endHour * 60 + endMinute);
            d.PeriodsPerDay[i] = 2;
        }
        void Cohort(int j, string grade, Category? category, int students, int participants)
        {
            d.CohortGrade[j] = grade;
            d.CohortCategory[j] = category;
            d.CohortStudents[j] = students;
            d.CohortParticipants[j] = participants;
        }
        School(0, "A", SchoolLocation.Urban, 1000, 800, 130m, 17, 30);
        School(1, "B", SchoolLocation.Township, 500, 400, 60m, 17, 0);
        School(2, "C", SchoolLocation.Urban, 300, 0, 100m, 18, 0);
        Cohort(0, "1", Category.RegisteredPoverty, 20, 10);
        Cohort(1, "1", Category.Disabled, 10, 4);
        Cohort(2, "1", null, 970, 786);
        Cohort(3, "2", Category.RegisteredPoverty, 10, 10);
        Cohort(4, "2", null, 490, 390);
        d.CohortStart[0] = 0;
        d.CohortStart[1] = 3;
        d.CohortStart[2] = 5;
        d.CohortStart[3] = 5;
        return d;
    }

    public static SimulationResult Simulate(SimulationEngineKind engine, string policy = Policy)
    {
        var compilation = TestHelpers.Compile(policy);
        Assert.Empty(compilation.Diagnostics.Where(d => d.IsError));
        var scenarios = compilation.Policy.Scenarios.Select(s => SimulationScenario.From(compilation.Policy, s)).ToList();
        return Simulator.Run(compilation.Policy, District(), scenarios, new SimulationOptions { Engine = engine });
    }

    public static IEnumerable<object[]> Engines() => new[] { new object[] { SimulationEngineKind.Interpreter }, new object[] { SimulationEngineKind.Compiled } };

    private static void Totals(Totals t, decimal participants, decimal family, decimal subsidy, decimal revenue, decimal pool, int noncompliant)
    {
        Assert.Equal(participants, t.Participants);
        Assert.Equal(family, t.FamilyPayments);
        Assert.Equal(subsidy, t.SubsidyCost);
        Assert.Equal(revenue, t.SchoolRevenue);
        Assert.Equal(pool, t.StaffPool);
        Assert.Equal(noncompliant, t.NoncompliantSchools);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Baseline_totals_are_the_formulas_by_hand(SimulationEngineKind engine)
    {
        var result = Simulate(engine);
        var a = result.Baseline.Schools;
        // A: charged min(130, 120) = 120; waived 10 × 1 + 4 × 50% = 12; families (800 − 12) × 120 × 10 months.
        Assert.Equal(120m, a.Cap[0]);
        Assert.Equal(120m, a.ChargedFee[0]);
        Assert.Equal(12m, a.Waived[0]);
        Assert.Equal(945_600m, a.FamilyPayments[0]);
        // 1 CNY a participant a school day × 190 days × 800, and the city's 20% match.
        Assert.Equal(152_000m + 30_400m, a.SubsidyCost[0]);
        Assert.Equal(0.8m * 1_128_000m, a.StaffPool[0]);
        Assert.True(a.Noncompliant[0]); // 130 a month is above the cap
        // B: township cap 80, charges 60; (400 − 10) × 60 × 10; no urban subsidy; ends 17:00 before 17:30.
        Assert.Equal(80m, a.Cap[1]);
        Assert.Equal(234_000m, a.FamilyPayments[1]);
        Assert.Equal(0m, a.SubsidyCost[1]);
        Assert.True(a.Noncompliant[1]);
        // C: nobody takes part.
        Assert.Equal(0m, a.FamilyPayments[2]);
        Assert.False(a.Noncompliant[2]);
        Totals(result.Baseline.Totals, 1200m, 1_179_600m, 182_400m, 1_362_000m, 1_089_600m, 2);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_fee_change_with_elasticity_moves_participation_and_money(SimulationEngineKind engine)
    {
        var up = Simulate(engine).Scenarios.Single(s => s.Name == "up");
        var a = up.Schools;
        // A charges its own 130 under a cap of 150: participation 800 × (130/120)^−0.5 = 768.6… → 769.
        Assert.Equal(150m, a.Cap[0]);
        Assert.Equal(130m, a.ChargedFee[0]);
        Assert.Equal(769m, a.Participants[0]);
        // Waived scale with participation: 12 × 769 / 800 = 11.535; families (769 − 11.535) × 130 × 10.
        Assert.Equal(11.535m, a.Waived[0]);
        Assert.Equal(984_704.5m, a.FamilyPayments[0]);
        Assert.Equal(146_110m + 29_222m, a.SubsidyCost[0]);
        Assert.False(a.Noncompliant[0]);
        // B and C charge what they did: no response.
        Assert.Equal(400m, a.Participants[1]);
        Totals(up.Totals, 1169m, 1_218_704.50m, 175_332m, 1_394_036.50m, 1_115_229.20m, 1);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Schools_charging_the_cap(SimulationEngineKind engine)
    {
        var charge = Simulate(engine).Scenarios.Single(s => s.Name == "charge");
        Assert.Equal(new[] { 120m, 80m, 120m }, charge.Schools.ChargedFee);
        // B's row still ends at 17:00: it stays non-compliant whatever it charges.
        Totals(charge.Totals, 1200m, 1_257_600m, 182_400m, 1_440_000m, 1_152_000m, 2);
    }

    [Fact]
    public void A_redefined_measure_is_read_by_the_standard_ones()
    {
        var policy = Policy + """

            // A tenth of the families who join leave before the year is out.
            measure participants: number = round(school.participants * 0.9)
            """;
        var result = Simulate(SimulationEngineKind.Compiled, policy);
        var a = result.Baseline.Schools;
        Assert.Equal(720m, a.Participants[0]);
        // waived: 12 × 720 / 800 = 10.8; families (720 − 10.8) × 120 × 10.
        Assert.Equal(851_040m, a.FamilyPayments[0]);
        Assert.Equal(Simulate(SimulationEngineKind.Interpreter, policy).Baseline.Totals.FamilyPayments, result.Baseline.Totals.FamilyPayments);
    }

    [Fact]
    public void A_policy_measure_is_reported_beside_the_standard_ones()
    {
        var policy = Policy + """

            measure paying_share: number = (participants - waived) / max(school.participants, 1)
            measure over_cap: bool = exists(fee_cap) and school.fee_per_month > fee_cap
            """;
        var compilation = TestHelpers.Compile(policy);
        var reported = PolicyLang.Evaluation.SimulationMeasures.Reported(compilation.Policy).Select(m => m.Name).ToList();
        Assert.Equal(new[] { "fee_cap", "charged_fee", "participants", "waived_in_data", "waived", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant", "paying_share", "over_cap" }, reported);
        foreach (var engine in new[] { SimulationEngineKind.Interpreter, SimulationEngineKind.Compiled })
        {
            var result = Simulate(engine, policy);
            Assert.Equal(new decimal?[] { 1m, 0m, 0m }, result.Baseline.Schools.Extra["over_cap"].ToNullable());
            Assert.Equal(788m / 800m, result.Baseline.Schools.Extra["paying_share"][0]);
        }
    }

    [Fact]
    public void The_prelude_parses_and_binds_without_a_diagnostic()
    {
        Assert.Empty(Prelude.Tree.Diagnostics);
        var compilation = TestHelpers.Compile("""
            policy empty_2022 {
              title     "空政策"
              issuer    "示例教育局"
              effective 2022-09-01
            }
            """);
        Assert.Empty(compilation.Diagnostics);
        Assert.All(Prelude.Names, name => Assert.Contains(compilation.Policy.Measures, m => m.Name == name && m.IsStandard && m.Expression is not null));
    }

    [Fact]
    public void A_parameter_may_share_a_standard_measures_name()
    {
        var compilation = TestHelpers.Compile("""
            policy shared_2022 {
              title     "同名参数"
              issuer    "示例教育局"
              effective 2022-09-01
            }

            param fee_cap: CNY per student per month = 100 CNY per student per month  § "四"

            fee {
              cap fee_cap  § "四"
            }

            measure headroom: CNY per student per month = fee_cap - school.fee_per_month
            """);
        Assert.Empty(compilation.Diagnostics);
        var headroom = compilation.Policy.Measures.Single(m => m.Name == "headroom");
        Assert.Contains("$fee_cap", BoundTreePrinter.Print(headroom.Expression));
    }

    [Theory]
    [InlineData("rule r \"\" § \"一\" require cap_for_school() > 0 CNY per student per month", "PL0129")]
    [InlineData("param p: CNY per student per month = cap_for_school()  § \"一\"", "PL0129")]
    [InlineData("measure m = baseline(school.students)", "PL0200")]
    [InlineData("measure m = waived_share(urban)", "PL0103")]
    [InlineData("measure m = subsidies(1)", "PL0113")]
    [InlineData("measure m = elasticity(1)", "PL0113")]
    public void Model_functions_are_checked(string line, string code)
    {
        var compilation = TestHelpers.Compile("""
            policy misuse_2022 {
              title     "误用"
              issuer    "示例教育局"
              effective 2022-09-01
            }

            """ + line + "\n");
        Assert.Contains(code, TestHelpers.Codes(compilation).Select(c => c.Split(' ').Last()));
    }

    [Fact]
    public void A_rate_per_student_times_students_is_the_schools_amount()
    {
        var compilation = TestHelpers.Compile("""
            policy types_2022 {
              title     "类型"
              issuer    "示例教育局"
              effective 2022-09-01
            }

            measure monthly: CNY per month = school.fee_per_month * school.participants
            measure yearly: CNY per year = monthly as CNY per year
            measure scaled: CNY per student per month = 90% of school.fee_per_month
            measure half: number = school.participants * 50%
            """);
        Assert.Empty(compilation.Diagnostics);
    }
}
