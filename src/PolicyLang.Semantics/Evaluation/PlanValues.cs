using PolicyLang.Symbols;

namespace PolicyLang.Evaluation;

/// <summary>Turns a <see cref="SchoolPlan"/> into the record values the evaluator reads.</summary>
public static class PlanValues
{
    private static EnumMemberSymbol Member(EnumSymbol symbol, string name) => symbol.Lookup(name) ?? throw new InvalidOperationException($"{symbol.Name} has no member {name}");

    private static object? Opt<T>(T? value) where T : struct => value.HasValue ? (object)value.Value : null;

    public static RecordValue FromPlan(SchoolPlan plan)
    {
        var root = new RecordValue(PlanSchema.Plan);
        root["school"] = FromSchool(plan.School);
        root["service"] = FromService(plan.Service);
        root["fees"] = plan.Fees.Select(f => (object?)FromFee(f)).ToList();
        root["waivers"] = plan.Waivers.Select(c => (object?)Member(PlanSchema.Category, PlanEnums.Category.Json(c))).ToList();
        root["refund"] = plan.Refund is { } r ? Member(PlanSchema.RefundMode, PlanEnums.RefundMode.Json(r)) : null;
        var p = plan.Participation;
        root["participation"] = new RecordValue(PlanSchema.Participation)
        {
            ["voluntary"] = p.Voluntary,
            ["written_application"] = p.WrittenApplication,
            ["agreement_signed"] = Opt(p.AgreementSigned),
            ["participants"] = (decimal)p.Participants,
            ["by_grade"] = p.ByGrade?.ToDictionary(kv => kv.Key, kv => (object?)(decimal)kv.Value, StringComparer.Ordinal),
            ["by_category"] = p.ByCategory?.ToDictionary(kv => PlanEnums.Category.Json(kv.Key), kv => (object?)(decimal)kv.Value, StringComparer.Ordinal),
        };
        root["activities"] = plan.Activities.Select(a => (object?)new RecordValue(PlanSchema.Activity)
        {
            ["name"] = a.Name,
            ["kind"] = Member(PlanSchema.ActivityKind, PlanEnums.ActivityKind.Json(a.Kind)),
        }).ToList();
        root["providers"] = plan.Providers.Select(v => (object?)new RecordValue(PlanSchema.Provider)
        {
            ["kind"] = Member(PlanSchema.ProviderKind, PlanEnums.ProviderKind.Json(v.Kind)),
            ["name"] = v.Name,
            ["count"] = (decimal)v.Count,
            ["pay_per_period"] = v.PayPerPeriod,
            ["whitelisted"] = Opt(v.Whitelisted),
            ["approved"] = Opt(v.Approved),
        }).ToList();
        root["homework_minutes"] = new RecordValue(PlanSchema.HomeworkMinutes)
        {
            ["grades_1_2"] = Opt(plan.HomeworkMinutes.Grades12),
            ["grades_3_6"] = Opt(plan.HomeworkMinutes.Grades36),
            ["junior"] = Opt(plan.HomeworkMinutes.Junior),
        };
        var f = plan.Finance;
        root["finance"] = new RecordValue(PlanSchema.Finance)
        {
            ["fee_revenue"] = f.FeeRevenue,
            ["subsidy"] = f.Subsidy,
            ["staff_pay"] = f.StaffPay,
            ["admin_pay_avg"] = Opt(f.AdminPayAvg),
            ["teacher_pay_avg"] = Opt(f.TeacherPayAvg),
            ["management_fee"] = Opt(f.ManagementFee),
        };
        root["insurance"] = new RecordValue(PlanSchema.Insurance)
        {
            ["school_liability"] = plan.Insurance.SchoolLiability,
            ["staff_accident"] = plan.Insurance.StaffAccident,
        };
        root["disclosure"] = new RecordValue(PlanSchema.Disclosure)
        {
            ["published"] = plan.Disclosure.Published,
            ["semester_report"] = Opt(plan.Disclosure.SemesterReport),
            ["annual_report"] = Opt(plan.Disclosure.AnnualReport),
        };
        return root;
    }

    // ------------------------------------------------------------------ district data (simulation)

