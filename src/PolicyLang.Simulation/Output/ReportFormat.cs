using System.Globalization;

namespace PolicyLang.Simulation.Output;

/// <summary>Numbers as the report shows them: invariant digits, thousands separators, money to the fen.</summary>
internal static class ReportFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>CNY to the fen: 1,234,567.89.</summary>
    public static string Money(decimal value) => Round2(value).ToString("#,0.00", s_invariant);

    /// <summary>A change in CNY with its sign: +1,234.50, -1,234.50, 0.00.</summary>
    public static string SignedMoney(decimal value)
    {
        var rounded = Round2(value);
        return (rounded > 0 ? "+" : string.Empty) + rounded.ToString("#,0.00", s_invariant);
    }

    /// <summary>A count: whole numbers without decimals, fractional ones to two places.</summary>
    public static string Count(decimal value)
    {
        var rounded = Round2(value);
        return rounded == decimal.Truncate(rounded)
            ? rounded.ToString("#,0", s_invariant)
            : rounded.ToString("#,0.00", s_invariant);
    }

    public static string SignedCount(decimal value) => (Round2(value) > 0 ? "+" : string.Empty) + Count(value);

    /// <summary>A plain number as given (a swept value, a cap): 120, 1.5, 12,000.</summary>
    public static string Plain(decimal value) => value.ToString("#,0.############", s_invariant);

    /// <summary>
    /// The change in percent of the baseline, one decimal: +12.3%. A baseline of zero gives 0.0% when
    /// nothing changed and "—" otherwise (no percentage of nothing).
    /// </summary>
    public static string Percent(decimal change, decimal baseline)
    {
        if (baseline == 0) return change == 0 ? "0.0%" : "—";
        var percent = Math.Round(change / Math.Abs(baseline) * 100m, 1, MidpointRounding.AwayFromZero);
        return (percent > 0 ? "+" : string.Empty) + percent.ToString("#,0.0", s_invariant) + "%";
    }

    /// <summary>A share as a percentage, one decimal: 42.0%.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? "—" : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero).ToString("0.0", s_invariant) + "%";

    /// <summary>A number for an SVG attribute (invariant, at most two decimals).</summary>
    public static string Svg(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", s_invariant) : "0";

    /// <summary>
    /// The unit to show money in on a chart axis whose largest magnitude is <paramref name="largest"/>:
    /// 1, 1,000, 10^6 or 10^9 CNY in English; 1, 10^4 (万) or 10^8 (亿) CNY in Chinese.
    /// </summary>
    public static decimal MoneyScale(double largest, Language language)
    {
        var abs = Math.Abs(largest);
        if (language == Language.Chinese)
            return abs >= 1e8 ? 100_000_000m : abs >= 1e4 ? 10_000m : 1m;
        return abs >= 1e9 ? 1_000_000_000m : abs >= 1e6 ? 1_000_000m : abs >= 1e4 ? 1_000m : 1m;
    }

    /// <summary>A tick or bar value already divided by its scale, with as many decimals as the step needs.</summary>
    public static string Scaled(double value, int decimals) =>
        Math.Round(value, decimals).ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), s_invariant);

    /// <summary>Decimals needed to write multiples of <paramref name="step"/> exactly (0 to 3).</summary>
    public static int DecimalsFor(double step)
    {
        if (!(step > 0) || !double.IsFinite(step)) return 0;
        var decimals = 0;
        while (decimals < 3)
        {
            var scaled = step * Math.Pow(10, decimals);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled)) break;
            decimals++;
        }
        return decimals;
    }

    private static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
