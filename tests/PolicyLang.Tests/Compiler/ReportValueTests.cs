using System.Text.RegularExpressions;
using PolicyLang.Emit;
using PolicyLang.Runtime;
using PolicyLang.Runtime.Compiled;
using Xunit;

namespace PolicyLang.Tests.Compiler;

/// <summary>
/// The values a report shows: kept unformatted (and small) until read, written in either language; and the
/// values a rule compares are computed once, for the check and for the report.
/// </summary>
public class ReportValueTests
{
    private static readonly RuleInfo s_rule = new("fee.cap", "fee.cap", "四（三）", "fee within the cap", "收费不超过上限", Severity.Error, "p");

    [Fact]
    public void A_violation_without_a_subject_or_limit_says_so()
    {
        var v = new Violation(s_rule, null, Show.Money(120m, RateBasis.PerStudent, TimeUnit.Month), null);
        Assert.Null(v.Subject);
        Assert.Null(v.Limit);
        Assert.Equal("120 CNY per student per month", v.Actual!.Value.English);
        Assert.False(default(ShownValue).IsPresent);
        Assert.Equal("", default(ShownValue).English);
    }

    [Fact]
    public void The_collector_reports_every_violation_in_order_and_nothing_of_the_plan_before()
    {
        Violation V(int n) => new(s_rule, Show.Number(n), null, null);
        Assert.Same(ValidationReport.Compliant, new ViolationCollector().ToReport());
        var many = new ViolationCollector();
        for (var n = 0; n < 40; n++) many.Add(V(n));
        var first = many.ToReport();
        Assert.Equal(Enumerable.Range(0, 40).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), first.Violations.Select(v => v.Subject!.Value.English));
        var next = new ViolationCollector();
        next.Add(V(99));
        var second = next.ToReport();
        Assert.Equal("99", Assert.Single(second.Violations).Subject!.Value.English);
        Assert.Equal(40, first.Violations.Count);
        Assert.False(second.IsCompliant);
    }

    [Fact]
    public void A_shown_value_takes_32_bytes()
    {
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<ShownValue>());
    }

    [Fact]
    public void Names_enumeration_members_yes_no_and_ranges_show_in_both_languages()
    {
        Assert.Equal("\"篮球\"", Show.Text("篮球").English);
        Assert.Equal(Show.Text("篮球").English, Show.Text("篮球").Chinese);
        Assert.Equal("late_care", Show.Enum((SegmentKind?)SegmentKind.LateCare, PlanEnums.SegmentKind).English);
        Assert.Equal("晚托", Show.Enum((SegmentKind?)SegmentKind.LateCare, PlanEnums.SegmentKind).Chinese);
        Assert.NotEqual(Show.Bool(true).English, Show.Bool(false).English);
        Assert.Equal(Show.None.Chinese, Show.Enum((SegmentKind?)null, PlanEnums.SegmentKind).Chinese);
        var range = Show.Range(Show.Time(new TimeOfDay(16 * 60 + 40)), Show.Time(new TimeOfDay(17 * 60 + 20)));
        Assert.Equal(ValueText.Range("16:40", "17:20"), range.English);
        var money = Show.Range(Show.Money(100m, RateBasis.PerStudent, TimeUnit.Month), Show.Money(120m, RateBasis.PerStudent, TimeUnit.Month));
        Assert.Equal(ValueText.Range("100 CNY per student per month", "120 CNY per student per month"), money.English);
    }

    [Fact]
    public void A_compared_value_is_computed_once_for_the_check_and_the_report()
    {
        var compilation = TestHelpers.Compile(File.ReadAllText(Repo.Path("examples", "zaozhuang-shizhong-2019.policy")), Repo.Path("examples", "zaozhuang-shizhong-2019.policy"));
        Assert.False(compilation.HasErrors, TestHelpers.Render(compilation.Diagnostics));
        var source = PolicyEmitter.Emit(compilation.Policy).Source;
        var feeCap = Regex.Match(source, @"// fee\.cap\r?\n(.*?)// fee\.waive", RegexOptions.Singleline).Groups[1].Value;
        Assert.Single(Regex.Matches(feeCap, @"\.Rate\("));
        Assert.Contains("Show.Money((decimal?)h", feeCap);
    }
}
