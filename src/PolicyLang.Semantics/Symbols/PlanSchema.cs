using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Symbols;

/// <summary>
/// The school plan (一校一案) schema of design/data.md as PolicyLang records and enums, plus the district
/// data rows the simulator reads. Field names are the JSON names. Policies read plans as <c>plan.*</c>
/// and <c>school.*</c> (= <c>plan.school</c>).
/// </summary>
public static class PlanSchema
{
    // ------------------------------------------------------------------ enumerations
    public static readonly EnumSymbol Stage = new("stage", "学段", "School stage",
        new[] { ("primary", "小学"), ("junior", "初中"), ("nine_year", "九年一贯制"), ("complete_secondary", "完全中学") });

    public static readonly EnumSymbol SchoolLocation = new("location", "地域", "Where the school is",
        new[] { ("urban", "城区"), ("county_town", "县城"), ("township", "乡镇"), ("rural", "乡镇以下") });

    public static readonly EnumSymbol Ownership = new("ownership", "办学性质", "Public or private",
        new[] { ("public", "公办"), ("private", "民办") });

    public static readonly EnumSymbol FeePer = new("fee_per", "收费周期", "The period a fee is charged for",
        new[] { ("period", "课时"), ("day", "日"), ("month", "月"), ("semester", "学期"), ("year", "学年") },
        new[] { ("天", "day"), ("年", "year") });

    public static readonly EnumSymbol Category = new("category", "家庭类别", "Family category (for waivers and priority)",
        new[]
        {
            ("registered_poverty", "建档立卡"), ("minimum_living", "低保"), ("extreme_hardship", "特困"), ("other_hardship", "家庭经济困难"),
            ("disabled", "残疾"), ("migrant", "随迁子女"), ("left_behind", "留守儿童"), ("orphan_welfare", "福利机构监护"), ("martyr", "烈士子女"),
        });

    public static readonly EnumSymbol SegmentKind = new("segment_kind", "时段类别", "Kind of service segment",
        new[] { ("homework", "作业辅导"), ("activities", "素质活动"), ("late_care", "晚托"), ("evening_study", "晚自习"), ("lunch", "午间") });

    public static readonly EnumSymbol ActivityKind = new("activity_kind", "活动类别", "Kind of activity",
        new[]
        {
            ("homework", "作业"), ("reading", "阅读"), ("sports", "体育"), ("arts", "艺术"), ("science", "科普"), ("labor", "劳动"), ("club", "社团"),
            ("individual_tutoring", "个别辅导"), ("new_lesson", "讲授新课"), ("collective_tutoring", "集体补课"), ("commercial", "商业推广"),
        });

    public static readonly EnumSymbol ProviderKind = new("provider_kind", "人员类别", "Who delivers the service",
        new[]
        {
            ("in_service_teacher", "在职教师"), ("staff", "教职工"), ("retired_teacher", "退休教师"), ("volunteer", "志愿者"),
            ("parent_volunteer", "家长志愿者"), ("third_party", "第三方机构"),
        });

    public static readonly EnumSymbol Weekday = new("weekday", "星期", "Day of the week",
        new[] { ("mon", "周一"), ("tue", "周二"), ("wed", "周三"), ("thu", "周四"), ("fri", "周五"), ("sat", "周六"), ("sun", "周日") },
        new[] { ("星期一", "mon"), ("星期二", "tue"), ("星期三", "wed"), ("星期四", "thu"), ("星期五", "fri"), ("星期六", "sat"), ("星期日", "sun"), ("星期天", "sun") });

    public static readonly EnumSymbol Level = new("level", "层级", "Administrative level of the issuer",
        new[] { ("national", "国家"), ("province", "省"), ("city", "市"), ("district", "区"), ("county", "县") });

    public static readonly EnumSymbol RefundMode = new("refund_mode", "退费方式", "How fees are refunded when a student leaves",
        new[] { ("prorated", "按比例"), ("full", "全额"), ("none", "不退") });

    public static readonly EnumSymbol Collector = new("collector", "收费主体", "Who collects the fee",
        new[] { ("school", "学校"), ("parent_committee", "家委会"), ("third_party", "第三方机构") });

