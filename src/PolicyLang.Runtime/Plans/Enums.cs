namespace PolicyLang.Runtime;

public enum Stage { Primary, Junior, NineYear, CompleteSecondary }
public enum SchoolLocation { Urban, CountyTown, Township, Rural }
public enum Ownership { Public, Private }
public enum FeePer { Period, Day, Month, Semester, Year }
public enum Category { RegisteredPoverty, MinimumLiving, ExtremeHardship, OtherHardship, Disabled, Migrant, LeftBehind, OrphanWelfare, Martyr }
public enum SegmentKind { Homework, Activities, LateCare, EveningStudy, Lunch }
public enum ActivityKind { Homework, Reading, Sports, Arts, Science, Labor, Club, IndividualTutoring, NewLesson, CollectiveTutoring, Commercial }
public enum ProviderKind { InServiceTeacher, Staff, RetiredTeacher, Volunteer, ParentVolunteer, ThirdParty }
public enum Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun }
public enum RefundMode { Prorated, Full, None }
public enum Collector { School, ParentCommittee, ThirdParty }
public enum Level { National, Province, City, District, County }

/// <summary>The JSON (English) and Chinese names of an enumeration's members, in declaration order.</summary>
public sealed class EnumNames<T> where T : struct, Enum
{
    private readonly string[] _json;
    private readonly string[] _chinese;
    private readonly TextPair[] _pairs;
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    internal EnumNames(string schemaName, string chineseSchemaName, string[] json, string[] chinese)
    {
        SchemaName = schemaName;
        ChineseSchemaName = chineseSchemaName;
        _json = json;
        _chinese = chinese;
        var values = (T[])Enum.GetValues(typeof(T));
        if (Enum.GetUnderlyingType(typeof(T)) != typeof(int)) throw new ArgumentException($"{typeof(T).Name} is not an int enumeration");
        _pairs = new TextPair[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (Index(values[i]) != i) throw new ArgumentException($"{typeof(T).Name} members are not numbered 0, 1, 2, …");
            _pairs[i] = new TextPair(json[i], chinese[i]);
            _byName[json[i]] = values[i];
            _byName[chinese[i]] = values[i];
        }
    }

    /// <summary>The enumeration's name in the plan schema (stage, location, …).</summary>
    public string SchemaName { get; }
    public string ChineseSchemaName { get; }
    public IReadOnlyList<string> JsonNames => _json;
    public IReadOnlyList<string> ChineseNames => _chinese;

    public string Json(T value) => _json[Index(value)];
    public string Chinese(T value) => _chinese[Index(value)];

    /// <summary>Both names of a member, shared (reports keep it without copying).</summary>
    internal TextPair Pair(T value) => _pairs[Index(value)];

    /// <summary>The member's number, without boxing it (the enumerations here are int-based, numbered from 0).</summary>
#if NET
    private static int Index(T value) => System.Runtime.CompilerServices.Unsafe.As<T, int>(ref value);
#else
    private static int Index(T value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
#endif
    public string Text(T value, Language language) => language == Language.Chinese ? Chinese(value) : Json(value);

    /// <summary>Reads a member by its JSON name or its Chinese name.</summary>
    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value);
}

/// <summary>Names of every plan enumeration (design/data.md).</summary>
public static class PlanEnums
{
    public static readonly EnumNames<Stage> Stage = new("stage", "学段",
        new[] { "primary", "junior", "nine_year", "complete_secondary" }, new[] { "小学", "初中", "九年一贯制", "完全中学" });
    public static readonly EnumNames<SchoolLocation> Location = new("location", "地域",
        new[] { "urban", "county_town", "township", "rural" }, new[] { "城区", "县城", "乡镇", "乡镇以下" });
    public static readonly EnumNames<Ownership> Ownership = new("ownership", "办学性质",
        new[] { "public", "private" }, new[] { "公办", "民办" });
    public static readonly EnumNames<FeePer> FeePer = new("fee_per", "收费周期",
        new[] { "period", "day", "month", "semester", "year" }, new[] { "课时", "日", "月", "学期", "学年" });
    public static readonly EnumNames<Category> Category = new("category", "家庭类别",
        new[] { "registered_poverty", "minimum_living", "extreme_hardship", "other_hardship", "disabled", "migrant", "left_behind", "orphan_welfare", "martyr" },
        new[] { "建档立卡", "低保", "特困", "家庭经济困难", "残疾", "随迁子女", "留守儿童", "福利机构监护", "烈士子女" });
    public static readonly EnumNames<SegmentKind> SegmentKind = new("segment_kind", "时段类别",
        new[] { "homework", "activities", "late_care", "evening_study", "lunch" }, new[] { "作业辅导", "素质活动", "晚托", "晚自习", "午间" });
    public static readonly EnumNames<ActivityKind> ActivityKind = new("activity_kind", "活动类别",
        new[] { "homework", "reading", "sports", "arts", "science", "labor", "club", "individual_tutoring", "new_lesson", "collective_tutoring", "commercial" },
        new[] { "作业", "阅读", "体育", "艺术", "科普", "劳动", "社团", "个别辅导", "讲授新课", "集体补课", "商业推广" });
    public static readonly EnumNames<ProviderKind> ProviderKind = new("provider_kind", "人员类别",
        new[] { "in_service_teacher", "staff", "retired_teacher", "volunteer", "parent_volunteer", "third_party" },
        new[] { "在职教师", "教职工", "退休教师", "志愿者", "家长志愿者", "第三方机构" });
    public static readonly EnumNames<Weekday> Weekday = new("weekday", "星期",
        new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }, new[] { "周一", "周二", "周三", "周四", "周五", "周六", "周日" });
    public static readonly EnumNames<RefundMode> RefundMode = new("refund_mode", "退费方式",
        new[] { "prorated", "full", "none" }, new[] { "按比例", "全额", "不退" });
    public static readonly EnumNames<Collector> Collector = new("collector", "收费主体",
        new[] { "school", "parent_committee", "third_party" }, new[] { "学校", "家委会", "第三方机构" });
    public static readonly EnumNames<Level> Level = new("level", "层级",
        new[] { "national", "province", "city", "district", "county" }, new[] { "国家", "省", "市", "区", "县" });
}