    /// <summary>School i of the district data as the record measures read (schools.csv's columns), and its cohorts.</summary>
    public static (RecordValue School, List<object?> Cohorts) FromDistrict(Simulation.Data.DistrictData data, int i)
    {
        var school = new RecordValue(PlanSchema.DistrictSchool)
        {
            ["school_id"] = data.SchoolId[i],
            ["id"] = data.SchoolId[i],
            ["name"] = data.Name[i],
            ["district"] = data.District[i],
            ["stage"] = Member(PlanSchema.Stage, PlanEnums.Stage.Json(data.Stage[i])),
            ["location"] = Member(PlanSchema.SchoolLocation, PlanEnums.Location.Json(data.Location[i])),
            ["ownership"] = Member(PlanSchema.Ownership, PlanEnums.Ownership.Json(data.Ownership[i])),
            ["students"] = (decimal)data.Students[i],
            ["participants"] = (decimal)data.Participants[i],
            ["fee_per_month"] = data.FeePerMonth[i],
            ["dismissal"] = data.Dismissal[i],
            ["service_end"] = data.ServiceEnd[i],
            ["periods_per_day"] = (decimal)data.PeriodsPerDay[i],
        };
        var cohorts = new List<object?>();
        for (var j = data.CohortStart[i]; j < data.CohortStart[i + 1]; j++)
        {
            cohorts.Add(new RecordValue(PlanSchema.Cohort)
            {
                ["grade"] = data.CohortGrade[j],
                ["category"] = data.CohortCategory[j] is { } c ? Member(PlanSchema.Category, PlanEnums.Category.Json(c)) : null,
                ["students"] = (decimal)data.CohortStudents[j],
                ["participants"] = (decimal)data.CohortParticipants[j],
            });
        }
        return (school, cohorts);
    }

    /// <summary>
    /// The plan a district data row describes, for deciding rules in simulation: the school, one segment of
    /// service from dismissal to the end of service, one monthly fee, the participants. Everything else the row
    /// does not hold is absent, so a rule that reads it does not apply (three-valued logic).
    /// </summary>
    public static RecordValue FromDistrictRow(RecordValue row)
    {
        var plan = new RecordValue(PlanSchema.Plan);
        plan["school"] = new RecordValue(PlanSchema.School)
        {
            ["id"] = row["id"],
            ["name"] = row["name"],
            ["district"] = row["district"],
            ["stage"] = row["stage"],
            ["location"] = row["location"],
            ["ownership"] = row["ownership"],
            ["students"] = row["students"],
        };
        plan["service"] = new RecordValue(PlanSchema.Service)
        {
            ["dismissal"] = row["dismissal"],
            ["segments"] = new List<object?> { new RecordValue(PlanSchema.Segment) { ["start"] = row["dismissal"], ["end"] = row["service_end"] } },
        };
        plan["fees"] = new List<object?> { new RecordValue(PlanSchema.Fee) { ["amount"] = row["fee_per_month"], ["per"] = Member(PlanSchema.FeePer, "month") } };
        plan["participation"] = new RecordValue(PlanSchema.Participation) { ["participants"] = row["participants"] };
        return plan;
    }

    public static RecordValue FromSchool(School s) => new(PlanSchema.School)
    {
        ["id"] = s.Id,
        ["name"] = s.Name,
        ["district"] = s.District,
        ["stage"] = Member(PlanSchema.Stage, PlanEnums.Stage.Json(s.Stage)),
        ["location"] = Member(PlanSchema.SchoolLocation, PlanEnums.Location.Json(s.Location)),
        ["ownership"] = Member(PlanSchema.Ownership, PlanEnums.Ownership.Json(s.Ownership)),
        ["boarding"] = Opt(s.Boarding),
        ["students"] = (decimal)s.Students,
        ["staff"] = s.Staff is { } staff ? (object)(decimal)staff : null,
    };

    private static RecordValue FromSegment(Segment s) => new(PlanSchema.Segment)
    {
        ["name"] = s.Name,
        ["kind"] = Member(PlanSchema.SegmentKind, PlanEnums.SegmentKind.Json(s.Kind)),
        ["start"] = s.Start,
        ["end"] = s.End,
    };

    private static RecordValue FromService(Service s) => new(PlanSchema.Service)
    {
        ["days"] = s.Days.Select(d => (object?)Member(PlanSchema.Weekday, PlanEnums.Weekday.Json(d))).ToList(),
        ["dismissal"] = s.Dismissal,
        ["segments"] = s.Segments.Select(x => (object?)FromSegment(x)).ToList(),
        ["period_minutes"] = s.PeriodMinutes,
        ["flexible_departure"] = Opt(s.FlexibleDeparture),
        ["evening_study"] = s.EveningStudy is { } e ? FromEvening(e) : null,
    };

    /// <summary>Evening study is a segment of kind evening_study, whatever its record says.</summary>
    private static RecordValue FromEvening(Segment s)
    {
        var record = FromSegment(s);
        record["kind"] = Member(PlanSchema.SegmentKind, "evening_study");
        return record;
    }

    private static RecordValue FromFee(Fee f) => new(PlanSchema.Fee)
    {
        ["item"] = f.Item,
        ["amount"] = f.Amount,
        ["per"] = Member(PlanSchema.FeePer, PlanEnums.FeePer.Json(f.Per)),
        ["segment"] = f.Segment is { } seg ? Member(PlanSchema.SegmentKind, PlanEnums.SegmentKind.Json(seg)) : null,
        ["collected_by"] = f.CollectedBy is { } c ? Member(PlanSchema.Collector, PlanEnums.Collector.Json(c)) : null,
    };
}