    public static IReadOnlyList<EnumSymbol> Enums { get; } = new[]
    {
        Stage, SchoolLocation, Ownership, FeePer, Category, SegmentKind, ActivityKind, ProviderKind, Weekday, Level, RefundMode, Collector,
    };

    // ------------------------------------------------------------------ records of a plan
    public static readonly RecordSymbol School = new("school", "学校", "$.school");
    public static readonly RecordSymbol Segment = new("segment", "时段", "$.service.segments[*]");
    public static readonly RecordSymbol Service = new("service", "服务安排", "$.service");
    public static readonly RecordSymbol Fee = new("fee", "收费项目", "$.fees[*]");
    public static readonly RecordSymbol Participation = new("participation", "参与情况", "$.participation");
    public static readonly RecordSymbol Activity = new("activity", "活动", "$.activities[*]");
    public static readonly RecordSymbol Provider = new("provider", "服务人员", "$.providers[*]");
    public static readonly RecordSymbol HomeworkMinutes = new("homework_minutes", "书面作业时长", "$.homework_minutes");
    public static readonly RecordSymbol Finance = new("finance", "经费", "$.finance");
    public static readonly RecordSymbol Insurance = new("insurance", "保险", "$.insurance");
    public static readonly RecordSymbol Disclosure = new("disclosure", "公示", "$.disclosure");
    public static readonly RecordSymbol Plan = new("plan", "学校方案", "$");

    // ------------------------------------------------------------------ district data rows (simulation)
    public static readonly RecordSymbol DistrictSchool = new("district_school", "学校数据", "schools");
    public static readonly RecordSymbol Cohort = new("cohort", "学生群体", "cohorts");

    public static readonly MoneyType PerStudentPerMonth = PolicyType.Money(RateBasis.PerStudent, TimeUnit.Month);
    public static readonly MoneyType PerPeriod = PolicyType.Money(RateBasis.None, TimeUnit.Period);

    public static readonly RootSymbol PlanRoot = new("plan", Plan.Type, "The school's after-school plan (一校一案), read from JSON.");
    public static readonly RootSymbol SchoolRoot = new("school", School.Type, "The school of the plan (plan.school).");
    public static readonly RootSymbol DistrictSchoolRoot = new("school", DistrictSchool.Type, "One school row of the district data (schools.csv).");
    public static readonly RootSymbol CohortsRoot = new("cohorts", PolicyType.ListOf(Cohort.Type), "The school's cohorts by grade and family category (cohorts.csv).");

