using System.Collections.Immutable;

namespace PolicyLang.Syntax;

public abstract class TypeSyntax : SyntaxNode
{
}

/// <summary><c>per student per month</c>, <c>per period</c>, <c>每生每月</c>, <c>/生/月</c>.</summary>
public sealed class RateSuffixSyntax : SyntaxNode
{
    public RateSuffixSyntax(ImmutableArray<SyntaxToken> tokens, RateBasis basis, TimeUnit unit)
    {
        Tokens = tokens;
        Basis = basis;
        Unit = unit;
    }

    public ImmutableArray<SyntaxToken> Tokens { get; }
    public RateBasis Basis { get; }
    public TimeUnit Unit { get; }

    public override IEnumerable<object?> Children => Tokens;
}

/// <summary><c>time</c>, <c>percent</c>, <c>location</c>, <c>duration per day</c>: a type by name.</summary>
public sealed class NamedTypeSyntax : TypeSyntax
{
    public NamedTypeSyntax(SyntaxToken name, RateSuffixSyntax? rate)
    {
        Name = name;
        Rate = rate;
    }

    public SyntaxToken Name { get; }
    public RateSuffixSyntax? Rate { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Name;
            yield return Rate;
        }
    }
}

/// <summary><c>CNY</c>, <c>CNY per student per month</c>, <c>元 每生每月</c>.</summary>
public sealed class MoneyTypeSyntax : TypeSyntax
{
    public MoneyTypeSyntax(SyntaxToken currency, RateSuffixSyntax? rate)
    {
        Currency = currency;
        Rate = rate;
    }

    public SyntaxToken Currency { get; }
    public RateSuffixSyntax? Rate { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Currency;
            yield return Rate;
        }
    }
}

/// <summary><c>students per staff</c>.</summary>
public sealed class RatioTypeSyntax : TypeSyntax
{
    public RatioTypeSyntax(SyntaxToken students, SyntaxToken per, SyntaxToken denominator)
    {
        Students = students;
        Per = per;
        Denominator = denominator;
    }

    public SyntaxToken Students { get; }
    public SyntaxToken Per { get; }
    public SyntaxToken Denominator { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Students;
            yield return Per;
            yield return Denominator;
        }
    }
}

/// <summary><c>set of category</c>, <c>list of text</c>.</summary>
public sealed class CollectionTypeSyntax : TypeSyntax
{
    public CollectionTypeSyntax(ImmutableArray<SyntaxToken> keywords, bool isSet, TypeSyntax element)
    {
        Keywords = keywords;
        IsSet = isSet;
        Element = element;
    }

    /// <summary>'set' 'of', 'list' 'of', or the one Chinese word 集合 / 列表.</summary>
    public ImmutableArray<SyntaxToken> Keywords { get; }
    public bool IsSet { get; }
    public TypeSyntax Element { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            foreach (var k in Keywords) yield return k;
            yield return Element;
        }
    }
}
