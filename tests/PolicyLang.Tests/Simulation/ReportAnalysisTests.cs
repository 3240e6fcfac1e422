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

    /// <summary>
    /// Payments per participant in whole numbers give the fen that dividing in decimal and rounding gives, on payments as
    /// the model makes them (10 decimal places), on others, on exact half fens and on values past the whole-number way.
    /// </summary>
    [Fact]
    public void Payments_per_participant_are_the_decimal_division_rounded_to_the_fen()
    {
        static void Same(decimal payments, decimal participants)
        {
            var expected = participants > 0 ? Math.Round(payments / participants, 2, MidpointRounding.AwayFromZero) : 0m;
            var actual = Comparison.PerParticipant(payments, participants);
            Assert.True(expected == actual, $"{payments} / {participants}: {expected} expected, {actual}");
            Assert.Equal(expected.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture),
                actual.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        var random = new Random(20261123);
        for (var k = 0; k < 200_000; k++)
        {
            var scale = (byte)random.Next(0, 13);
            var mantissa = random.NextInt64(0, k % 3 == 0 ? 1_000_000_000_000L : long.MaxValue);
            var payments = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, k % 17 == 0, scale);
            var participants = (decimal)random.Next(1, k % 5 == 0 ? 10 : 5_000);
            Same(payments, participants);
            // An exact half fen per participant, and one ten-billionth either side of it.
            var half = (random.Next(0, 100_000) + 0.005m) * participants;
            Same(half, participants);
            Same(half + 0.0000000001m, participants);
            Same(half - 0.0000000001m, participants);
        }
        foreach (var (payments, participants) in new[]
        {
            (0m, 7m), (1m, 3m), (2m, 3m), (-2m, 3m), (-0.005m, 1m), (0.005m, 1m), (-0.00000001m, 1m), (123.45m, 0m), (5m, -1m),
            (decimal.MaxValue, 3m), (decimal.MinValue, 7m), (79_228_162_514_264.337593543950335m, 11m), (1m, 2_147_483_647m),
            (1m, 3.0m), (10m, 2.5m), (0.0000000000000000000000000001m, 1m), (999_999_999_999_999.9999999999m, 1_999_999_999m),
        })
            Same(payments, participants);
    }
}
