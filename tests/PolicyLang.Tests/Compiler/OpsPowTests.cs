using PolicyLang.Runtime.Compiled;

namespace PolicyLang.Tests.Compiler;

/// <summary>
/// <c>Ops.Pow</c>, which the participation response takes (the fee ratio to the power of the elasticity): a fractional
/// power is the double power converted back, and a base of 1 skips the conversions with the same decimal, bit for bit.
/// </summary>
public sealed class OpsPowTests
{
    private static decimal ByDouble(decimal b, decimal e) => (decimal)Math.Pow((double)b, (double)e);

    [Theory]
    [InlineData("1", "-0.3")]
    [InlineData("1.00", "-0.3")]
    [InlineData("1.0000", "0.5")]
    [InlineData("1", "2.75")]
    [InlineData("1.2", "-0.3")]
    [InlineData("0.8333333333333333333333333333", "-0.3")]
    [InlineData("1.0000000000000000000000000001", "-0.3")]
    public void A_fractional_power_is_the_double_power_to_the_last_bit(string b, string e)
    {
        var x = decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
        var y = decimal.Parse(e, System.Globalization.CultureInfo.InvariantCulture);
        var result = Ops.Pow(x, y)!.Value;
        Assert.Equal(decimal.GetBits(ByDouble(x, y)), decimal.GetBits(result));
    }

    [Fact]
    public void Whole_powers_multiply_and_keep_the_scale_they_always_had()
    {
        Assert.Equal(decimal.GetBits(1.00m * 1.00m), decimal.GetBits(Ops.Pow(1.00m, 2m)!.Value));
        Assert.Equal(1.44m, Ops.Pow(1.2m, 2m));
        Assert.Null(Ops.Pow(null, 0.5m));
    }
}
