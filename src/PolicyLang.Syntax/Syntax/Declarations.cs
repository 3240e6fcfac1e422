using System.Collections.Immutable;

namespace PolicyLang.Syntax;

public sealed class CompilationUnitSyntax : SyntaxNode
{
    public CompilationUnitSyntax(ImmutableArray<MemberSyntax> members, SyntaxToken endOfFile)
    {
        Members = members;
        EndOfFile = endOfFile;
    }

    public ImmutableArray<MemberSyntax> Members { get; }
    public SyntaxToken EndOfFile { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            foreach (var m in Members) yield return m;
            yield return EndOfFile;
        }
    }
}

public abstract class MemberSyntax : SyntaxNode
{
    protected MemberSyntax(SyntaxToken keyword) => Keyword = keyword;

    /// <summary>The declaration keyword: policy, param, rule, a section keyword, …</summary>
    public SyntaxToken Keyword { get; }
}

/// <summary><c>§ "clause"</c>, <c>cite "clause"</c> or <c>依据 "clause"</c>.</summary>
public sealed class CitationSyntax : SyntaxNode
{
    public CitationSyntax(SyntaxToken keyword, SyntaxToken clause)
    {
        Keyword = keyword;
        Clause = clause;
    }

    public SyntaxToken Keyword { get; }
    public SyntaxToken Clause { get; }
    /// <summary>The clause text without quotes and with escapes resolved.</summary>
    public string Value => SyntaxFacts.UnquoteString(Clause.Text);

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Clause;
        }
    }
}

public sealed class PolicyDeclarationSyntax : MemberSyntax
{
    public PolicyDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, SyntaxToken openBrace, ImmutableArray<HeaderItemSyntax> items, SyntaxToken closeBrace)
        : base(keyword)
    {
        Name = name;
        OpenBrace = openBrace;
        Items = items;
        CloseBrace = closeBrace;
    }

    public SyntaxToken Name { get; }
    public SyntaxToken OpenBrace { get; }
    public ImmutableArray<HeaderItemSyntax> Items { get; }
    public SyntaxToken CloseBrace { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            yield return OpenBrace;
            foreach (var i in Items) yield return i;
            yield return CloseBrace;
        }
    }
}

/// <summary>
/// A header line. <see cref="Value"/> is the string, name or date token; <see cref="UntilKeyword"/> and
/// <see cref="UntilDate"/> only for <c>effective … until …</c>; <see cref="Expression"/> only for <c>applies</c>.
/// </summary>
public sealed class HeaderItemSyntax : SyntaxNode
{
    public HeaderItemSyntax(HeaderItemKind kind, SyntaxToken keyword, SyntaxToken? value, SyntaxToken? untilKeyword, SyntaxToken? untilDate, ExpressionSyntax? expression, SyntaxToken? semicolon)
    {
        ItemKind = kind;
        Keyword = keyword;
        Value = value;
        UntilKeyword = untilKeyword;
        UntilDate = untilDate;
        Expression = expression;
        Semicolon = semicolon;
    }

    public HeaderItemKind ItemKind { get; }
    public SyntaxToken Keyword { get; }
    public SyntaxToken? Value { get; }
    public SyntaxToken? UntilKeyword { get; }
    public SyntaxToken? UntilDate { get; }
    public ExpressionSyntax? Expression { get; }
    public SyntaxToken? Semicolon { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Value;
            yield return UntilKeyword;
            yield return UntilDate;
            yield return Expression;
            yield return Semicolon;
        }
    }
}

/// <summary><c>param NAME: TYPE = VALUE [from DATE: VALUE]… [§ "clause"]</c></summary>
public sealed class ParameterDeclarationSyntax : MemberSyntax
{
    public ParameterDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, SyntaxToken colon, TypeSyntax type, SyntaxToken equals,
        ExpressionSyntax value, ImmutableArray<DatedValueSyntax> datedValues, CitationSyntax? citation, SyntaxToken? semicolon)
        : base(keyword)
    {
        Name = name;
        Colon = colon;
        Type = type;
        EqualsToken = equals;
        Value = value;
        DatedValues = datedValues;
        Citation = citation;
        Semicolon = semicolon;
    }

    public SyntaxToken Name { get; }
    public SyntaxToken Colon { get; }
    public TypeSyntax Type { get; }
    public SyntaxToken EqualsToken { get; }
    public ExpressionSyntax Value { get; }
    public ImmutableArray<DatedValueSyntax> DatedValues { get; }
    public CitationSyntax? Citation { get; }
    public SyntaxToken? Semicolon { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            yield return Colon;
            yield return Type;
            yield return EqualsToken;
            yield return Value;
            foreach (var d in DatedValues) yield return d;
            yield return Citation;
            yield return Semicolon;
        }
    }
}

