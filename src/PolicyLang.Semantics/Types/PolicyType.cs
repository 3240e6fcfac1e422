using PolicyLang.Diagnostics;
using PolicyLang.Symbols;
using PolicyLang.Syntax;

namespace PolicyLang.Types;

public enum TypeKind
{
    Error,
    Bool,
    Int,
    Number,
    Text,
    Date,
    Time,
    Duration,
    Percent,
    Periods,
    Money,
    Ratio,
    DurationRate,
    Enum,
    Set,
    List,
    Record,
    Range,
    Map,
}

/// <summary>
/// A PolicyLang type. Money carries its rate (per student per month, per period, or a plain amount);
/// two money types are the same type only when basis and unit agree, so mixing periods is a type error.
/// </summary>
public abstract class PolicyType : ILocalizable, IEquatable<PolicyType>
{
    public abstract TypeKind Kind { get; }
    public abstract string ToString(Language language);
    public override string ToString() => ToString(Language.English);

    public abstract bool Equals(PolicyType? other);
    public override bool Equals(object? obj) => obj is PolicyType t && Equals(t);
    public override int GetHashCode() => ToString().GetHashCode();

    public bool IsError => Kind == TypeKind.Error;
    public bool IsNumeric => Kind is TypeKind.Int or TypeKind.Number;
    /// <summary>Types whose values are numbers that can be added to themselves and compared.</summary>
    public bool IsQuantity => Kind is TypeKind.Int or TypeKind.Number or TypeKind.Money or TypeKind.Duration or TypeKind.Percent or TypeKind.Periods or TypeKind.Ratio or TypeKind.DurationRate;
    public bool IsOrdered => IsQuantity || Kind is TypeKind.Time or TypeKind.Date;

    public static readonly PolicyType Error = new PrimitiveType(TypeKind.Error, "?", "?");
    public static readonly PolicyType Bool = new PrimitiveType(TypeKind.Bool, "bool", "布尔");
    public static readonly PolicyType Int = new PrimitiveType(TypeKind.Int, "int", "整数");
    public static readonly PolicyType Number = new PrimitiveType(TypeKind.Number, "number", "数值");
    public static readonly PolicyType Text = new PrimitiveType(TypeKind.Text, "text", "文本");
    public static readonly PolicyType Date = new PrimitiveType(TypeKind.Date, "date", "日期");
    public static readonly PolicyType Time = new PrimitiveType(TypeKind.Time, "time", "时刻");
    public static readonly PolicyType Duration = new PrimitiveType(TypeKind.Duration, "duration", "时长");
    public static readonly PolicyType Percent = new PrimitiveType(TypeKind.Percent, "percent", "百分比");
    public static readonly PolicyType Periods = new PrimitiveType(TypeKind.Periods, "periods", "课时数");
    public static readonly PolicyType Ratio = new PrimitiveType(TypeKind.Ratio, "students per staff", "生师比");
    public static readonly MoneyType Amount = new(RateBasis.None, null);

    public static MoneyType Money(RateBasis basis, TimeUnit? unit) => new(basis, unit);
    public static PolicyType DurationPer(TimeUnit unit) => new DurationRateType(unit);
    public static PolicyType SetOf(PolicyType element) => new CollectionType(TypeKind.Set, element);
    public static PolicyType ListOf(PolicyType element) => new CollectionType(TypeKind.List, element);
    public static PolicyType RangeOf(PolicyType element) => new CollectionType(TypeKind.Range, element);

    /// <summary>The element type of a set, list or range; null otherwise.</summary>
    public PolicyType? ElementType => this is CollectionType c ? c.Element : null;
}

public sealed class PrimitiveType : PolicyType
{
    private readonly string _english;
    private readonly string _chinese;

    internal PrimitiveType(TypeKind kind, string english, string chinese)
    {
        Kind = kind;
        _english = english;
        _chinese = chinese;
    }

    public override TypeKind Kind { get; }
    public override string ToString(Language language) => language == Language.Chinese ? _chinese : _english;
    public override bool Equals(PolicyType? other) => other is PrimitiveType p && p.Kind == Kind;
}

