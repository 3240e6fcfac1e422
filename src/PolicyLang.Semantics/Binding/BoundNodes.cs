using System.Collections.Immutable;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

public enum BoundNodeKind
{
    Literal,
    Parameter,
    Root,
    Variable,
    Field,
    Index,
    Unary,
    Binary,
    Conversion,
    Call,
    Aggregate,
    Quantifier,
    Conditional,
    Set,
    Measure,
    Error,
}

/// <summary>A typed, resolved expression. Interpreter and emitter both walk this tree.</summary>
public abstract class BoundExpression
{
    protected BoundExpression(SyntaxNode? syntax) => Syntax = syntax;

    public abstract BoundNodeKind Kind { get; }
    public abstract PolicyType Type { get; }
    /// <summary>The expression it came from, for locations; null for expressions made by lowering.</summary>
    public SyntaxNode? Syntax { get; }
    public virtual IEnumerable<BoundExpression> Children => Enumerable.Empty<BoundExpression>();
}

public sealed class BoundError : BoundExpression
{
    public BoundError(SyntaxNode? syntax) : base(syntax) { }
    public override BoundNodeKind Kind => BoundNodeKind.Error;
    public override PolicyType Type => PolicyType.Error;
}

/// <summary>A constant. Values: bool, decimal (numbers, money, minutes of duration, fractions of percent, counts),
/// <see cref="TimeOfDay"/>, <see cref="DateTime"/>, string, <see cref="EnumMemberSymbol"/>, <see cref="RangeValue"/>.</summary>
public sealed class BoundLiteral : BoundExpression
{
    public BoundLiteral(SyntaxNode? syntax, object? value, PolicyType type) : base(syntax)
    {
        Value = value;
        _type = type;
    }

    private readonly PolicyType _type;
    public object? Value { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Literal;
    public override PolicyType Type => _type;
}

public sealed class BoundParameter : BoundExpression
{
    public BoundParameter(SyntaxNode? syntax, ParameterSymbol parameter) : base(syntax) => Parameter = parameter;

    public ParameterSymbol Parameter { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Parameter;
    public override PolicyType Type => Parameter.Type;
}

public sealed class BoundMeasure : BoundExpression
{
    public BoundMeasure(SyntaxNode? syntax, MeasureSymbol measure) : base(syntax) => Measure = measure;

    public MeasureSymbol Measure { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Measure;
    public override PolicyType Type => Measure.Type;
}

/// <summary><c>plan</c>, <c>school</c>, <c>cohorts</c>: what the evaluated document provides.</summary>
public sealed class BoundRoot : BoundExpression
{
    public BoundRoot(SyntaxNode? syntax, RootSymbol root) : base(syntax) => Root = root;

    public RootSymbol Root { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Root;
    public override PolicyType Type => Root.Type;
}

public sealed class BoundVariable : BoundExpression
{
    public BoundVariable(SyntaxNode? syntax, VariableSymbol variable) : base(syntax) => Variable = variable;

    public VariableSymbol Variable { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Variable;
    public override PolicyType Type => Variable.Type;
}

public sealed class BoundField : BoundExpression
{
    public BoundField(SyntaxNode? syntax, BoundExpression receiver, FieldSymbol field) : base(syntax)
    {
        Receiver = receiver;
        Field = field;
    }

    public BoundExpression Receiver { get; }
    public FieldSymbol Field { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Field;
    public override PolicyType Type => Field.Type;
    public override IEnumerable<BoundExpression> Children { get { yield return Receiver; } }
}

/// <summary><c>plan.participation.by_category[registered_poverty]</c>: 0 when the key is absent.</summary>
public sealed class BoundIndex : BoundExpression
{
    public BoundIndex(SyntaxNode? syntax, BoundExpression receiver, BoundExpression index, PolicyType type) : base(syntax)
    {
        Receiver = receiver;
        Index = index;
        _type = type;
    }

    private readonly PolicyType _type;
    public BoundExpression Receiver { get; }
    public BoundExpression Index { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Index;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children { get { yield return Receiver; yield return Index; } }
}

public enum BoundUnaryOperator
{
    Not,
    Negate,
    /// <summary>The operand is true (false when it is false or absent); made by the simulator's row projection.</summary>
    IsTrue,
}

public sealed class BoundUnary : BoundExpression
{
    public BoundUnary(SyntaxNode? syntax, BoundUnaryOperator op, BoundExpression operand) : base(syntax)
    {
        Operator = op;
        Operand = operand;
    }

