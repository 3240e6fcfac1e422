using System.Collections.Immutable;

namespace PolicyLang.Syntax;

public abstract class ExpressionSyntax : SyntaxNode
{
}

/// <summary>Stands where error recovery found no expression.</summary>
public sealed class MissingExpressionSyntax : ExpressionSyntax
{
    public MissingExpressionSyntax(SyntaxToken placeholder) => Placeholder = placeholder;

    public SyntaxToken Placeholder { get; }

    public override IEnumerable<object?> Children
    {
        get { yield return Placeholder; }
    }
}

/// <summary><c>120</c>, <c>80%</c>, <c>2021-09-01</c>, <c>18:30</c>, <c>"text"</c>, <c>true</c>.</summary>
public sealed class LiteralExpressionSyntax : ExpressionSyntax
{
    public LiteralExpressionSyntax(LiteralKind kind, SyntaxToken token)
    {
        LiteralKind = kind;
        Token = token;
    }

    public LiteralKind LiteralKind { get; }
    public SyntaxToken Token { get; }

    public override IEnumerable<object?> Children
    {
        get { yield return Token; }
    }
}

/// <summary>
/// A number with a unit: <c>100 CNY per student per month</c>, <c>¥120</c>, <c>40 min</c>, <c>2 h per day</c>,
/// <c>2 periods</c>, <c>30 students per staff</c>.
/// </summary>
public sealed class QuantityExpressionSyntax : ExpressionSyntax
{
    public QuantityExpressionSyntax(QuantityKind kind, SyntaxToken? prefix, SyntaxToken number, ImmutableArray<SyntaxToken> unitTokens, RateSuffixSyntax? rate)
    {
        QuantityKind = kind;
        Prefix = prefix;
        Number = number;
        UnitTokens = unitTokens;
        Rate = rate;
    }

    public QuantityKind QuantityKind { get; }
    /// <summary>The <c>¥</c> of <c>¥120</c>.</summary>
    public SyntaxToken? Prefix { get; }
    public SyntaxToken Number { get; }
    /// <summary>Unit words after the number (CNY, min, periods, students per staff).</summary>
    public ImmutableArray<SyntaxToken> UnitTokens { get; }
    public RateSuffixSyntax? Rate { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Prefix;
            yield return Number;
            foreach (var t in UnitTokens) yield return t;
            yield return Rate;
        }
    }
}

public sealed class NameExpressionSyntax : ExpressionSyntax
{
    public NameExpressionSyntax(SyntaxToken identifier) => Identifier = identifier;

    public SyntaxToken Identifier { get; }

    public override IEnumerable<object?> Children
    {
        get { yield return Identifier; }
    }
}

public sealed class MemberAccessExpressionSyntax : ExpressionSyntax
{
    public MemberAccessExpressionSyntax(ExpressionSyntax receiver, SyntaxToken dot, SyntaxToken name)
    {
        Receiver = receiver;
        Dot = dot;
        Name = name;
    }

    public ExpressionSyntax Receiver { get; }
    public SyntaxToken Dot { get; }
    public SyntaxToken Name { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Receiver;
            yield return Dot;
            yield return Name;
        }
    }
}

/// <summary><c>plan.participation.by_category[registered_poverty]</c></summary>
public sealed class IndexExpressionSyntax : ExpressionSyntax
{
    public IndexExpressionSyntax(ExpressionSyntax receiver, SyntaxToken open, ExpressionSyntax index, SyntaxToken close)
    {
        Receiver = receiver;
        Open = open;
        Index = index;
        Close = close;
    }

    public ExpressionSyntax Receiver { get; }
    public SyntaxToken Open { get; }
    public ExpressionSyntax Index { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Receiver;
            yield return Open;
            yield return Index;
            yield return Close;
        }
    }
}

