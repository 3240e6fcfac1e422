namespace PolicyLang.Runtime;

/// <summary>
/// One school's after-school plan (一校一案), as design/data.md defines it. Optional fields are nullable;
/// a check that reads an absent value does not apply. Read it from JSON with <see cref="PlanReader"/>.
/// </summary>
public sealed class SchoolPlan
{
    public School School { get; set; } = new();
    public Service Service { get; set; } = new();
    public List<Fee> Fees { get; set; } = new();
    public List<Category> Waivers { get; set; } = new();
    public RefundMode? Refund { get; set; }
    public Participation Participation { get; set; } = new();
    public List<Activity> Activities { get; set; } = new();
    public List<Provider> Providers { get; set; } = new();
    public HomeworkMinutes HomeworkMinutes { get; set; } = new();
    public Finance Finance { get; set; } = new();
    public Insurance Insurance { get; set; } = new();
    public Disclosure Disclosure { get; set; } = new();
}

public sealed class School
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string District { get; set; } = "";
    public Stage Stage { get; set; }
    public SchoolLocation Location { get; set; }
    public Ownership Ownership { get; set; }
    public bool? Boarding { get; set; }
    public int Students { get; set; }
    public int? Staff { get; set; }
}

public sealed class Segment
{
    public string? Name { get; set; }
    public SegmentKind Kind { get; set; }
    public TimeOfDay Start { get; set; }
    public TimeOfDay End { get; set; }

    /// <summary>end − start, in minutes.</summary>
    public decimal DurationMinutes => End.Minutes - Start.Minutes;
}

public sealed class Service
{
    public List<Weekday> Days { get; set; } = new();
    public TimeOfDay Dismissal { get; set; }
    public List<Segment> Segments { get; set; } = new();
    public decimal PeriodMinutes { get; set; }
    public bool? FlexibleDeparture { get; set; }
    public Segment? EveningStudy { get; set; }

    /// <summary>The earliest segment start, or the dismissal time when there are no segments.</summary>
    public TimeOfDay Start
    {
        get
        {
            if (Segments.Count == 0) return Dismissal;
            var start = Segments[0].Start;
            for (var i = 1; i < Segments.Count; i++)
                if (Segments[i].Start < start) start = Segments[i].Start;
            return start;
        }
    }

    /// <summary>The latest segment end (evening study aside), or the dismissal time when there are no segments.</summary>
    public TimeOfDay End
    {
        get
        {
            if (Segments.Count == 0) return Dismissal;
            var end = Segments[0].End;
            for (var i = 1; i < Segments.Count; i++)
                if (Segments[i].End > end) end = Segments[i].End;
            return end;
        }
    }

    /// <summary>Service minutes a day: end − start (0 without segments).</summary>
    public decimal DailyMinutes
    {
        get
        {
            // Start and End in one pass: validators read this for every plan.
            var segments = Segments;
            if (segments.Count == 0) return 0m;
            int start = segments[0].Start.Minutes, end = segments[0].End.Minutes;
            for (var i = 1; i < segments.Count; i++)
            {
                if (segments[i].Start.Minutes < start) start = segments[i].Start.Minutes;
                if (segments[i].End.Minutes > end) end = segments[i].End.Minutes;
            }
            return end - start;
        }
    }

    /// <summary>The segments plus evening study (kind evening_study).</summary>
    public List<Segment> AllSegments
    {
        get
        {
            if (EveningStudy is null) return Segments;
            var all = new List<Segment>(Segments.Count + 1);
            all.AddRange(Segments);
            all.Add(new Segment { Name = EveningStudy.Name, Kind = Runtime.SegmentKind.EveningStudy, Start = EveningStudy.Start, End = EveningStudy.End });
            return all;
        }
    }
}

public sealed class Fee
{
    public string Item { get; set; } = "";
    /// <summary>CNY per student for one <see cref="Per"/>.</summary>
    public decimal Amount { get; set; }
    public FeePer Per { get; set; }
    public SegmentKind? Segment { get; set; }
    public Collector? CollectedBy { get; set; }

    public TimeUnit Unit => Per switch
    {
        FeePer.Period => TimeUnit.Period,
        FeePer.Day => TimeUnit.Day,
        FeePer.Month => TimeUnit.Month,
        FeePer.Semester => TimeUnit.Semester,
        _ => TimeUnit.Year,
    };

    /// <summary>The fee as a rate per student per the given unit, through the calendar.</summary>
    public decimal Rate(TimeUnit unit, Calendar calendar, decimal periodsPerDay) => calendar.ConvertRate(Amount, Unit, unit, periodsPerDay);
}

public sealed class Participation
{
    public bool Voluntary { get; set; }
    public bool WrittenApplication { get; set; }
    public bool? AgreementSigned { get; set; }
    public int Participants { get; set; }
    /// <summary>Participants by grade (the reader makes a <see cref="CountTable{TKey}"/>).</summary>
    public IReadOnlyDictionary<string, int>? ByGrade { get; set; }
    /// <summary>Participants by category (the reader makes a <see cref="CountTable{TKey}"/>).</summary>
    public IReadOnlyDictionary<Category, int>? ByCategory { get; set; }
}

public sealed class Activity
{
    public string Name { get; set; } = "";
    public ActivityKind Kind { get; set; }
}

public sealed class Provider
{
    public ProviderKind Kind { get; set; }
    public string? Name { get; set; }
    public int Count { get; set; }
    /// <summary>CNY per period.</summary>
    public decimal PayPerPeriod { get; set; }
    public bool? Whitelisted { get; set; }
    public bool? Approved { get; set; }
}

/// <summary>Written homework minutes by grade band.</summary>
public sealed class HomeworkMinutes
{
    public decimal? Grades12 { get; set; }
    public decimal? Grades36 { get; set; }
    public decimal? Junior { get; set; }
}

public sealed class Finance
{
    public decimal FeeRevenue { get; set; }
    public decimal Subsidy { get; set; }
    public decimal StaffPay { get; set; }
    public decimal? AdminPayAvg { get; set; }
    public decimal? TeacherPayAvg { get; set; }
    public decimal? ManagementFee { get; set; }
}

public sealed class Insurance
{
    public bool SchoolLiability { get; set; }
    public bool StaffAccident { get; set; }
}

public sealed class Disclosure
{
    public bool Published { get; set; }
    public bool? SemesterReport { get; set; }
    public bool? AnnualReport { get; set; }
}
