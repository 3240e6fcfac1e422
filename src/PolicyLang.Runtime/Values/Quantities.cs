namespace PolicyLang.Runtime;

/// <summary>An amount of money in CNY, exact (decimal) to the fen.</summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    public Money(decimal yuan) => Yuan = yuan;

    public decimal Yuan { get; }

    /// <summary>Rounded to the fen (0.01 CNY), half away from zero.</summary>
    public Money ToFen() => new(Math.Round(Yuan, 2, MidpointRounding.AwayFromZero));

    public bool Equals(Money other) => Yuan == other.Yuan;
    public override bool Equals(object? obj) => obj is Money m && Equals(m);
    public override int GetHashCode() => Yuan.GetHashCode();
    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);
    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator *(Money a, decimal k) => new(a.Yuan * k);
    public static bool operator ==(Money a, Money b) => a.Yuan == b.Yuan;
    public static bool operator !=(Money a, Money b) => a.Yuan != b.Yuan;
    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;
    public override string ToString() => ValueText.Money(Yuan, RateBasis.None, null, Language.English);
}

/// <summary>Money per (student per) period, day, month, semester or year; converts through a <see cref="Calendar"/>.</summary>
public readonly struct MoneyRate : IEquatable<MoneyRate>
{
    public MoneyRate(decimal amount, RateBasis basis, TimeUnit unit)
    {
        Amount = amount;
        Basis = basis;
        Unit = unit;
    }

    public decimal Amount { get; }
    public RateBasis Basis { get; }
    public TimeUnit Unit { get; }

    public static MoneyRate PerStudent(decimal amount, TimeUnit unit) => new(amount, RateBasis.PerStudent, unit);
    public static MoneyRate Per(decimal amount, TimeUnit unit) => new(amount, RateBasis.None, unit);

    public MoneyRate ConvertTo(TimeUnit unit, Calendar calendar, decimal periodsPerDay) =>
        new(calendar.ConvertRate(Amount, Unit, unit, periodsPerDay), Basis, unit);

    public MoneyRate ConvertTo(TimeUnit unit, Calendar calendar) => ConvertTo(unit, calendar, calendar.PeriodsPerDay);

    public MoneyRate WithAmount(decimal amount) => new(amount, Basis, Unit);

    public bool Equals(MoneyRate other) => Amount == other.Amount && Basis == other.Basis && Unit == other.Unit;
    public override bool Equals(object? obj) => obj is MoneyRate r && Equals(r);
    public override int GetHashCode() => Amount.GetHashCode() ^ ((int)Unit << 4) ^ (int)Basis;
    public override string ToString() => ValueText.Money(Amount, Basis, Unit, Language.English);
}

/// <summary>A length of time in minutes.</summary>
public readonly struct Duration : IEquatable<Duration>, IComparable<Duration>
{
    public Duration(decimal minutes) => Minutes = minutes;

    public decimal Minutes { get; }
    public static Duration FromHours(decimal hours) => new(hours * 60m);

    public bool Equals(Duration other) => Minutes == other.Minutes;
    public override bool Equals(object? obj) => obj is Duration d && Equals(d);
    public override int GetHashCode() => Minutes.GetHashCode();
    public int CompareTo(Duration other) => Minutes.CompareTo(other.Minutes);
    public override string ToString() => ValueText.Duration(Minutes, Language.English);
}

/// <summary>A duration per period (the daily length of service): minutes per unit.</summary>
public readonly struct DurationRate : IEquatable<DurationRate>
{
    public DurationRate(decimal minutes, TimeUnit unit)
    {
        Minutes = minutes;
        Unit = unit;
    }

    public decimal Minutes { get; }
    public TimeUnit Unit { get; }

    public bool Equals(DurationRate other) => Minutes == other.Minutes && Unit == other.Unit;
    public override bool Equals(object? obj) => obj is DurationRate d && Equals(d);
    public override int GetHashCode() => Minutes.GetHashCode() ^ (int)Unit;
    public override string ToString() => ValueText.DurationRate(Minutes, Unit, Language.English);
}

/// <summary>A percentage, held as a fraction (80% is 0.8).</summary>
public readonly struct Percent : IEquatable<Percent>
{
    public Percent(decimal fraction) => Fraction = fraction;

    public decimal Fraction { get; }
    public static Percent FromPercent(decimal percent) => new(percent / 100m);

    public bool Equals(Percent other) => Fraction == other.Fraction;
    public override bool Equals(object? obj) => obj is Percent p && Equals(p);
    public override int GetHashCode() => Fraction.GetHashCode();
    public override string ToString() => ValueText.Percent(Fraction);
}