/// <summary>CNY, CNY per period, CNY per student per month, …</summary>
public sealed class MoneyType : PolicyType
{
    public MoneyType(RateBasis basis, TimeUnit? unit)
    {
        Basis = unit is null ? RateBasis.None : basis;
        Unit = unit;
    }

    public RateBasis Basis { get; }
    /// <summary>The period of the rate; null for a plain amount of money.</summary>
    public TimeUnit? Unit { get; }
    public bool IsRate => Unit is not null;
    public override TypeKind Kind => TypeKind.Money;

    public override string ToString(Language language)
    {
        if (Unit is not { } unit) return language == Language.Chinese ? "元" : "CNY";
        if (language == Language.Chinese)
            return Basis == RateBasis.PerStudent ? "元 每生每" + SyntaxFacts.TimeUnitName(unit, language) : "元 每" + SyntaxFacts.TimeUnitName(unit, language);
        return Basis == RateBasis.PerStudent ? "CNY per student per " + SyntaxFacts.TimeUnitName(unit, language) : "CNY per " + SyntaxFacts.TimeUnitName(unit, language);
    }

    public override bool Equals(PolicyType? other) => other is MoneyType m && m.Basis == Basis && m.Unit == Unit;

    public MoneyType WithUnit(TimeUnit unit) => new(Basis, unit);
}

/// <summary>A duration per day, week…: the daily length of service.</summary>
public sealed class DurationRateType : PolicyType
{
    public DurationRateType(TimeUnit unit) => Unit = unit;

    public TimeUnit Unit { get; }
    public override TypeKind Kind => TypeKind.DurationRate;
    public override string ToString(Language language) =>
        language == Language.Chinese ? "时长 每" + SyntaxFacts.TimeUnitName(Unit, language) : "duration per " + SyntaxFacts.TimeUnitName(Unit, language);
    public override bool Equals(PolicyType? other) => other is DurationRateType d && d.Unit == Unit;
}

public sealed class CollectionType : PolicyType
{
    internal CollectionType(TypeKind kind, PolicyType element)
    {
        Kind = kind;
        Element = element;
    }

    public override TypeKind Kind { get; }
    public PolicyType Element { get; }

    public override string ToString(Language language) => Kind switch
    {
        TypeKind.Set => (language == Language.Chinese ? "集合 " : "set of ") + Element.ToString(language),
        TypeKind.List => (language == Language.Chinese ? "列表 " : "list of ") + Element.ToString(language),
        _ => (language == Language.Chinese ? "范围 " : "range of ") + Element.ToString(language),
    };

    public override bool Equals(PolicyType? other) => other is CollectionType c && c.Kind == Kind && c.Element.Equals(Element);
}

public sealed class EnumType : PolicyType
{
    public EnumType(EnumSymbol symbol) => Symbol = symbol;

    public EnumSymbol Symbol { get; }
    public override TypeKind Kind => TypeKind.Enum;
    public override string ToString(Language language) => language == Language.Chinese ? Symbol.ChineseName : Symbol.Name;
    public override bool Equals(PolicyType? other) => other is EnumType e && ReferenceEquals(e.Symbol, Symbol);
}

public sealed class RecordType : PolicyType
{
    public RecordType(RecordSymbol symbol) => Symbol = symbol;

    public RecordSymbol Symbol { get; }
    public override TypeKind Kind => TypeKind.Record;
    public override string ToString(Language language) => language == Language.Chinese ? Symbol.ChineseName : Symbol.Name;
    public override bool Equals(PolicyType? other) => other is RecordType r && ReferenceEquals(r.Symbol, Symbol);
}

/// <summary>by_grade, by_category: counts keyed by a text or an enum member.</summary>
public sealed class MapType : PolicyType
{
    public MapType(PolicyType key, PolicyType value)
    {
        Key = key;
        Value = value;
    }

    public PolicyType Key { get; }
    public PolicyType Value { get; }
    public override TypeKind Kind => TypeKind.Map;
    public override string ToString(Language language) =>
        language == Language.Chinese ? $"{Key.ToString(language)} → {Value.ToString(language)} 映射" : $"map of {Key.ToString(language)} to {Value.ToString(language)}";
    public override bool Equals(PolicyType? other) => other is MapType m && m.Key.Equals(Key) && m.Value.Equals(Value);
}
