namespace PolicyLang.Runtime;

/// <summary>The period a rate is per.</summary>
public enum TimeUnit
{
    Period,
    Day,
    Month,
    Semester,
    Year,
}

/// <summary>Whether a money rate is per student (fees, subsidies) or not (pay per period).</summary>
public enum RateBasis
{
    None,
    PerStudent,
}

/// <summary>The language of a message or a formatted value.</summary>
public enum Language
{
    English,
    Chinese,
}