    static PlanSchema()
    {
        F(School, "id", PolicyType.Text, "School identifier", "学校编号", inDistrict: true);
        F(School, "name", PolicyType.Text, "School name", "学校名称", inDistrict: true);
        F(School, "district", PolicyType.Text, "District (区/县) the school is in", "所在区县", inDistrict: true);
        F(School, "stage", Stage.Type, "School stage", "学段", inDistrict: true);
        F(School, "location", SchoolLocation.Type, "Urban, county town, township or rural", "地域", inDistrict: true);
        F(School, "ownership", Ownership.Type, "Public or private", "办学性质", inDistrict: true);
        F(School, "boarding", PolicyType.Bool, "Boarding school", "是否寄宿制", optional: true);
        F(School, "students", PolicyType.Int, "Enrolled students", "在校学生数", inDistrict: true);
        F(School, "staff", PolicyType.Int, "Teaching and other staff", "教职工数", optional: true);

        F(Segment, "name", PolicyType.Text, "Segment name", "时段名称", optional: true);
        F(Segment, "kind", SegmentKind.Type, "Segment kind", "时段类别");
        F(Segment, "start", PolicyType.Time, "Segment start", "开始时间");
        F(Segment, "end", PolicyType.Time, "Segment end", "结束时间");
        F(Segment, "duration", PolicyType.Duration, "Segment length (end − start)", "时段时长", derived: true);

        F(Service, "days", PolicyType.SetOf(Weekday.Type), "Weekdays with service", "服务日");
        F(Service, "dismissal", PolicyType.Time, "Regular dismissal time", "放学时间");
        F(Service, "segments", PolicyType.ListOf(Segment.Type), "Service segments", "服务时段");
        F(Service, "period_minutes", PolicyType.Duration, "Length of one period", "课时长度（分钟）");
        F(Service, "flexible_departure", PolicyType.Bool, "Students may leave at flexible times", "弹性离校", optional: true);
        F(Service, "evening_study", Segment.Type, "Evening study session (junior schools)", "晚自习", optional: true);
        F(Service, "start", PolicyType.Time, "Start of service: the earliest segment start", "服务开始时间（最早时段开始）", derived: true);
        F(Service, "end", PolicyType.Time, "End of service: the latest segment end (evening study aside)", "服务结束时间（最晚时段结束，不含晚自习）", derived: true);
        F(Service, "daily_duration", PolicyType.DurationPer(TimeUnit.Day), "Service time a day: end − start", "每日服务时长", derived: true);
        F(Service, "all_segments", PolicyType.ListOf(Segment.Type), "Segments plus evening study", "全部时段（含晚自习）", derived: true);

        F(Fee, "item", PolicyType.Text, "Fee item", "收费项目");
        F(Fee, "amount", PolicyType.Amount, "Amount charged per student for one 'per'", "金额（每生每周期）");
        F(Fee, "per", FeePer.Type, "The period the amount is for", "收费周期");
        F(Fee, "segment", SegmentKind.Type, "The segment the fee is for; null for the whole service", "对应时段", optional: true);
        F(Fee, "collected_by", Collector.Type, "Who collects the fee", "收费主体", optional: true);
        F(Fee, "monthly", PerStudentPerMonth, "The amount as CNY per student per month, through the calendar", "折合每生每月金额", derived: true);

        F(Participation, "voluntary", PolicyType.Bool, "Participation is voluntary", "自愿参加");
        F(Participation, "written_application", PolicyType.Bool, "Families apply in writing", "书面申请");
        F(Participation, "agreement_signed", PolicyType.Bool, "School, family and student signed the notice", "三方签字告知书", optional: true);
        F(Participation, "participants", PolicyType.Int, "Participating students", "参加学生数");
        F(Participation, "by_grade", new MapType(PolicyType.Text, PolicyType.Int), "Participants by grade", "各年级参加人数", optional: true);
        F(Participation, "by_category", new MapType(Category.Type, PolicyType.Int), "Participants by family category", "各类别参加人数", optional: true);

        F(Activity, "name", PolicyType.Text, "Activity name", "活动名称");
        F(Activity, "kind", ActivityKind.Type, "Activity kind", "活动类别");

        F(Provider, "kind", ProviderKind.Type, "Provider kind", "人员类别");
        F(Provider, "name", PolicyType.Text, "Organisation name", "机构名称", optional: true);
        F(Provider, "count", PolicyType.Int, "Number of people", "人数");
        F(Provider, "pay_per_period", PerPeriod, "Pay per period", "每课时报酬");
        F(Provider, "whitelisted", PolicyType.Bool, "On the district white list", "列入白名单", optional: true);
        F(Provider, "approved", PolicyType.Bool, "Approved by the review panel and bureau", "经评审审批", optional: true);

        F(HomeworkMinutes, "grades_1_2", PolicyType.Duration, "Written homework, grades 1–2", "一二年级书面作业时长", optional: true);
        F(HomeworkMinutes, "grades_3_6", PolicyType.Duration, "Written homework, grades 3–6", "三至六年级书面作业时长", optional: true);
        F(HomeworkMinutes, "junior", PolicyType.Duration, "Written homework, junior high", "初中书面作业时长", optional: true);

        F(Finance, "fee_revenue", PolicyType.Amount, "Fees collected in the year", "年度服务性收费");
        F(Finance, "subsidy", PolicyType.Amount, "Public subsidy received in the year", "年度财政补贴");
        F(Finance, "staff_pay", PolicyType.Amount, "Paid to staff for the service in the year", "年度参与人员报酬");
        F(Finance, "admin_pay_avg", PolicyType.Amount, "Average pay of administrative staff", "管理人员平均补助", optional: true);
        F(Finance, "teacher_pay_avg", PolicyType.Amount, "Average pay of teachers", "教师平均补助", optional: true);
        F(Finance, "management_fee", PolicyType.Amount, "Management fee taken from the service's funds", "提取的管理费", optional: true);

        F(Insurance, "school_liability", PolicyType.Bool, "School liability insurance", "校方责任险");
        F(Insurance, "staff_accident", PolicyType.Bool, "Accident insurance for service staff", "参与人员意外险");

        F(Disclosure, "published", PolicyType.Bool, "Times, content, fees published to families", "向家长公示服务事项");
        F(Disclosure, "semester_report", PolicyType.Bool, "Costs and accounts disclosed each semester", "每学期公示成本收支", optional: true);
        F(Disclosure, "annual_report", PolicyType.Bool, "Annual report to the education and finance bureaus", "年度报告", optional: true);

        F(Plan, "school", School.Type, "The school", "学校");
        F(Plan, "service", Service.Type, "Service times", "服务安排");
        F(Plan, "fees", PolicyType.ListOf(Fee.Type), "Fee items", "收费项目");
        F(Plan, "waivers", PolicyType.SetOf(Category.Type), "Categories whose fee is waived", "减免类别");
        F(Plan, "refund", RefundMode.Type, "Refund mode", "退费方式", optional: true);
        F(Plan, "participation", Participation.Type, "Participation", "参与情况");
        F(Plan, "activities", PolicyType.ListOf(Activity.Type), "Activities", "活动");
        F(Plan, "providers", PolicyType.ListOf(Provider.Type), "Who delivers the service", "服务人员");
        F(Plan, "homework_minutes", HomeworkMinutes.Type, "Written homework times", "书面作业时长");
        F(Plan, "finance", Finance.Type, "Money", "经费");
        F(Plan, "insurance", Insurance.Type, "Insurance", "保险");
        F(Plan, "disclosure", Disclosure.Type, "Disclosure", "公示");

        // District data: schools.csv (and the same table in Parquet or DuckDB).
        F(DistrictSchool, "school_id", PolicyType.Text, "School identifier", "学校编号");
        F(DistrictSchool, "id", PolicyType.Text, "School identifier (same as school_id)", "学校编号");
        F(DistrictSchool, "name", PolicyType.Text, "School name", "学校名称");
        F(DistrictSchool, "district", PolicyType.Text, "District", "所在区县");
        F(DistrictSchool, "stage", Stage.Type, "School stage", "学段");
        F(DistrictSchool, "location", SchoolLocation.Type, "Location", "地域");
        F(DistrictSchool, "ownership", Ownership.Type, "Public or private", "办学性质");
        F(DistrictSchool, "students", PolicyType.Int, "Enrolled students", "在校学生数");
        F(DistrictSchool, "participants", PolicyType.Int, "Participating students", "参加学生数");
        F(DistrictSchool, "fee_per_month", PerStudentPerMonth, "Fee the school charges", "现行收费（每生每月）");
        F(DistrictSchool, "dismissal", PolicyType.Time, "Dismissal time", "放学时间");
        F(DistrictSchool, "service_end", PolicyType.Time, "End of service", "服务结束时间");
        F(DistrictSchool, "periods_per_day", PolicyType.Int, "Periods of service a day", "每日服务课时数");

        F(Cohort, "grade", PolicyType.Text, "Grade", "年级");
        F(Cohort, "category", Category.Type, "Family category; absent for families in none ('none' in the data)", "家庭类别（无类别时为空，数据中写 none）", optional: true);
        F(Cohort, "students", PolicyType.Int, "Students in the cohort", "学生数");
        F(Cohort, "participants", PolicyType.Int, "Participants in the cohort", "参加人数");
    }

    private static void F(RecordSymbol record, string name, PolicyType type, string description, string chinese,
        bool optional = false, bool derived = false, bool inDistrict = false) =>
        record.Add(new FieldSymbol(name, type, description, chinese, optional, derived, inDistrict));

    public static IReadOnlyList<RecordSymbol> PlanRecords { get; } = new[]
    {
        Plan, School, Service, Segment, Fee, Participation, Activity, Provider, HomeworkMinutes, Finance, Insurance, Disclosure,
    };

    public static EnumSymbol? FindEnum(string name) => Enums.FirstOrDefault(e => e.Name == name || e.ChineseName == name);
}
