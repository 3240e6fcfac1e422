namespace PolicyLang.Runtime;

/// <summary>
/// The school calendar that converts rates between periods: by default 10 school months a year, 2 semesters,
/// 190 school days, and a number of periods a day. Policies and scenarios can change it.
/// </summary>
public sealed class Calendar
{
    public Calendar(decimal schoolMonths, decimal semesters, decimal schoolDays, decimal periodsPerDay)
    {
        SchoolMonths = schoolMonths;
        Semesters = semesters;
        SchoolDays = schoolDays;
        PeriodsPerDay = periodsPerDay;
    }

    public static Calendar Default { get; } = new(10m, 2m, 190m, 2m);

    public decimal SchoolMonths { get; }
    public decimal Semesters { get; }
    public decimal SchoolDays { get; }
    /// <summary>Periods of service a day when a school's own number is not known.</summary>
    public decimal PeriodsPerDay { get; }

    /// <summary>How many of a unit make a school year.</summary>
    public decimal PerYear(TimeUnit unit, decimal periodsPerDay) => unit switch
    {
        TimeUnit.Year => 1m,
        TimeUnit.Semester => Semesters,
        TimeUnit.Month => SchoolMonths,
        TimeUnit.Day => SchoolDays,
        _ => SchoolDays * periodsPerDay,
    };

    /// <summary>Converts a rate per one unit into a rate per another, rounded to 10 decimal places.</summary>
    public decimal ConvertRate(decimal value, TimeUnit from, TimeUnit to, decimal periodsPerDay)
    {
        if (from == to) return value;
        // A rate per year is the rate per unit times the units in a year: dividing by a year's 1 changes neither the
        // value nor its scale, and a decimal division costs more than the rest of the conversion (a simulation
        // converts every school's monthly payments to yearly ones).
        if (to == TimeUnit.Year) return Math.Round(value * PerYear(from, periodsPerDay), 10, MidpointRounding.AwayFromZero);
        var toPerYear = PerYear(to, periodsPerDay);
        if (toPerYear == 0) return 0m;
        return Math.Round(value * PerYear(from, periodsPerDay) / toPerYear, 10, MidpointRounding.AwayFromZero);
    }

    public decimal ConvertRate(decimal value, TimeUnit from, TimeUnit to) => ConvertRate(value, from, to, PeriodsPerDay);

    public Calendar With(decimal? schoolMonths = null, decimal? semesters = null, decimal? schoolDays = null, decimal? periodsPerDay = null) =>
        new(schoolMonths ?? SchoolMonths, semesters ?? Semesters, schoolDays ?? SchoolDays, periodsPerDay ?? PeriodsPerDay);
}
