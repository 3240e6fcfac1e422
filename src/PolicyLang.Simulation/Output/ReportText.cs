namespace PolicyLang.Simulation.Output;

/// <summary>The words of the HTML report in one language.</summary>
internal sealed class ReportText
{
    private ReportText(Language language) => Language = language;

    public Language Language { get; }
    public bool Chinese => Language == Language.Chinese;

    public static ReportText For(Language language) => new(language);

    private string T(string english, string chinese) => Chinese ? chinese : english;

    private static string N(int count) => ReportFormat.Count(count);

    public string HtmlLang => T("en", "zh-CN");
    public string Eyebrow => T("After-school service policy simulation", "课后服务政策模拟");
    public string PageTitle(string policy) => T($"{policy} — simulation report", $"{policy} — 模拟报告");
    public string DataSource => T("Data", "数据来源");
    public string Schools => T("Schools", "学校");
    public string Districts => T("Districts", "区县");
    public string ScenarioCount => T("Scenarios", "情景");
    public string SweepOf => T("Sweep of", "扫描参数");
    public string MoneyNote => T("Money is in CNY per school year unless marked otherwise.", "除另有标注外，金额单位均为元/学年。");
    public string None => T("none", "无");
    public string NotApplicable => "—";

    public string Baseline => T("Baseline", "基线");
    public string Scenario => T("Scenario", "情景");
    public string Total => T("Total", "合计");

    // Measures
    public string Participants => T("Participants", "参与学生");
    public string FamilyPayments => T("Family payments", "家庭缴费");
    public string SubsidyCost => T("Subsidy cost", "财政补助");
    public string SchoolRevenue => T("School revenue", "学校收入");
    public string StaffPool => T("Staff pool", "人员报酬总额");
    public string NoncompliantSchools => T("Non-compliant schools", "不合规学校");
    public string MoneyUnit => T("CNY / school year", "元/学年");
    public string PeopleUnit => T("students", "人");
    public string SchoolUnit => T("schools", "所");
    public string SchoolUnitLong => T("schools", "所学校");

    // Headline
    public string Headline => T("At a glance", "要点");
    public string HeadlineIntro(string scenario) => T($"{scenario} against the baseline.", $"{scenario} 与基线相比。");
    public string FromTo(string from, string to) => T($"{from} → {to}", $"{from} → {to}");
    public string NewlyNoncompliant => T("Newly non-compliant schools", "新增不合规学校");

    // Totals
    public string TotalsTitle => T("Totals", "总量");
    public string TotalsIntro => T(
        "Every scenario against the baseline: the total over all schools, and below it the change from the baseline and the change in percent.",
        "各情景与基线对比：全部学校的合计，下方为相对基线的变化量与变化率。");
    public string BaselineOnly => T(
        "Only the baseline was simulated, so there is nothing to compare it with.",
        "仅模拟了基线，没有可与之比较的情景。");

    // Sweep
    public string SweepTitle(string parameter) => T($"Sweep of {parameter}", $"参数扫描：{parameter}");
    public string SweepIntro(string parameter) => T(
        $"Family payments, subsidy cost and staff pool in each scenario of the sweep, against the value of {parameter}.",
        $"参数 {parameter} 取不同值时的家庭缴费、财政补助与人员报酬总额。");
    public string BaselineLines => T("Baseline (thin lines)", "基线（细线）");
    public string SweepNoValues => T("The scenarios carry no swept values to plot.", "各情景没有可绘制的扫描取值。");

    // Distribution
    public string DistributionTitle => T("Distribution", "分布");
    public string DistributionIntro(string scenario) => T(
        $"Baseline against {scenario}, by district and by location.",
        $"基线与 {scenario} 对比，按区县和地域划分。");
    public string DistributionBaselineOnly => T("The baseline, by district and by location.", "基线，按区县和地域划分。");
    public string ByDistrict => T("by district", "按区县");
    public string ByLocation => T("by location", "按地域");
    public string ByStage => T("by stage", "按学段");
    public string ChartTitle(string measure, string by) => T($"{measure} {by}", $"{measure}（{by}）");
    public string District => T("District", "区县");
    public string Location => T("Location", "地域");
    public string Stage => T("Stage", "学段");
    public string OtherDistricts(int count) => T($"Other {count} districts", $"其他 {count} 个区县");
    public string LargestShown(int shown, int count) => T(
        $"The {shown} districts with the largest change are shown, of {count}; the rest are summed in one row.",
        $"共 {count} 个区县，列出变化最大的 {shown} 个，其余合并为一行。");
    public string TopShown(int shown, int count) => T(
        $"The district charts show the {shown} districts with the most baseline school revenue, of {count}.",
        $"区县图表显示基线学校收入最高的 {shown} 个区县（共 {count} 个）。");

