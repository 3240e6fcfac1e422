using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// Simulation results built by hand, without a policy: a fee cap applied to schools (charged fee = min(fee, cap)),
/// a subsidy that makes good half of each fee cut, and a staff pool of 70% of revenue.
/// </summary>
public static class SyntheticResults
{
    public sealed record School(string Id, string Name, string District, SchoolLocation Location, Stage Stage,
        int Students, int Participants, decimal Fee, int Waived = 0);

    /// <summary>Twelve schools in three districts of 柳州, every location and three stages.</summary>
    public static School[] Liuzhou() => new[]
    {
        new School("LZ-CZ-001", "柳州市城中区第一小学", "城中区", SchoolLocation.Urban, Stage.Primary, 1200, 950, 180m, 12),
        new School("LZ-CZ-002", "柳州市城中区第二小学", "城中区", SchoolLocation.Urban, Stage.Primary, 900, 700, 160m, 5),
        new School("LZ-CZ-003", "柳州市城中区实验中学", "城中区", SchoolLocation.Urban, Stage.Junior, 1500, 820, 200m, 20),
        new School("LZ-YF-001", "柳州市鱼峰区育才小学", "鱼峰区", SchoolLocation.CountyTown, Stage.Primary, 800, 610, 140m, 8),
        new School("LZ-YF-002", "柳州市鱼峰区九年一贯制学校", "鱼峰区", SchoolLocation.Township, Stage.NineYear, 650, 400, 120m, 15),
        new School("LZ-YF-003", "柳州市鱼峰区荣军路中学", "鱼峰区", SchoolLocation.CountyTown, Stage.Junior, 1100, 560, 150m, 10),
        new School("LZ-LN-001", "柳州市柳南区河西小学", "柳南区", SchoolLocation.Urban, Stage.Primary, 1000, 880, 170m, 9),
        new School("LZ-LN-002", "柳州市柳南区太阳村小学", "柳南区", SchoolLocation.Rural, Stage.Primary, 300, 180, 80m, 30),
        new School("LZ-LN-003", "柳州市柳南区洛满镇中心校", "柳南区", SchoolLocation.Township, Stage.NineYear, 520, 300, 100m, 25),
        new School("LZ-LN-004", "柳州市柳南区第十二中学", "柳南区", SchoolLocation.Urban, Stage.Junior, 1300, 700, 190m, 14),
        new School("LZ-LN-005", "柳州市柳南区西鹅小学", "柳南区", SchoolLocation.Rural, Stage.Primary, 260, 150, 60m, 40),
        new School("LZ-LN-006", "柳州市柳南区潭西小学", "柳南区", SchoolLocation.CountyTown, Stage.Primary, 700, 520, 130m, 6),
    };

    public static DistrictData Data(IReadOnlyList<School> schools, string source = "examples/data/liuzhou")
    {
        var data = new DistrictData(schools.Count, 0) { Source = source };
        for (var i = 0; i < schools.Count; i++)
        {
            var s = schools[i];
            data.SchoolId[i] = s.Id;
            data.Name[i] = s.Name;
            data.District[i] = s.District;
            data.Location[i] = s.Location;
            data.Stage[i] = s.Stage;
            data.Ownership[i] = Ownership.Public;
            data.Students[i] = s.Students;
            data.Participants[i] = s.Participants;
            data.FeePerMonth[i] = s.Fee;
            data.PeriodsPerDay[i] = 2;
        }
        return data;
    }

    /// <summary>The measures of every school under a cap (null: no cap).</summary>
    public static SchoolMeasures Measures(IReadOnlyList<School> schools, decimal? cap)
    {
        var m = new SchoolMeasures(schools.Count);
        for (var i = 0; i < schools.Count; i++)
        {
            var s = schools[i];
            var charged = cap is { } c ? Math.Min(s.Fee, c) : s.Fee;
            m.Cap[i] = cap;
            m.ChargedFee[i] = charged;
            m.Participants[i] = s.Participants;
            m.Waived[i] = s.Waived;
            m.FamilyPayments[i] = (s.Participants - s.Waived) * charged * 10;
            m.SubsidyCost[i] = (s.Fee - charged) * 0.5m * s.Participants * 10;
            m.SchoolRevenue[i] = m.FamilyPayments[i] + m.SubsidyCost[i];
            m.StaffPool[i] = m.SchoolRevenue[i] * 0.7m;
            m.Noncompliant[i] = cap is { } c2 && s.Fee > c2;
        }
        return m;
    }

    /// <summary>A sweep of the fee cap over <paramref name="caps"/>, against a baseline with no cap.</summary>
    public static SimulationResult CapSweep(IReadOnlyList<School> schools, IReadOnlyList<decimal> caps,
        string policy = "柳州市义务教育课后服务收费政策", string source = "examples/data/liuzhou", decimal? baselineCap = 150m)
    {
        var data = Data(schools, source);
        var baseline = new ScenarioResult("baseline", null, Measures(schools, baselineCap));
        var scenarios = caps.Select(cap => new ScenarioResult($"cap_{cap}", $"Cap {cap}", Measures(schools, cap)) { SweepValue = cap }).ToArray();
        return new SimulationResult(policy, data, baseline, scenarios) { SweepParameter = "fee_cap", SweepUnit = "CNY/month" };
    }

    /// <summary>
    /// A large district: <paramref name="count"/> schools spread over <paramref name="districts"/> districts,
    /// with one scenario lowering the cap (many schools become non-compliant).
    /// </summary>
    public static SimulationResult Large(int count, int districts)
    {
        var locations = Enum.GetValues<SchoolLocation>();
        var stages = Enum.GetValues<Stage>();
        var schools = new School[count];
        for (var i = 0; i < count; i++)
        {
            schools[i] = new School($"S{i:D6}", $"第{i}学校", $"区县{i % districts:D4}", locations[i % locations.Length],
                stages[i / 7 % stages.Length], 500 + i % 700, 300 + i % 400, 60m + i % 150, i % 17);
        }
        var data = Data(schools, "large.duckdb");
        var baseline = new ScenarioResult("baseline", null, Measures(schools, 200m));
        var scenario = new ScenarioResult("cap_120", null, Measures(schools, 120m));
        return new SimulationResult("large", data, baseline, new[] { scenario });
    }
}
