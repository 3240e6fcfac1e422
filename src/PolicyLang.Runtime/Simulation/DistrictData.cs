using PolicyLang.Runtime;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// A district's schools and cohorts in columns (design/data.md): schools.csv and cohorts.csv, or the same
/// tables in Parquet or DuckDB. Cohorts are grouped by school: the cohorts of school i are the rows
/// <c>CohortStart[i] .. CohortStart[i + 1] - 1</c>. A school with no cohort rows has no waived participants.
/// </summary>
public sealed class DistrictData
{
    public DistrictData(int schools, int cohorts)
        : this(new string[schools], new string[schools], new string[schools], new Stage[schools], new SchoolLocation[schools],
            new Ownership[schools], new int[schools], new int[schools], new decimal[schools], new TimeOfDay[schools],
            new TimeOfDay[schools], new int[schools], cohorts)
    {
    }

    /// <summary>
    /// A district of these school columns, which it keeps (they are not copied; each must have one element per school),
    /// and room for <paramref name="cohorts"/> cohort rows.
    /// </summary>
    public DistrictData(string[] schoolId, string[] name, string[] district, Stage[] stage, SchoolLocation[] location, Ownership[] ownership,
        int[] students, int[] participants, decimal[] feePerMonth, TimeOfDay[] dismissal, TimeOfDay[] serviceEnd, int[] periodsPerDay, int cohorts)
        : this(schoolId, new TextColumn(name), district, stage, location, ownership, students, participants, feePerMonth, dismissal, serviceEnd,
            periodsPerDay, cohorts)
    {
    }

    /// <summary>
    /// A district of these school columns, the names as a <see cref="TextColumn"/> (which may hold them as the UTF-8 text
    /// a reader met, made into strings only when asked for).
    /// </summary>
    public DistrictData(string[] schoolId, TextColumn name, string[] district, Stage[] stage, SchoolLocation[] location, Ownership[] ownership,
        int[] students, int[] participants, decimal[] feePerMonth, TimeOfDay[] dismissal, TimeOfDay[] serviceEnd, int[] periodsPerDay, int cohorts)
    {
        var schools = schoolId.Length;
        if (new[] { name.Length, district.Length, stage.Length, location.Length, ownership.Length, students.Length, participants.Length,
                feePerMonth.Length, dismissal.Length, serviceEnd.Length, periodsPerDay.Length }.Any(n => n != schools))
            throw new ArgumentException("every school column must have one element per school");
        SchoolId = schoolId;
        Name = name;
        District = district;
        Stage = stage;
        Location = location;
        Ownership = ownership;
        Students = students;
        Participants = participants;
        FeePerMonth = feePerMonth;
        Dismissal = dismissal;
        ServiceEnd = serviceEnd;
        PeriodsPerDay = periodsPerDay;
        CohortStart = new int[schools + 1];
        CohortGrade = new string[cohorts];
        CohortCategory = new Category?[cohorts];
        CohortStudents = new int[cohorts];
        CohortParticipants = new int[cohorts];
    }

    public int SchoolCount => SchoolId.Length;
    public int CohortCount => CohortGrade.Length;

    // schools: school_id,name,district,stage,location,ownership,students,participants,fee_per_month,dismissal,service_end,periods_per_day
    public string[] SchoolId { get; }
    /// <summary>The schools' names (made into strings as they are asked for).</summary>
    public TextColumn Name { get; }
    public string[] District { get; }
    public Stage[] Stage { get; }
    public SchoolLocation[] Location { get; }
    public Ownership[] Ownership { get; }
    public int[] Students { get; }
    public int[] Participants { get; }
    /// <summary>CNY per student per month the school charges today.</summary>
    public decimal[] FeePerMonth { get; }
    public TimeOfDay[] Dismissal { get; }
    public TimeOfDay[] ServiceEnd { get; }
    public int[] PeriodsPerDay { get; }

    // cohorts: school_id,grade,category,students,participants — grouped by school.
    public int[] CohortStart { get; }
    public string[] CohortGrade { get; }
    /// <summary>The family category, or null for 'none' (the rest of the grade).</summary>
    public Category?[] CohortCategory { get; }
    public int[] CohortStudents { get; }
    public int[] CohortParticipants { get; }

    /// <summary>Where the data came from, for messages and reports.</summary>
    public string Source { get; set; } = "";
}