    // Who gains and who loses
    public string GainsTitle => T("Who gains and who loses", "谁受益，谁受损");
    public string GainsIntro => T(
        "School by school against the baseline: what families pay per participant, which schools fall out of compliance, and where the staff pool moves.",
        "逐校与基线比较：每名参与学生的家庭缴费、新增不合规学校，以及人员报酬总额的变化。");
    public string VersusBaseline(string scenario) => T($"{scenario} against the baseline", $"{scenario} 与基线对比");
    public string PerParticipantTitle => T("Family payments per participant", "每名参与学生的家庭缴费");
    public string PayMore => T("Families pay more", "家庭多缴");
    public string PayLess => T("Families pay less", "家庭少缴");
    public string PaySame => T("No change", "不变");
    public string ShareOfSchools => T("Share of schools", "学校占比");
    public string ParticipantsBaseline => T("Participants (baseline)", "参与学生（基线）");
    public string AverageChange => T("Average change per participant (CNY / school year)", "人均变化（元/学年）");
    public string NoncompliantTitle => T("Schools newly non-compliant", "新增不合规学校");
    public string NoneNewlyNoncompliant => T("No school falls out of compliance.", "没有学校新变为不合规。");
    public string NewlyNoncompliantCount(int count) => T(
        $"{N(count)} schools comply in the baseline but not in this scenario.",
        $"{N(count)} 所学校在基线下合规，在此情景下不合规。");
    public string NoLongerNoncompliant(int count) => T(
        $"{N(count)} schools are non-compliant in the baseline but comply in this scenario.",
        $"{N(count)} 所学校在基线下不合规，在此情景下合规。");
    public string ListedOf(int shown, int count) => T($"The first {shown} of {N(count)} are listed.", $"列出 {N(count)} 所中的前 {shown} 所。");
    public string School => T("School", "学校");
    public string SchoolId => T("ID", "编号");
    public string FeeToday => T("Fee today (CNY / month)", "现行收费（元/月）");
    public string Cap => T("Cap (CNY / month)", "限价（元/月）");
    public string StaffPoolChangeTitle => T("Staff pool change", "人员报酬总额变化");
    public string Change => T("Change", "变化");
    public string ChangePercent => T("Change %", "变化率");
    public string ScenariosDetailed(int shown, int count) => T(
        $"The first {shown} of {count} scenarios are detailed.",
        $"共 {count} 个情景，详列前 {shown} 个。");
    public string Footer => T("Generated by PolicyLang (policyc simulate).", "由 PolicyLang（policyc simulate）生成。");

    public string LocationName(SchoolLocation location) => Chinese
        ? PlanEnums.Location.Chinese(location)
        : location switch
        {
            SchoolLocation.Urban => "Urban",
            SchoolLocation.CountyTown => "County town",
            SchoolLocation.Township => "Township",
            _ => "Rural",
        };

    public string StageName(PolicyLang.Runtime.Stage stage) => Chinese
        ? PlanEnums.Stage.Chinese(stage)
        : stage switch
        {
            PolicyLang.Runtime.Stage.Primary => "Primary",
            PolicyLang.Runtime.Stage.Junior => "Junior secondary",
            PolicyLang.Runtime.Stage.NineYear => "Nine-year",
            _ => "Complete secondary",
        };

    /// <summary>An axis title for money shown in units of <paramref name="scale"/> CNY.</summary>
    public string MoneyAxis(decimal scale) => (Chinese, scale) switch
    {
        (true, 100_000_000m) => "亿元/学年",
        (true, 10_000m) => "万元/学年",
        (true, _) => "元/学年",
        (false, 1_000_000_000m) => "billion CNY per school year",
        (false, 1_000_000m) => "million CNY per school year",
        (false, 1_000m) => "thousand CNY per school year",
        _ => "CNY per school year",
    };
}