/// <summary><c>from DATE: VALUE</c></summary>
public sealed class DatedValueSyntax : SyntaxNode
{
    public DatedValueSyntax(SyntaxToken fromKeyword, SyntaxToken date, SyntaxToken colon, ExpressionSyntax value)
    {
        FromKeyword = fromKeyword;
        Date = date;
        Colon = colon;
        Value = value;
    }

    public SyntaxToken FromKeyword { get; }
    public SyntaxToken Date { get; }
    public SyntaxToken Colon { get; }
    public ExpressionSyntax Value { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return FromKeyword;
            yield return Date;
            yield return Colon;
            yield return Value;
        }
    }
}

/// <summary><c>measure NAME [: TYPE] = EXPR [§ "clause"]</c></summary>
public sealed class MeasureDeclarationSyntax : MemberSyntax
{
    public MeasureDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, SyntaxToken? colon, TypeSyntax? type, SyntaxToken equals,
        ExpressionSyntax value, CitationSyntax? citation, SyntaxToken? semicolon)
        : base(keyword)
    {
        Name = name;
        Colon = colon;
        Type = type;
        EqualsToken = equals;
        Value = value;
        Citation = citation;
        Semicolon = semicolon;
    }

    public SyntaxToken Name { get; }
    public SyntaxToken? Colon { get; }
    public TypeSyntax? Type { get; }
    public SyntaxToken EqualsToken { get; }
    public ExpressionSyntax Value { get; }
    public CitationSyntax? Citation { get; }
    public SyntaxToken? Semicolon { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            yield return Colon;
            yield return Type;
            yield return EqualsToken;
            yield return Value;
            yield return Citation;
            yield return Semicolon;
        }
    }
}

/// <summary><c>rule NAME "description"… [§ "clause"] [warning] [when COND] (require|forbid) EXPR</c></summary>
public sealed class RuleDeclarationSyntax : MemberSyntax
{
    public RuleDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, ImmutableArray<SyntaxToken> descriptions, CitationSyntax? citation,
        SyntaxToken? severity, SyntaxToken? whenKeyword, ExpressionSyntax? condition, SyntaxToken modeKeyword, RuleMode mode,
        ExpressionSyntax body, SyntaxToken? semicolon)
        : base(keyword)
    {
        Name = name;
        Descriptions = descriptions;
        Citation = citation;
        Severity = severity;
        WhenKeyword = whenKeyword;
        Condition = condition;
        ModeKeyword = modeKeyword;
        Mode = mode;
        Body = body;
        Semicolon = semicolon;
    }

    public SyntaxToken Name { get; }
    public ImmutableArray<SyntaxToken> Descriptions { get; }
    public CitationSyntax? Citation { get; }
    public SyntaxToken? Severity { get; }
    public SyntaxToken? WhenKeyword { get; }
    public ExpressionSyntax? Condition { get; }
    public SyntaxToken ModeKeyword { get; }
    public RuleMode Mode { get; }
    public ExpressionSyntax Body { get; }
    public SyntaxToken? Semicolon { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            foreach (var d in Descriptions) yield return d;
            yield return Citation;
            yield return Severity;
            yield return WhenKeyword;
            yield return Condition;
            yield return ModeKeyword;
            yield return Body;
            yield return Semicolon;
        }
    }
}

/// <summary><c>scenario NAME ["label"] { set …; assume … }</c></summary>
public sealed class ScenarioDeclarationSyntax : MemberSyntax
{
    public ScenarioDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, SyntaxToken? label, SyntaxToken openBrace,
        ImmutableArray<ScenarioItemSyntax> items, SyntaxToken closeBrace)
        : base(keyword)
    {
        Name = name;
        Label = label;
        OpenBrace = openBrace;
        Items = items;
        CloseBrace = closeBrace;
    }

    public SyntaxToken Name { get; }
    public SyntaxToken? Label { get; }
    public SyntaxToken OpenBrace { get; }
    public ImmutableArray<ScenarioItemSyntax> Items { get; }
    public SyntaxToken CloseBrace { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            yield return Label;
            yield return OpenBrace;
            foreach (var i in Items) yield return i;
            yield return CloseBrace;
        }
    }
}

public abstract class ScenarioItemSyntax : SyntaxNode
{
    protected ScenarioItemSyntax(SyntaxToken keyword, SyntaxToken? semicolon)
    {
        Keyword = keyword;
        Semicolon = semicolon;
    }

    public SyntaxToken Keyword { get; }
    public SyntaxToken? Semicolon { get; }
}

/// <summary><c>set fee.cap = 120 CNY per student per month</c></summary>
public sealed class SetItemSyntax : ScenarioItemSyntax
{
    public SetItemSyntax(SyntaxToken keyword, QualifiedNameSyntax target, SyntaxToken equals, ExpressionSyntax value, SyntaxToken? semicolon)
        : base(keyword, semicolon)
    {
        Target = target;
        EqualsToken = equals;
        Value = value;
    }