/// <summary><c>min(a, b)</c>, or with a comprehension: <c>sum(p.count for p in plan.providers where …)</c>.</summary>
public sealed class CallExpressionSyntax : ExpressionSyntax
{
    public CallExpressionSyntax(SyntaxToken name, SyntaxToken open, ImmutableArray<ExpressionSyntax> arguments, ComprehensionSyntax? comprehension, SyntaxToken close)
    {
        Name = name;
        Open = open;
        Arguments = arguments;
        Comprehension = comprehension;
        Close = close;
    }

    public SyntaxToken Name { get; }
    public SyntaxToken Open { get; }
    public ImmutableArray<ExpressionSyntax> Arguments { get; }
    public ComprehensionSyntax? Comprehension { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Name;
            yield return Open;
            foreach (var a in Arguments) yield return a;
            yield return Comprehension;
            yield return Close;
        }
    }
}

/// <summary><c>EXPR for VAR in SOURCE [where FILTER]</c> inside an aggregate call.</summary>
public sealed class ComprehensionSyntax : SyntaxNode
{
    public ComprehensionSyntax(ExpressionSyntax selector, SyntaxToken forKeyword, SyntaxToken variable, SyntaxToken inKeyword, ExpressionSyntax source,
        SyntaxToken? whereKeyword, ExpressionSyntax? filter)
    {
        Selector = selector;
        ForKeyword = forKeyword;
        Variable = variable;
        InKeyword = inKeyword;
        Source = source;
        WhereKeyword = whereKeyword;
        Filter = filter;
    }

    public ExpressionSyntax Selector { get; }
    public SyntaxToken ForKeyword { get; }
    public SyntaxToken Variable { get; }
    public SyntaxToken InKeyword { get; }
    public ExpressionSyntax Source { get; }
    public SyntaxToken? WhereKeyword { get; }
    public ExpressionSyntax? Filter { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Selector;
            yield return ForKeyword;
            yield return Variable;
            yield return InKeyword;
            yield return Source;
            yield return WhereKeyword;
            yield return Filter;
        }
    }
}

public sealed class UnaryExpressionSyntax : ExpressionSyntax
{
    public UnaryExpressionSyntax(UnaryOperatorKind kind, SyntaxToken operatorToken, ExpressionSyntax operand)
    {
        OperatorKind = kind;
        OperatorToken = operatorToken;
        Operand = operand;
    }

    public UnaryOperatorKind OperatorKind { get; }
    public SyntaxToken OperatorToken { get; }
    public ExpressionSyntax Operand { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return OperatorToken;
            yield return Operand;
        }
    }
}

public sealed class BinaryExpressionSyntax : ExpressionSyntax
{
    public BinaryExpressionSyntax(ExpressionSyntax left, BinaryOperatorKind kind, SyntaxToken operatorToken, ExpressionSyntax right)
    {
        Left = left;
        OperatorKind = kind;
        OperatorToken = operatorToken;
        Right = right;
    }

    public ExpressionSyntax Left { get; }
    public BinaryOperatorKind OperatorKind { get; }
    public SyntaxToken OperatorToken { get; }
    public ExpressionSyntax Right { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Left;
            yield return OperatorToken;
            yield return Right;
        }
    }
}

/// <summary><c>a &lt;= b</c>, <c>end not before 18:30</c>, <c>x in {a, b}</c>.</summary>
public sealed class ComparisonExpressionSyntax : ExpressionSyntax
{
    public ComparisonExpressionSyntax(ExpressionSyntax left, ComparatorSyntax comparator, ExpressionSyntax right)
    {
        Left = left;
        Comparator = comparator;
        Right = right;
    }

    public ExpressionSyntax Left { get; }
    public ComparatorSyntax Comparator { get; }
    public ExpressionSyntax Right { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Left;
            yield return Comparator;
            yield return Right;
        }
    }
}

public sealed class ParenthesizedExpressionSyntax : ExpressionSyntax
{
    public ParenthesizedExpressionSyntax(SyntaxToken open, ExpressionSyntax expression, SyntaxToken close)
    {
        Open = open;
        Expression = expression;
        Close = close;
    }

