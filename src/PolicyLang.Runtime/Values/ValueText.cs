using System.Globalization;

namespace PolicyLang.Runtime;

/// <summary>
/// Writes values as policy text in English or Chinese (100 CNY per student per month / 100 元 每生每月, 18:30,
/// 40 min / 40 分钟, 80%). Compiled validators and the interpreter both format through here, so their reports
/// are identical strings.
/// </summary>
public static class ValueText
{
    public static string Number(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string UnitName(TimeUnit unit, Language language) => language == Language.Chinese
        ? unit switch { TimeUnit.Period => "课时", TimeUnit.Day => "天", TimeUnit.Month => "月", TimeUnit.Semester => "学期", _ => "学年" }
        : unit switch { TimeUnit.Period => "period", TimeUnit.Day => "day", TimeUnit.Month => "month", TimeUnit.Semester => "semester", _ => "year" };

    public static string MoneyUnit(RateBasis basis, TimeUnit? unit, Language language)
    {
        if (unit is not { } u) return language == Language.Chinese ? "元" : "CNY";
        if (language == Language.Chinese)
            return basis == RateBasis.PerStudent ? "元 每生每" + UnitName(u, language) : "元 每" + UnitName(u, language);
        return basis == RateBasis.PerStudent ? "CNY per student per " + UnitName(u, language) : "CNY per " + UnitName(u, language);
    }

    /// <summary>An amount, rounded to the fen for display, with its unit.</summary>
    public static string Money(decimal amount, RateBasis basis, TimeUnit? unit, Language language) =>
        Number(Math.Round(amount, 2, MidpointRounding.AwayFromZero)) + " " + MoneyUnit(basis, unit, language);

    public static string Duration(decimal minutes, Language language)
    {
        var zh = language == Language.Chinese;
        if (minutes >= 60 && minutes % 60 == 0) return Number(minutes / 60) + (zh ? " 小时" : " h");
        return Number(minutes) + (zh ? " 分钟" : " min");
    }

    public static string DurationRate(decimal minutes, TimeUnit unit, Language language) =>
        Duration(minutes, language) + (language == Language.Chinese ? " 每" : " per ") + UnitName(unit, language);

    public static string Percent(decimal fraction) => Number(fraction * 100m) + "%";

    public static string Periods(decimal count, Language language) =>
        Number(count) + (language == Language.Chinese ? " 课时" : count == 1 ? " period" : " periods");

    public static string Ratio(decimal value, Language language) =>
        Number(Math.Round(value, 2, MidpointRounding.AwayFromZero)) + (language == Language.Chinese ? " 学生 每 教职工" : " students per staff");

    public static string Time(TimeOfDay time) => time.ToString();

    public static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bool(bool value, Language language) => language == Language.Chinese ? (value ? "是" : "否") : (value ? "true" : "false");

    /// <summary>A text value in double quotes with \" \\ \n escaped, as a policy would write it.</summary>
    public static string Text(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string None(Language language) => language == Language.Chinese ? "无" : "none";

    public static string List(IEnumerable<string> items, Language language) =>
        "{" + string.Join(language == Language.Chinese ? "、" : ", ", items) + "}";

    public static string Range(string low, string high) => low + ".." + high;
}
