using System.Collections.Immutable;

namespace PolicyLang.Syntax;

/// <summary><c>window { … }</c>, <c>fee { … }</c>, …: a domain section.</summary>
public sealed class SectionSyntax : MemberSyntax
{
    public SectionSyntax(SectionKind sectionKind, SyntaxToken keyword, SyntaxToken openBrace, ImmutableArray<SectionItemSyntax> items, SyntaxToken closeBrace)
        : base(keyword)
    {
        SectionKind = sectionKind;
        OpenBrace = openBrace;
        Items = items;
        CloseBrace = closeBrace;
    }

    public SectionKind SectionKind { get; }
    public SyntaxToken OpenBrace { get; }
    public ImmutableArray<SectionItemSyntax> Items { get; }
    public SyntaxToken CloseBrace { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return OpenBrace;
            foreach (var i in Items) yield return i;
            yield return CloseBrace;
        }
    }
}

/// <summary>
/// One line of a section. Its <see cref="Form"/> says which slots are filled, in source order:
/// <c>Keyword [Label :] [Name] [Comparator] [Names] [None] [Value] [within … after Anchor] [partial Partial] Tail</c>.
/// </summary>
public sealed class SectionItemSyntax : SyntaxNode
{
    public SectionItemSyntax(SectionItemForm form, SyntaxToken? keyword, SyntaxToken? label, SyntaxToken? labelColon, SyntaxToken? name,
        ComparatorSyntax? comparator, ImmutableArray<SyntaxToken> names, SyntaxToken? noneKeyword, ExpressionSyntax? value,
        SyntaxToken? withinKeyword, SyntaxToken? afterKeyword, ExpressionSyntax? anchor, SyntaxToken? partialKeyword, ExpressionSyntax? partial,
        ItemTailSyntax tail)
    {
        Form = form;
        Keyword = keyword;
        Label = label;
        LabelColon = labelColon;
        Name = name;
        Comparator = comparator;
        Names = names;
        NoneKeyword = noneKeyword;
        Value = value;
        WithinKeyword = withinKeyword;
        AfterKeyword = afterKeyword;
        Anchor = anchor;
        PartialKeyword = partialKeyword;
        Partial = partial;
        Tail = tail;
    }

    public SectionItemForm Form { get; }
    /// <summary>The leading keyword (cap, end, days, waive, …); null for name-led and amount lines.</summary>
    public SyntaxToken? Keyword { get; }
    public SyntaxToken? Label { get; }
    public SyntaxToken? LabelColon { get; }
    /// <summary>The leading name of a <see cref="SectionItemForm.Named"/> line or the segment kind of a segment line.</summary>
    public SyntaxToken? Name { get; }
    public ComparatorSyntax? Comparator { get; }
    public ImmutableArray<SyntaxToken> Names { get; }
    public SyntaxToken? NoneKeyword { get; }
    public ExpressionSyntax? Value { get; }
    public SyntaxToken? WithinKeyword { get; }
    public SyntaxToken? AfterKeyword { get; }
    public ExpressionSyntax? Anchor { get; }
    public SyntaxToken? PartialKeyword { get; }
    public ExpressionSyntax? Partial { get; }
    public ItemTailSyntax Tail { get; }

    /// <summary>The token that names the line: its keyword, else its name.</summary>
    public SyntaxToken? LeadToken => Keyword ?? Name ?? Label;

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Label;
            yield return LabelColon;
            yield return Name;
            yield return Comparator;
            foreach (var n in Names) yield return n;
            yield return NoneKeyword;
            yield return WithinKeyword;
            yield return Value;
            yield return AfterKeyword;
            yield return Anchor;
            yield return PartialKeyword;
            yield return Partial;
            yield return Tail;
        }
    }
}

/// <summary><c>[for NAMES] [when COND] [exception to NAME] [§ "clause"] [warning|error] [;]</c></summary>
public sealed class ItemTailSyntax : SyntaxNode
{
    public ItemTailSyntax(SyntaxToken? forKeyword, ImmutableArray<SyntaxToken> forNames, SyntaxToken? whenKeyword, ExpressionSyntax? condition,
        ImmutableArray<SyntaxToken> exceptionKeywords, SyntaxToken? exceptionTarget, CitationSyntax? citation, SyntaxToken? severity, SyntaxToken? semicolon)
    {
        ForKeyword = forKeyword;
        ForNames = forNames;
        WhenKeyword = whenKeyword;
        Condition = condition;
        ExceptionKeywords = exceptionKeywords;
        ExceptionTarget = exceptionTarget;
        Citation = citation;
        Severity = severity;
        Semicolon = semicolon;
    }

    public SyntaxToken? ForKeyword { get; }
    public ImmutableArray<SyntaxToken> ForNames { get; }
    public SyntaxToken? WhenKeyword { get; }
    public ExpressionSyntax? Condition { get; }
    public ImmutableArray<SyntaxToken> ExceptionKeywords { get; }
    public SyntaxToken? ExceptionTarget { get; }
    public CitationSyntax? Citation { get; }
    public SyntaxToken? Severity { get; }
    public SyntaxToken? Semicolon { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return ForKeyword;
            foreach (var n in ForNames) yield return n;
            yield return WhenKeyword;
            yield return Condition;
            foreach (var k in ExceptionKeywords) yield return k;
            yield return ExceptionTarget;
            yield return Citation;
            yield return Severity;
            yield return Semicolon;
        }
    }
}

/// <summary>A comparison word or symbol: <c>at least</c>, <c>不晚于</c>, <c>&lt;=</c>, <c>not in</c>, …</summary>
public sealed class ComparatorSyntax : SyntaxNode
{
    public ComparatorSyntax(ComparatorKind kind, ImmutableArray<SyntaxToken> tokens)
    {
        Kind = kind;
        Tokens = tokens;
    }

    public ComparatorKind Kind { get; }
    public ImmutableArray<SyntaxToken> Tokens { get; }
    public string Text => string.Join(" ", Tokens.Select(t => t.Text));

    public override IEnumerable<object?> Children => Tokens;
}
