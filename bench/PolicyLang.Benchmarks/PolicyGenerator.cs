using System.Globalization;
using System.Text;

namespace PolicyLang.Benchmarks;

/// <summary>
/// Makes a large, valid policy for the front-end benchmarks, deterministically: the same line count and
/// seed always give the same text. Every line has the shape of a line in examples/*.policy (parameters
/// with dated values, every section with many lines and 'when' conditions, rules with quantifiers and
/// aggregates, scenarios, tests with inline plans), so parse, bind and format do the work a real policy
/// asks of them. The layout is close to what `policyc fmt` prints (it re-aligns the citations).
/// </summary>
public static class PolicyGenerator
{
    public const int DefaultLines = 10_000;
    public const ulong DefaultSeed = 20210901;

    private static readonly string[] s_districts =
    {
        "和平区", "河东区", "河西区", "南开区", "河北区", "红桥区", "东丽区", "西青区", "津南区", "北辰区", "武清区", "宝坻区",
        "滨海新区", "宁河区", "静海区", "蓟州区", "市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "柳南区", "柳北区", "城中区",
    };

    private static readonly string[] s_clauses = { "一", "二.1", "二.2", "三", "三.1", "三.2", "三（二）", "四（三）", "五", "六", "七", "八", "九.2", "11" };
    private static readonly string[] s_activityKinds = { "new_lesson", "collective_tutoring", "commercial" };
    private static readonly string[] s_goodActivities = { "sports", "arts", "science", "reading", "labor", "club" };
    private static readonly string[] s_categories = { "registered_poverty", "minimum_living", "extreme_hardship", "other_hardship", "disabled", "orphan_welfare", "martyr" };
    private static readonly string[] s_insurance = { "plan.insurance.staff_accident", "plan.insurance.school_liability", "plan.disclosure.published", "plan.disclosure.semester_report", "plan.disclosure.annual_report" };
    private static readonly string[] s_descriptions =
    {
        "严禁课后服务时间讲授新课", "坚决防止将课后服务变相成为集体教学或补课", "严禁开展商业推广性质的活动", "参与课后服务工作人员应购买人身意外保险",
        "每学期末向家长公示课后服务成本、收支等有关情况", "以学校教师为主，教工为辅，社会公益力量为补充", "不得提前放学延长课后服务时间",
        "主动向家长告知服务时间、方式、内容、安全保障措施", "初中学校可在工作日晚上开设自习班", "全面落实中小学校方责任险",
    };

    /// <summary>A policy of about <paramref name="lines"/> lines (within a few percent).</summary>
    public static string Generate(int lines = DefaultLines, ulong seed = DefaultSeed)
    {
        if (lines < 200) throw new ArgumentOutOfRangeException(nameof(lines), "at least 200 lines");
        var g = new Writer(seed);
        // Shares of the file, in lines: parameters 24%, sections 22%, rules 30%, scenarios 8%, tests 16%.
        var scale = lines / 10_000.0;
        int N(double perTenThousand) => Math.Max(1, (int)Math.Round(perTenThousand * scale));

        g.Header();
        var parameters = g.Parameters(N(600));
        g.Window(N(400), parameters);
        g.Homework(N(150));
        g.Fee(N(24), N(120));
        g.Subsidy(N(150));
        g.Pay(N(150));
        g.Staffing(N(150));
        g.Eligibility(N(120));
        g.Calendar();
        var rules = g.Rules(N(1000), parameters);
        g.Scenarios(N(150), parameters);
        g.Tests(N(45), rules);
        // Top up (or the caller accepts a little over) so the count is close to the request.
        var ruleIndex = rules.Count;
        while (g.LineCount + 3 <= lines) g.ExtraRule(ruleIndex++, parameters);
        return g.ToString();
    }

    private sealed class Parameters
    {
        public List<string> Times { get; } = new();
        public List<string> Caps { get; } = new();
        public List<string> DistrictSets { get; } = new();
        public List<string> Numbers { get; } = new();
        public List<string> Shares { get; } = new();
        public List<string> Durations { get; } = new();
        public List<string> Counts { get; } = new();
        public List<string> PeriodPays { get; } = new();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new(1 << 20);
        private ulong _state;

