using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.Emit;

/// <summary>How policy types and plan fields look in generated C#.</summary>
internal static class TypeMap
{
    /// <summary>The runtime enum type of a plan enumeration.</summary>
    public static string EnumType(EnumSymbol e) => e.Name switch
    {
        "stage" => "Stage",
        "location" => "SchoolLocation",
        "ownership" => "Ownership",
        "fee_per" => "FeePer",
        "category" => "Category",
        "segment_kind" => "SegmentKind",
        "activity_kind" => "ActivityKind",
        "provider_kind" => "ProviderKind",
        "weekday" => "Weekday",
        "level" => "Level",
        "refund_mode" => "RefundMode",
        "collector" => "Collector",
        _ => throw new InvalidOperationException($"no runtime enum for {e.Name}"),
    };

    /// <summary>The <c>PlanEnums</c> member holding an enumeration's names.</summary>
    public static string EnumNames(EnumSymbol e) => e.Name switch
    {
        "location" => "PlanEnums.Location",
        _ => "PlanEnums." + EnumType(e),
    };

    public static string EnumMember(EnumMemberSymbol m) => EnumType(m.Owner) + "." + Names.Pascal(m.Name);

    public static string RecordType(RecordSymbol r) => r.Name switch
    {
        "plan" => "SchoolPlan",
        "school" => "School",
        "service" => "Service",
        "segment" => "Segment",
        "fee" => "Fee",
        "participation" => "Participation",
        "activity" => "Activity",
        "provider" => "Provider",
        "homework_minutes" => "HomeworkMinutes",
        "finance" => "Finance",
        "insurance" => "Insurance",
        "disclosure" => "Disclosure",
        "district_school" => "SchoolRow",
        "cohort" => "CohortRow",
        _ => throw new NotSupportedException($"records of {r.Name} are not part of a plan"),
    };

    /// <summary>The C# type of a value of this policy type (not nullable).</summary>
    public static string ClrType(PolicyType type) => type switch
    {
        EnumType e => EnumType(e.Symbol),
        RecordType r => RecordType(r.Symbol),
        MapType m => m.Key is EnumType k ? $"IReadOnlyDictionary<{EnumType(k.Symbol)}, int>" : "IReadOnlyDictionary<string, int>",
        CollectionType c => $"IReadOnlyList<{ClrType(c.Element)}>",
        _ => type.Kind switch
        {
            TypeKind.Bool => "bool",
            TypeKind.Time => "TimeOfDay",
            TypeKind.Date => "DateTime",
            TypeKind.Text => "string",
            _ => "decimal",
        },
    };

    public static bool IsValueType(PolicyType type) => type.Kind is not (TypeKind.Text or TypeKind.Record or TypeKind.Map or TypeKind.Set or TypeKind.List or TypeKind.Range);

    public static string Nullable(PolicyType type) => ClrType(type) + "?";

    /// <summary>
    /// How to read a plan field from its C# receiver: the member and whether the value may be absent. Whole
    /// numbers become decimals, as the interpreter holds every number.
    /// </summary>
    public static (string Template, bool Nullable) Field(FieldSymbol field)
    {
        var record = field.Owner!.Name;
        switch (record, field.Name)
        {
            case ("plan", "homework_minutes"): return ("{0}.HomeworkMinutes", false);
            case ("school", "students"): return ("(decimal){0}.Students", false);
            case ("school", "staff"): return ("(decimal?){0}.Staff", true);
            case ("segment", "duration"): return ("{0}.DurationMinutes", false);
            case ("service", "period_minutes"): return ("{0}.PeriodMinutes", false);
            case ("service", "daily_duration"): return ("{0}.DailyMinutes", false);
            case ("service", "all_segments"): return ("{0}.AllSegments", false);
            case ("fee", "per"): return ("{0}.Per", false);
            case ("fee", "collected_by"): return ("{0}.CollectedBy", true);
            case ("fee", "monthly"): return ("{0}.Rate(TimeUnit.Month, _calendar, _periodsPerDay)", false);
            case ("participation", "participants"): return ("(decimal){0}.Participants", false);
            case ("provider", "count"): return ("(decimal){0}.Count", false);
            case ("provider", "pay_per_period"): return ("{0}.PayPerPeriod", false);
            case ("homework_minutes", "grades_1_2"): return ("{0}.Grades12", true);
            case ("homework_minutes", "grades_3_6"): return ("{0}.Grades36", true);
        }
        return ("{0}." + Names.Pascal(field.Name), field.IsOptional);
    }
}