    public SyntaxToken Open { get; }
    public ExpressionSyntax Expression { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Open;
            yield return Expression;
            yield return Close;
        }
    }
}

/// <summary><c>{primary, nine_year}</c></summary>
public sealed class SetExpressionSyntax : ExpressionSyntax
{
    public SetExpressionSyntax(SyntaxToken open, ImmutableArray<ExpressionSyntax> elements, SyntaxToken close)
    {
        Open = open;
        Elements = elements;
        Close = close;
    }

    public SyntaxToken Open { get; }
    public ImmutableArray<ExpressionSyntax> Elements { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Open;
            foreach (var e in Elements) yield return e;
            yield return Close;
        }
    }
}

/// <summary><c>any a in plan.activities where a.kind == new_lesson</c>; <c>all p in plan.providers where … satisfy …</c>.</summary>
public sealed class QuantifierExpressionSyntax : ExpressionSyntax
{
    public QuantifierExpressionSyntax(QuantifierKind kind, SyntaxToken keyword, SyntaxToken variable, SyntaxToken inKeyword, ExpressionSyntax source,
        SyntaxToken? whereKeyword, ExpressionSyntax? filter, SyntaxToken? satisfyKeyword, ExpressionSyntax? predicate)
    {
        QuantifierKind = kind;
        Keyword = keyword;
        Variable = variable;
        InKeyword = inKeyword;
        Source = source;
        WhereKeyword = whereKeyword;
        Filter = filter;
        SatisfyKeyword = satisfyKeyword;
        Predicate = predicate;
    }

    public QuantifierKind QuantifierKind { get; }
    public SyntaxToken Keyword { get; }
    public SyntaxToken Variable { get; }
    public SyntaxToken InKeyword { get; }
    public ExpressionSyntax Source { get; }
    public SyntaxToken? WhereKeyword { get; }
    public ExpressionSyntax? Filter { get; }
    public SyntaxToken? SatisfyKeyword { get; }
    public ExpressionSyntax? Predicate { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Variable;
            yield return InKeyword;
            yield return Source;
            yield return WhereKeyword;
            yield return Filter;
            yield return SatisfyKeyword;
            yield return Predicate;
        }
    }
}

/// <summary><c>if C then A else B</c></summary>
public sealed class ConditionalExpressionSyntax : ExpressionSyntax
{
    public ConditionalExpressionSyntax(SyntaxToken ifKeyword, ExpressionSyntax condition, SyntaxToken thenKeyword, ExpressionSyntax whenTrue,
        SyntaxToken elseKeyword, ExpressionSyntax whenFalse)
    {
        IfKeyword = ifKeyword;
        Condition = condition;
        ThenKeyword = thenKeyword;
        WhenTrue = whenTrue;
        ElseKeyword = elseKeyword;
        WhenFalse = whenFalse;
    }

    public SyntaxToken IfKeyword { get; }
    public ExpressionSyntax Condition { get; }
    public SyntaxToken ThenKeyword { get; }
    public ExpressionSyntax WhenTrue { get; }
    public SyntaxToken ElseKeyword { get; }
    public ExpressionSyntax WhenFalse { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return IfKeyword;
            yield return Condition;
            yield return ThenKeyword;
            yield return WhenTrue;
            yield return ElseKeyword;
            yield return WhenFalse;
        }
    }
}

/// <summary><c>fee_cap as CNY per student per semester</c>: a conversion through the calendar.</summary>
public sealed class ConversionExpressionSyntax : ExpressionSyntax
{
    public ConversionExpressionSyntax(ExpressionSyntax expression, SyntaxToken asKeyword, TypeSyntax type)
    {
        Expression = expression;
        AsKeyword = asKeyword;
        Type = type;
    }

    public ExpressionSyntax Expression { get; }
    public SyntaxToken AsKeyword { get; }
    public TypeSyntax Type { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Expression;
            yield return AsKeyword;
            yield return Type;
        }
    }
}