        public Writer(ulong seed) => _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

        public int LineCount { get; private set; }

        public override string ToString() => _sb.ToString();

        // xorshift64*: a fixed algorithm, so the text never changes with the runtime's Random.
        private int Next(int bound)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return (int)((_state * 0x2545F4914F6CDD1DUL >> 33) % (ulong)bound);
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
        private string District() => Pick(s_districts);
        private string Clause() => Pick(s_clauses);
        private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        private static string Time(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

        private void Line(string text = "")
        {
            _sb.Append(text).Append('\n');
            LineCount++;
        }

        private string When(int k) => (k % 3) switch
        {
            0 => $" when school.district == \"{District()}\"",
            1 => $" when school.location == {Pick(new[] { "urban", "township", "county_town", "rural" })} and school.ownership == public",
            _ => $" when school.stage in {{primary, nine_year}} and school.district != \"{District()}\"",
        };

        public void Header()
        {
            Line("// Generated by bench/PolicyLang.Benchmarks (PolicyGenerator): a large policy for the front-end benchmarks.");
            Line("// Every line has the shape of a line in examples/*.policy; the whole file checks without errors.");
            Line();
            Line("policy generated_benchmark {");
            Line("  title     \"关于进一步做好义务教育阶段学校课后服务工作的实施意见（基准测试生成）\"");
            Line("  issuer    \"某市教育委员会 某市发展和改革委员会 某市财政局\"");
            Line("  document  \"基准〔2021〕1号\"");
            Line("  level     city");
            Line("  effective 2021-09-01 until 2026-08-31");
            Line("  applies   school.stage in {primary, junior, nine_year, complete_secondary}");
            Line("}");
        }

        public Parameters Parameters(int count)
        {
            var p = new Parameters();
            for (var k = 0; k < count; k++)
            {
                Line();
                Line($"// {Clause()}: \"结束时间原则上不早于当地正常下班时间\" — parameter {I(k)}.");
                var year = 2022 + Next(2);
                switch (k % 8)
                {
                    case 0:
                    {
                        var name = "close_time_" + I(k);
                        var t = 17 * 60 + 15 * Next(4);
                        Line($"param {name}: time = {Time(t)}");
                        Line($"  from {I(year)}-09-01: {Time(t + 15)}");
                        Line($"  from {I(year + 2)}-09-01: {Time(t + 30)} § \"{Clause()}\"");
                        p.Times.Add(name);
                        break;
                    }
                    case 1:
                    {
                        var name = "fee_cap_" + I(k);
                        var v = 80 + 10 * Next(12);
                        Line($"param {name}: CNY per student per month = {I(v)} CNY per student per month");
                        Line($"  from {I(year)}-09-01: {I(v + 20)} CNY per student per month § \"{Clause()}\"");
                        p.Caps.Add(name);
                        break;
                    }
                    case 2:
                    {
                        var name = "districts_" + I(k);
                        Line($"param {name}: set of text = {{\"{District()}\", \"{District()}\", \"{District()}\"}} § \"{Clause()}\"");
                        p.DistrictSets.Add(name);
                        break;
                    }
                    case 3:
                    {
                        var name = "teacher_ratio_" + I(k);
                        Line($"param {name}: number = {I(2 + Next(3))}");
                        Line($"  from {I(year)}-01-01: {I(3 + Next(3))} § \"{Clause()}\"");
                        p.Numbers.Add(name);
                        break;
                    }
                    case 4:
                    {
                        var name = "staff_share_" + I(k);
                        var v = 60 + 5 * Next(6);
                        Line($"param {name}: percent = {I(v)}%");
                        Line($"  from {I(year)}-01-01: {I(v + 5)}% § \"{Clause()}\"");
                        p.Shares.Add(name);
                        break;
                    }
                    case 5:
                    {
                        var name = "homework_limit_" + I(k);
                        Line($"param {name}: duration = {I(30 + 10 * Next(6))} min § \"{Clause()}\"");
                        p.Durations.Add(name);
                        break;
                    }
                    case 6:
                    {
                        var name = "min_activities_" + I(k);
                        Line($"param {name}: int = {I(1 + Next(3))} § \"{Clause()}\"");
                        p.Counts.Add(name);
                        break;
                    }
                    default:
                    {
                        var name = "period_pay_" + I(k);
                        var v = 40 + 10 * Next(6);
                        Line($"param {name}: CNY per period = {I(v)} CNY per period");
                        Line($"  from {I(year)}-09-01: {I(v + 10)} CNY per period § \"{Clause()}\"");
                        p.PeriodPays.Add(name);
                        break;
                    }
                }
            }
            return p;
        }

        public void Window(int count, Parameters p)
        {
            Line();
            Line("window {");
            Line($"  days     mon..fri                 § \"{Clause()}\"");
            Line($"  at least 2 h per day              § \"{Clause()}\"");
            Line($"  segment  homework 15:30..16:30    § \"{Clause()}\"");
            Line($"  segment  activities 16:30..17:30  § \"{Clause()}\"");
            Line($"  segment  late_care 17:30..18:30   § \"{Clause()}\"");
            Line($"  end      not after 20:30 for evening_study § \"{Clause()}\"");
            for (var k = 0; k < count; k++)
            {
                switch (k % 4)
                {
                    case 0:
                        Line($"  end      d{I(k)}: not before {Pick(p.Times)}{When(k)} § \"{Clause()}\"");
                        break;
                    case 1:
                        Line($"  end      d{I(k)}: not before {Time(17 * 60 + 30 * Next(3))} when school.district in {Pick(p.DistrictSets)} § \"{Clause()}\"");
                        break;
                    case 2:
                        Line($"  start    s{I(k)}: not after {Time(15 * 60 + 10 * Next(6))}{When(k)} § \"{Clause()}\"");
                        break;
                    default:
                        Line($"  end      d{I(k)}: not after {Time(19 * 60 + 30 * Next(3))} for late_care{When(k)} § \"{Clause()}\"");
                        break;
                }
            }
            Line("}");
        }

        public void Homework(int count)
        {
            Line();
            Line("homework {");
            Line($"  grades_1_2 at most 0 min  § \"{Clause()}\"");
            for (var k = 0; k < count; k++)
            {
                var band = k % 2 == 0 ? "grades_3_6" : "junior";
                var limit = band == "junior" ? 90 : 60;
                Line($"  {band} at most {I(limit - 10 * Next(3))} min{When(k)} § \"{Clause()}\"");
            }
            Line("}");
        }

        public void Fee(int caps, int others)
        {
            Line();
            Line("fee {");
            Line($"  cap    base: 120 CNY per student per month § \"{Clause()}\"");
            Line($"  cap    evening: 100 CNY per student per month for evening_study § \"{Clause()}\"");
            // Exceptions to the base cap, one district each: no two can apply to one school.
            for (var k = 0; k < caps; k++)
            {
                var district = k < s_districts.Length ? s_districts[k] : "示范区" + I(k);
                Line($"  cap    d{I(k)}: {I(100 + 10 * Next(10))} CNY per student per month when school.district == \"{district}\" exception to base § \"{Clause()}\"");
            }
            for (var k = 0; k < others; k++)
            {
                switch (k % 3)
                {
                    case 0:
                        Line($"  waive  {Pick(s_categories)}{When(k)} § \"{Clause()}\"");
                        break;
                    case 1:
                        Line($"  waive  {Pick(s_categories)} partial {I(30 + 10 * Next(5))}%{When(k)} § \"{Clause()}\"");
                        break;
                    default:
                        Line($"  collected_by school{When(k)} § \"{Clause()}\"");
                        break;
                }
            }
            Line($"  refund prorated § \"{Clause()}\"");
            Line("}");
        }

        public void Subsidy(int count)
        {
            Line();
            Line("subsidy {");
            for (var k = 0; k < count; k++)
            {
                if (k % 3 == 2)
                    Line($"  s{I(k)}: {I(10 + 10 * Next(4))}% of family_payments{When(k)} § \"{Clause()}\"");
                else
                    Line($"  s{I(k)}: {I(1 + Next(3))} CNY per student per day{When(k)} § \"{Clause()}\"");
            }
            Line("}");
        }

        public void Pay(int count)
        {
            Line();
            Line("pay {");
            Line($"  staff_share at least 80% of fees + subsidies § \"{Clause()}\"");
            Line($"  forbid      management_fee § \"{Clause()}\"");
            for (var k = 0; k < count; k++)
            {
                if (k % 2 == 0)
                    Line($"  {Pick(new[] { "in_service_teacher", "retired_teacher", "third_party" })} at least {I(40 + 10 * Next(5))} CNY per period{When(k)} § \"{Clause()}\"");
                else
                    Line($"  admin_pay_avg at most teacher_pay_avg{When(k)} § \"{Clause()}\"");
            }
            Line("}");
        }

        public void Staffing(int count)
        {
            Line();
            Line("staffing {");
            for (var k = 0; k < count; k++)
            {
                switch (k % 3)
                {
                    case 0:
                        Line($"  require whitelisted for third_party{When(k)} § \"{Clause()}\"");
                        break;
                    case 1:
                        Line($"  require approved for third_party{When(k)} § \"{Clause()}\"");
                        break;
                    default:
                        Line($"  ratio at most {I(15 + 5 * Next(4))} students per teacher{When(k)} § \"{Clause()}\"");
                        break;
                }
            }
            Line("}");
        }

        public void Eligibility(int count)
        {
            Line();
            Line("eligibility {");
            Line($"  priority disabled, migrant, left_behind, other_hardship § \"{Clause()}\"");
            Line($"  forbid   compulsory § \"{Clause()}\"");
            for (var k = 0; k < count; k++)
                Line($"  require  {Pick(new[] { "voluntary", "written_application", "agreement_signed" })}{When(k)} § \"{Clause()}\"");
            Line("}");
        }

        public void Calendar()
        {
            Line();
            Line("calendar {");
            Line("  school_months   10");
            Line("  semesters       2");
            Line("  school_days     190");
            Line("  periods_per_day 2");
            Line("}");
        }

        public List<string> Rules(int count, Parameters p)
        {
            var names = new List<string>();
            for (var k = 0; k < count; k++) names.Add(Rule(k, p));
            return names;
        }

        public void ExtraRule(int k, Parameters p) => Rule(k, p);

        private string Rule(int k, Parameters p)
        {
            var name = "rule_" + I(k);
            var description = Pick(s_descriptions);
            var severity = k % 7 == 3 ? " warning" : string.Empty;
            Line();
            Line($"rule {name} \"{description}\" § \"{Clause()}\"{severity}");
            if (k % 5 == 4) Line($"  when school.district in {Pick(p.DistrictSets)}");
            switch (k % 14)
            {
                case 0:
                    Line($"  forbid any a in plan.activities where a.kind == {Pick(s_activityKinds)}");
                    break;
                case 1:
                    Line("  forbid any a in plan.activities where a.kind in {new_lesson, collective_tutoring}");
                    break;
                case 2:
                    Line($"  require sum(p.count for p in plan.providers where p.kind in {{in_service_teacher, staff}}) * {Pick(p.Numbers)} >= sum(p.count for p in plan.providers)");
                    break;
                case 3:
                    Line($"  require {Pick(s_insurance)}");
                    break;
                case 4:
                    Line($"  require plan.service.dismissal not before {Pick(p.Times)}");
                    break;
                case 5:
                    Line("  forbid any s in plan.service.all_segments where s.kind == evening_study and not (school.stage in {junior, nine_year, complete_secondary})");
                    break;
                case 6:
                    Line($"  require count(a for a in plan.activities where a.kind in {{{Pick(s_goodActivities)}, {Pick(s_goodActivities)}}}) >= {Pick(p.Counts)}");
                    break;
                case 7:
                    Line($"  require all s in plan.service.segments satisfy s.end not after {Pick(p.Times)}");
                    break;
                case 8:
                    Line($"  require plan.finance.staff_pay >= plan.finance.fee_revenue * {Pick(p.Shares)}");
                    break;
                case 9:
                    Line($"  require all f in plan.fees satisfy f.monthly at most {Pick(p.Caps)}");
                    break;
                case 10:
                    Line("  require if school.location == urban then plan.service.end not before 18:00 else plan.service.end not before 17:30");
                    break;
                case 11:
                    Line($"  require no a in plan.activities where a.kind == {Pick(s_activityKinds)}");
                    break;
                case 12:
                    Line($"  require plan.homework_minutes.grades_3_6 at most {Pick(p.Durations)}");
                    break;
                default:
                    Line($"  require all p in plan.providers where p.kind == in_service_teacher satisfy p.pay_per_period at least {Pick(p.PeriodPays)}");
                    break;
            }
            return name;
        }

        public void Scenarios(int count, Parameters p)
        {
            for (var k = 0; k < count; k++)
            {
                Line();
                Line($"scenario scenario_{I(k)} \"收费上限与结束时间调整方案 {I(k)}\" {{");
                Line($"  set {Pick(p.Times)} = {Time(18 * 60 + 15 * Next(4))}");
                Line($"  set fee.cap.d{I(Next(3))} = {I(100 + 10 * Next(8))} CNY per student per month");
                if (k % 2 == 0) Line($"  set {Pick(p.Shares)} = {I(70 + 5 * Next(4))}%");
                Line($"  assume participation elasticity -0.{I(1 + Next(4))}");
                Line("}");
            }
        }

        public void Tests(int count, List<string> rules)
        {
            for (var k = 0; k < count; k++)
            {
                var district = District();
                var compliant = k % 2 == 0;
                Line();
                Line($"test \"{district}示例学校 {I(k)}\" {{");
                Line("  given plan {");
                Line("    \"school\": {");
                Line($"      \"id\": \"GEN-{k.ToString("D4", CultureInfo.InvariantCulture)}\",");
                Line($"      \"name\": \"{district}示例小学\",");
                Line($"      \"district\": \"{district}\",");
                Line("      \"stage\": \"primary\",");
                Line($"      \"location\": \"{Pick(new[] { "urban", "township", "county_town" })}\",");
                Line("      \"ownership\": \"public\",");
                Line($"      \"students\": {I(600 + 100 * Next(20))}");
                Line("    },");
                Line("    \"service\": {");
                Line("      \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],");
                Line("      \"dismissal\": \"15:40\",");
                Line("      \"segments\": [");
                Line("        { \"name\": \"作业辅导\", \"kind\": \"homework\", \"start\": \"15:40\", \"end\": \"16:40\" },");
                Line("        { \"name\": \"社团活动\", \"kind\": \"activities\", \"start\": \"16:40\", \"end\": \"17:40\" }");
                Line("      ],");
                Line("      \"period_minutes\": 40");
                Line("    },");
                Line($"    \"fees\": [{{ \"item\": \"课后服务费\", \"amount\": {I(compliant ? 100 : 200)}, \"per\": \"month\", \"segment\": null }}],");
                Line("    \"waivers\": [\"other_hardship\", \"minimum_living\"],");
                Line("    \"participation\": { \"voluntary\": true, \"written_application\": true, \"participants\": 540 },");
                Line("    \"activities\": [{ \"name\": \"篮球\", \"kind\": \"sports\" }, { \"name\": \"科普\", \"kind\": \"science\" }],");
                Line("    \"providers\": [{ \"kind\": \"in_service_teacher\", \"count\": 40, \"pay_per_period\": 70 }],");
                Line("    \"homework_minutes\": { \"grades_1_2\": 0, \"grades_3_6\": 45 },");
                Line("    \"finance\": { \"fee_revenue\": 540000, \"subsidy\": 0, \"staff_pay\": 450000 },");
                Line("    \"insurance\": { \"school_liability\": true, \"staff_accident\": true },");
                Line("    \"disclosure\": { \"published\": true }");
                Line("  }");
                Line(compliant ? "  expect compliant" : $"  expect violation fee.cap.base, {Pick(rules)}, {Pick(rules)}");
                Line("}");
            }
        }
    }
}