    public QualifiedNameSyntax Target { get; }
    public SyntaxToken EqualsToken { get; }
    public ExpressionSyntax Value { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Target;
            yield return EqualsToken;
            yield return Value;
            yield return Semicolon;
        }
    }
}

/// <summary><c>assume participation elasticity -0.3</c> / <c>assume schools charge the cap</c></summary>
public sealed class AssumeItemSyntax : ScenarioItemSyntax
{
    public AssumeItemSyntax(SyntaxToken keyword, ImmutableArray<SyntaxToken> words, ExpressionSyntax? value, SyntaxToken? semicolon)
        : base(keyword, semicolon)
    {
        Words = words;
        Value = value;
    }

    public ImmutableArray<SyntaxToken> Words { get; }
    public ExpressionSyntax? Value { get; }
    public string Phrase => string.Join(" ", Words.Select(w => w.Text));

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            foreach (var w in Words) yield return w;
            yield return Value;
            yield return Semicolon;
        }
    }
}

/// <summary><c>test "name" { given plan "file.json"; expect violation fee.cap }</c></summary>
public sealed class TestDeclarationSyntax : MemberSyntax
{
    public TestDeclarationSyntax(SyntaxToken keyword, SyntaxToken name, SyntaxToken openBrace, ImmutableArray<TestItemSyntax> items, SyntaxToken closeBrace)
        : base(keyword)
    {
        Name = name;
        OpenBrace = openBrace;
        Items = items;
        CloseBrace = closeBrace;
    }

    public SyntaxToken Name { get; }
    public string NameValue => SyntaxFacts.UnquoteString(Name.Text);
    public SyntaxToken OpenBrace { get; }
    public ImmutableArray<TestItemSyntax> Items { get; }
    public SyntaxToken CloseBrace { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Name;
            yield return OpenBrace;
            foreach (var i in Items) yield return i;
            yield return CloseBrace;
        }
    }
}

public abstract class TestItemSyntax : SyntaxNode
{
    protected TestItemSyntax(SyntaxToken keyword, SyntaxToken word, SyntaxToken? semicolon)
    {
        Keyword = keyword;
        Word = word;
        Semicolon = semicolon;
    }

    public SyntaxToken Keyword { get; }
    /// <summary>The word after the keyword: <c>plan</c>, <c>date</c>, <c>compliant</c>, <c>violation</c>.</summary>
    public SyntaxToken Word { get; }
    public SyntaxToken? Semicolon { get; }
}

/// <summary><c>given plan "file.json" [with { … }]</c>, <c>given plan { … }</c>, <c>given date 2022-01-01</c></summary>
public sealed class GivenItemSyntax : TestItemSyntax
{
    public GivenItemSyntax(SyntaxToken keyword, SyntaxToken word, SyntaxToken? source, JsonObjectSyntax? inline, SyntaxToken? withKeyword,
        JsonObjectSyntax? overlay, SyntaxToken? semicolon)
        : base(keyword, word, semicolon)
    {
        Source = source;
        Inline = inline;
        WithKeyword = withKeyword;
        Overlay = overlay;
    }

    /// <summary>A file-name string or a date token.</summary>
    public SyntaxToken? Source { get; }
    public JsonObjectSyntax? Inline { get; }
    public SyntaxToken? WithKeyword { get; }
    public JsonObjectSyntax? Overlay { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Word;
            yield return Source;
            yield return Inline;
            yield return WithKeyword;
            yield return Overlay;
            yield return Semicolon;
        }
    }
}

/// <summary><c>expect compliant</c> / <c>expect violation fee.cap, voluntary</c></summary>
public sealed class ExpectItemSyntax : TestItemSyntax
{
    public ExpectItemSyntax(SyntaxToken keyword, SyntaxToken word, ImmutableArray<QualifiedNameSyntax> names, SyntaxToken? semicolon)
        : base(keyword, word, semicolon)
    {
        Names = names;
    }

    public ImmutableArray<QualifiedNameSyntax> Names { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Keyword;
            yield return Word;
            foreach (var n in Names) yield return n;
            yield return Semicolon;
        }
    }
}

/// <summary><c>fee.cap</c>, <c>office_close</c>: a dotted name.</summary>
public sealed class QualifiedNameSyntax : SyntaxNode
{
    public QualifiedNameSyntax(ImmutableArray<SyntaxToken> parts) => Parts = parts;

    public ImmutableArray<SyntaxToken> Parts { get; }
    public string Text => string.Join(".", Parts.Select(p => p.Text));

    public override IEnumerable<object?> Children => Parts;
}