    public BoundUnaryOperator Operator { get; }
    public BoundExpression Operand { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Unary;
    public override PolicyType Type => Operator == BoundUnaryOperator.Not ? PolicyType.Bool : Operand.Type;
    public override IEnumerable<BoundExpression> Children { get { yield return Operand; } }
}

public enum BoundBinaryOperator
{
    And,
    Or,
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary>Element in set, or value in range (bounds inclusive).</summary>
    In,
    NotIn,
    /// <summary>Builds a range from two bounds.</summary>
    Range,
}

public sealed class BoundBinary : BoundExpression
{
    public BoundBinary(SyntaxNode? syntax, BoundExpression left, BoundBinaryOperator op, BoundExpression right, PolicyType type) : base(syntax)
    {
        Left = left;
        Operator = op;
        Right = right;
        _type = type;
    }

    private readonly PolicyType _type;
    public BoundExpression Left { get; }
    public BoundBinaryOperator Operator { get; }
    public BoundExpression Right { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Binary;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children { get { yield return Left; yield return Right; } }

    public static bool IsComparison(BoundBinaryOperator op) => op is BoundBinaryOperator.Equal or BoundBinaryOperator.NotEqual
        or BoundBinaryOperator.Less or BoundBinaryOperator.LessOrEqual or BoundBinaryOperator.Greater or BoundBinaryOperator.GreaterOrEqual
        or BoundBinaryOperator.In or BoundBinaryOperator.NotIn;
}

public enum ConversionKind
{
    /// <summary>int to number, and other changes of type that keep the value.</summary>
    Identity,
    /// <summary>A money rate to another period through the calendar.</summary>
    Rate,
    /// <summary>A plan fee (amount + its 'per') to a rate of the target period.</summary>
    FeeToRate,
    /// <summary>A count of periods to a duration, by the period length.</summary>
    PeriodsToDuration,
    /// <summary>A duration per one period to another (duration per day to per semester…).</summary>
    DurationRate,
}

public sealed class BoundConversion : BoundExpression
{
    public BoundConversion(SyntaxNode? syntax, BoundExpression operand, ConversionKind conversion, PolicyType type, BoundExpression? periodLength = null) : base(syntax)
    {
        Operand = operand;
        Conversion = conversion;
        _type = type;
        PeriodLength = periodLength;
    }

    private readonly PolicyType _type;
    public BoundExpression Operand { get; }
    public ConversionKind Conversion { get; }
    /// <summary>For <see cref="ConversionKind.PeriodsToDuration"/>: the length of one period.</summary>
    public BoundExpression? PeriodLength { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Conversion;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children
    {
        get
        {
            yield return Operand;
            if (PeriodLength is not null) yield return PeriodLength;
        }
    }
}

public enum BuiltinFunction
{
    Min,
    Max,
    Abs,
    Round,
    Count,
    Sum,
    Contains,
    Exists,
    /// <summary>pow(x, y): x to the power y, a number.</summary>
    Pow,

    // The simulation model's view of the policy and the scenario (measures only; see the prelude).
    /// <summary>cap_for_school(): the cap that applies to the school, per student per month; absent when none does.</summary>
    FeeCap,
    /// <summary>waived_share(category): the share of the fee the policy waives for a family category at this school.</summary>
    WaivedShare,
    /// <summary>subsidies(participants, family_payments): the policy's subsidy lines for the school, per year.</summary>
    Subsidies,
    /// <summary>staff_share(): the policy's minimum staff share, 100% when it sets none.</summary>
    StaffShare,
    /// <summary>breaks_rules(): the school's own data row breaks a rule it can decide.</summary>
    BreaksRules,
    /// <summary>in_scope(): the policy (and every policy it extends) applies to the school.</summary>
    InScope,
    /// <summary>elasticity(): the scenario's participation elasticity, 0 when it assumes none.</summary>
    Elasticity,
    /// <summary>charges_cap(): the scenario assumes schools charge the cap.</summary>
    ChargesCap,
    /// <summary>baseline(measure): the measure's value for the school under the baseline.</summary>
    Baseline,
}

public static class BuiltinFunctionFacts
{
    /// <summary>Functions that read the district row, the policy's sections or the scenario: measures only.</summary>
    public static bool IsModelFunction(BuiltinFunction f) => f >= BuiltinFunction.FeeCap;

