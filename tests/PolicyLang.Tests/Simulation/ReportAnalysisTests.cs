using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Output;

namespace PolicyLang.Tests.Simulation;

/// <summary>Schools grouped for the report's sums: by district text, however the loader made the strings.</summary>
public sealed class ReportAnalysisTests
{
    private static DistrictData Districts(params string[] districts)
    {
        var schools = districts.Select((d, i) => new SyntheticResults.School($"S{i}", $"学校{i}", d, SchoolLocation.Urban, Stage.Primary, 100, 50, 100m)).ToArray();
        return SyntheticResults.Data(schools);
    }

    [Fact]
    public void Districts_of_the_same_text_are_one_group_whether_or_not_they_are_one_string()
    {
        // Two string objects for 城中区 (as a loader that does not share them would make), and schools without a district.
        var a = new string("城中区".ToCharArray());
        var b = new string("城中区".ToCharArray());
        Assert.False(ReferenceEquals(a, b));
        var grouping = Grouping.ByDistrict(Districts(a, "鱼峰区", b, "", a, "柳南区", ""), "(none)");
        Assert.Equal(new[] { "(none)", "城中区", "柳南区", "鱼峰区" }.OrderBy(n => n, StringComparer.Ordinal), grouping.Names);
        var g = grouping.Names.ToList();
        Assert.Equal(new[] { g.IndexOf("城中区"), g.IndexOf("鱼峰区"), g.IndexOf("城中区"), g.IndexOf("(none)"), g.IndexOf("城中区"), g.IndexOf("柳南区"), g.IndexOf("(none)") }, grouping.Of);
        Assert.Equal(new[] { 2, 3, 1, 1 }, grouping.Schools);
    }

    [Fact]
    public void Sums_leave_out_nothing_but_zeros()
    {
        var grouping = Grouping.ByDistrict(Districts("甲", "乙", "甲", "乙", "甲"), "(none)");
        var values = new[] { 1.50m, 0m, -0.00m, 2.25m, 3m };
        var sums = grouping.Sum(values);
        Assert.Equal(new[] { 2.25m, 4.50m }, sums);
        var plain = new decimal[2];
        for (var i = 0; i < values.Length; i++) plain[grouping.Of[i]] += values[i];
        Assert.Equal(plain, sums);
        Assert.Equal(new[] { 0m, 0m }, grouping.Sum(new[] { 0m, 0.00m, -0m, 0m, 0m }));
    }
}
