using PolicyLang.Runtime;

namespace PolicyLang.Tests.Compiler;

/// <summary>
/// Rates converted between time units (what the standard model does to every school's monthly payments): to a year
/// without a division, which must give the very decimal the division gave, value and scale.
/// </summary>
public sealed class CalendarRateTests
{
    [Theory]
    [InlineData("120", TimeUnit.Month, TimeUnit.Year, "1200")]
    [InlineData("120.50", TimeUnit.Month, TimeUnit.Year, "1205.00")]
    [InlineData("600", TimeUnit.Semester, TimeUnit.Year, "1200")]
    [InlineData("1200", TimeUnit.Year, TimeUnit.Month, "120")]
    [InlineData("5", TimeUnit.Period, TimeUnit.Year, "1805.0")]
    [InlineData("1000", TimeUnit.Year, TimeUnit.Day, "5.2631578947")]
    [InlineData("0.00", TimeUnit.Month, TimeUnit.Year, "0.00")]
    [InlineData("-3.5", TimeUnit.Day, TimeUnit.Year, "-665.0")]
    public void Rates_convert_through_the_school_year(string value, TimeUnit from, TimeUnit to, string expected)
    {
        var calendar = new Calendar(10m, 2m, 190m, 2m);
        var periodsPerDay = from == TimeUnit.Period ? 1.9m : 2m;
        Assert.Equal(expected, calendar.ConvertRate(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), from, to, periodsPerDay)
            .ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Per year, the result is the one dividing by 1 gave, bit for bit, for values of every scale and size.</summary>
    [Fact]
    public void A_rate_per_year_is_the_divided_one_bit_for_bit()
    {
        var random = new Random(20261123);
        var calendars = new[] { Calendar.Default, new Calendar(9.5m, 2m, 185.25m, 1.5m), new Calendar(12m, 3m, 200m, 3m) };
        for (var k = 0; k < 20000; k++)
        {
            var scale = (byte)random.Next(0, 15);
            var value = new decimal(random.Next(), random.Next(0, 1000), 0, random.Next(2) == 0, scale);
            var calendar = calendars[k % calendars.Length];
            var periods = new[] { 1m, 2m, 2.5m, 0m }[k % 4];
            foreach (var from in Enum.GetValues<TimeUnit>())
            {
                // As before: a rate already per year unchanged, any other multiplied, divided by 1 and rounded.
                var divided = from == TimeUnit.Year ? value : Math.Round(value * calendar.PerYear(from, periods) / 1m, 10, MidpointRounding.AwayFromZero);
                var converted = calendar.ConvertRate(value, from, TimeUnit.Year, periods);
                Assert.Equal(decimal.GetBits(divided), decimal.GetBits(converted));
            }
        }
    }
}