    /// <summary>Every spelling of every built-in function (English and Chinese), as the binder knows them.</summary>
    public static IReadOnlyDictionary<string, BuiltinFunction> Spellings => ExpressionBinder.Functions;
}

public sealed class BoundCall : BoundExpression
{
    public BoundCall(SyntaxNode? syntax, BuiltinFunction function, ImmutableArray<BoundExpression> arguments, PolicyType type) : base(syntax)
    {
        Function = function;
        Arguments = arguments;
        _type = type;
    }

    private readonly PolicyType _type;
    public BuiltinFunction Function { get; }
    public ImmutableArray<BoundExpression> Arguments { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Call;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children => Arguments;
}

public enum AggregateKind
{
    Sum,
    Count,
    Min,
    Max,
}

/// <summary><c>sum(p.count for p in plan.providers where …)</c>.</summary>
public sealed class BoundAggregate : BoundExpression
{
    public BoundAggregate(SyntaxNode? syntax, AggregateKind aggregate, VariableSymbol variable, BoundExpression source, BoundExpression? filter, BoundExpression? selector, PolicyType type)
        : base(syntax)
    {
        Aggregate = aggregate;
        Variable = variable;
        Source = source;
        Filter = filter;
        Selector = selector;
        _type = type;
    }

    private readonly PolicyType _type;
    public AggregateKind Aggregate { get; }
    public VariableSymbol Variable { get; }
    public BoundExpression Source { get; }
    public BoundExpression? Filter { get; }
    public BoundExpression? Selector { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Aggregate;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children
    {
        get
        {
            yield return Source;
            if (Filter is not null) yield return Filter;
            if (Selector is not null) yield return Selector;
        }
    }
}

public sealed class BoundQuantifier : BoundExpression
{
    public BoundQuantifier(SyntaxNode? syntax, QuantifierKind quantifier, VariableSymbol variable, BoundExpression source, BoundExpression? filter, BoundExpression? predicate)
        : base(syntax)
    {
        Quantifier = quantifier;
        Variable = variable;
        Source = source;
        Filter = filter;
        Predicate = predicate;
    }

    public QuantifierKind Quantifier { get; }
    public VariableSymbol Variable { get; }
    public BoundExpression Source { get; }
    public BoundExpression? Filter { get; }
    public BoundExpression? Predicate { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Quantifier;
    public override PolicyType Type => PolicyType.Bool;
    public override IEnumerable<BoundExpression> Children
    {
        get
        {
            yield return Source;
            if (Filter is not null) yield return Filter;
            if (Predicate is not null) yield return Predicate;
        }
    }
}

public sealed class BoundConditional : BoundExpression
{
    public BoundConditional(SyntaxNode? syntax, BoundExpression condition, BoundExpression whenTrue, BoundExpression whenFalse) : base(syntax)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public BoundExpression Condition { get; }
    public BoundExpression WhenTrue { get; }
    public BoundExpression WhenFalse { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Conditional;
    public override PolicyType Type => WhenTrue.Type.IsError ? WhenFalse.Type : WhenTrue.Type;
    public override IEnumerable<BoundExpression> Children { get { yield return Condition; yield return WhenTrue; yield return WhenFalse; } }
}

public sealed class BoundSet : BoundExpression
{
    public BoundSet(SyntaxNode? syntax, ImmutableArray<BoundExpression> elements, PolicyType type) : base(syntax)
    {
        Elements = elements;
        _type = type;
    }

    private readonly PolicyType _type;
    public ImmutableArray<BoundExpression> Elements { get; }
    public override BoundNodeKind Kind => BoundNodeKind.Set;
    public override PolicyType Type => _type;
    public override IEnumerable<BoundExpression> Children => Elements;
}

/// <summary>An inclusive range of two values of one type.</summary>
public sealed class RangeValue
{
    public RangeValue(object low, object high)
    {
        Low = low;
        High = high;
    }

    public object Low { get; }
    public object High { get; }
    public override bool Equals(object? obj) => obj is RangeValue r && Equals(r.Low, Low) && Equals(r.High, High);
    public override int GetHashCode() => Low.GetHashCode() ^ High.GetHashCode();
}
