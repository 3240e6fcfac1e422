using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using PolicyLang.Diagnostics;
using PolicyLang.Text;
using static PolicyLang.Syntax.Parsing.Generated.PolicyParser;

namespace PolicyLang.Syntax.Parsing;

/// <summary>
/// Turns ANTLR's parse tree into PolicyLang's own syntax tree. Every slot the grammar requires is filled:
/// what error recovery left out becomes a missing token or a <see cref="MissingExpressionSyntax"/>.
/// </summary>
internal sealed class TreeBuilder
{
    public const int MaxExpressionDepth = 400;

    private readonly SourceText _text;
    private readonly Func<int, int> _offset;
    private readonly DiagnosticBag _diagnostics;
    private readonly SyntaxToken?[] _byIndex;
    private int _depth;
    private bool _reportedDepth;

    /// <param name="byIndex">Tokens already made for the significant ANTLR tokens, by token index; reused as they are.</param>
    public TreeBuilder(SourceText text, Func<int, int> offset, DiagnosticBag diagnostics, SyntaxToken?[] byIndex)
    {
        _text = text;
        _offset = offset;
        _diagnostics = diagnostics;
        _byIndex = byIndex;
    }

    // ------------------------------------------------------------------ tokens

    private SyntaxToken Tok(IToken token)
    {
        var kind = TokenKinds.FromAntlr(token.Type);
        if (token.TokenIndex < 0 || token.StartIndex < 0 || token.Type == TokenConstants.EOF)
        {
            // Conjured by error recovery, or end of file: zero width at the position ANTLR gives it.
            var position = token.Type == TokenConstants.EOF && token.StartIndex >= 0
                ? _offset(token.StartIndex)
                : _text.GetPosition(new LinePosition(Math.Max(0, token.Line - 1), Math.Max(0, token.Column)));
            if (token.Type == TokenConstants.EOF) position = _text.Length;
            return new SyntaxToken(kind, string.Empty, new TextSpan(position, 0), isMissing: token.Type != TokenConstants.EOF);
        }
        var start = _offset(token.StartIndex);
        if (token.TokenIndex < _byIndex.Length && _byIndex[token.TokenIndex] is { } made && made.Kind == kind && made.Span.Start == start)
            return made;
        var end = _offset(token.StopIndex + 1);
        return new SyntaxToken(kind, _text.ToString(TextSpan.FromBounds(start, end)), TextSpan.FromBounds(start, end));
    }

    private SyntaxToken Tok(ITerminalNode? node, TokenKind expected, ParserRuleContext context) =>
        node is not null ? Tok(node.Symbol) : Missing(expected, context);

    private SyntaxToken? OptTok(ITerminalNode? node) => node is null ? null : Tok(node.Symbol);

    private SyntaxToken Missing(TokenKind kind, ParserRuleContext context)
    {
        int position;
        if (context.Stop is { } stop && stop.StopIndex >= 0 && stop.TokenIndex >= 0 && (context.Start is null || stop.TokenIndex >= context.Start.TokenIndex))
            position = _offset(stop.StopIndex + 1);
        else if (context.Start is { } start && start.StartIndex >= 0 && start.Type != TokenConstants.EOF)
            position = _offset(start.StartIndex);
        else
            position = _text.Length;
        return new SyntaxToken(kind, string.Empty, new TextSpan(position, 0), isMissing: true);
    }

    private SyntaxToken Name(IdentifierContext? id, ParserRuleContext context) => SingleToken(id, context);

    private SyntaxToken Word(AnyWordContext? word, ParserRuleContext context) => SingleToken(word, context);

    /// <summary>The one token a name rule matched; a missing token when recovery left the rule empty.</summary>
    private SyntaxToken SingleToken(ParserRuleContext? rule, ParserRuleContext context)
    {
        if (rule is null || rule.exception is not null) return Missing(TokenKind.Id, context);
        var node = rule.ChildCount > 0 ? rule.GetChild(0) : null;
        while (node is ParserRuleContext inner) node = inner.ChildCount > 0 ? inner.GetChild(0) : null;
        return node is ITerminalNode { Symbol: { TokenIndex: >= 0 } symbol } and not IErrorNode ? Tok(symbol) : Missing(TokenKind.Id, context);
    }

    private ImmutableArray<SyntaxToken> Names(NameListContext? list) =>
        list is null ? ImmutableArray<SyntaxToken>.Empty : list.identifier().Select(i => Name(i, list)).ToImmutableArray();

    private IEnumerable<IToken> Terminals(IParseTree context)
    {
        for (var i = 0; i < context.ChildCount; i++)
            if (context.GetChild(i) is ITerminalNode t && t is not IErrorNode)
                yield return t.Symbol;
    }

    private SyntaxToken FirstTerminal(ParserRuleContext context, TokenKind fallback) =>
        Terminals(context).FirstOrDefault() is { } t ? Tok(t) : Missing(fallback, context);

    // ------------------------------------------------------------------ members

    /// <summary>What the builder reported.</summary>
    public DiagnosticBag Diagnostics => _diagnostics;

    /// <summary>
    /// Builds each member of the compilation unit as soon as the parser leaves it, then takes it out of ANTLR's parse
    /// tree (its parent pointers stay, for error messages). Not while a bailing SLL parse is being cancelled.
    /// </summary>
    internal sealed class MemberListener : IParseTreeListener
    {
        private readonly TreeBuilder _builder;
        private readonly Parser _parser;

        public MemberListener(TreeBuilder builder, Parser parser)
        {
            _builder = builder;
            _parser = parser;
        }

        public ImmutableArray<MemberSyntax>.Builder Members { get; } = ImmutableArray.CreateBuilder<MemberSyntax>();

        public void ExitEveryRule(ParserRuleContext ctx)
        {
            if (ctx is not MemberContext member || member.Parent is not CompilationUnitContext unit) return;
            if (member.exception is not null && _parser.ErrorHandler is BailErrorStrategy) return;
            if (unit.ChildCount == 0 || !ReferenceEquals(unit.GetChild(unit.ChildCount - 1), member)) return;
            if (_builder.BuildMember(member) is { } built) Members.Add(built);
            unit.RemoveLastChild();
        }

        public void EnterEveryRule(ParserRuleContext ctx)
        {
        }

        public void VisitTerminal(ITerminalNode node)
        {
        }

        public void VisitErrorNode(IErrorNode node)
        {
        }
    }

    /// <summary>The compilation unit: <paramref name="built"/> (members already built) and any member still in the parse tree.</summary>
    public CompilationUnitSyntax Build(CompilationUnitContext context, ImmutableArray<MemberSyntax>.Builder built)
    {
        var members = built;
        foreach (var m in context.member())
            if (BuildMember(m) is { } member)
                members.Add(member);
        var eof = context.Eof() is { } e ? Tok(e.Symbol) : new SyntaxToken(TokenKind.EndOfFile, string.Empty, new TextSpan(_text.Length, 0));
        return new CompilationUnitSyntax(members.ToImmutable(), eof);
    }

    private MemberSyntax? BuildMember(MemberContext context)
    {
        if (context.policyDecl() is { } policy) return BuildPolicy(policy);
        if (context.paramDecl() is { } param) return BuildParam(param);
        if (context.section() is { } section) return BuildSection(section);
        if (context.ruleDecl() is { } rule) return BuildRule(rule);
        if (context.measureDecl() is { } measure) return BuildMeasure(measure);
        if (context.scenarioDecl() is { } scenario) return BuildScenario(scenario);
        if (context.testDecl() is { } test) return BuildTest(test);
        return null;
    }

    private PolicyDeclarationSyntax BuildPolicy(PolicyDeclContext c) => new(
        Tok(c.POLICY(), TokenKind.Policy, c),
        Name(c.identifier(), c),
        Tok(c.LBRACE(), TokenKind.Lbrace, c),
        c.headerItem().Select(BuildHeaderItem).ToImmutableArray(),
        Tok(c.RBRACE(), TokenKind.Rbrace, c));

    private HeaderItemSyntax BuildHeaderItem(HeaderItemContext c)
    {
        var keyword = FirstTerminal(c, TokenKind.Title);
        var semi = OptTok(c.SEMI());
        switch (keyword.Kind)
        {
            case TokenKind.Title:
            case TokenKind.Issuer:
            case TokenKind.Document:
                var kind = keyword.Kind == TokenKind.Title ? HeaderItemKind.Title : keyword.Kind == TokenKind.Issuer ? HeaderItemKind.Issuer : HeaderItemKind.Document;
                return new HeaderItemSyntax(kind, keyword, Tok(c.STRING(), TokenKind.String, c), null, null, null, semi);
            case TokenKind.Level:
                return new HeaderItemSyntax(HeaderItemKind.Level, keyword, Name(c.identifier(), c), null, null, null, semi);
            case TokenKind.Effective:
                var dates = c.DATE();
                return new HeaderItemSyntax(HeaderItemKind.Effective, keyword,
                    dates.Length > 0 ? Tok(dates[0].Symbol) : Missing(TokenKind.Date, c),
                    OptTok(c.UNTIL()),
                    c.UNTIL() is null ? null : dates.Length > 1 ? Tok(dates[1].Symbol) : Missing(TokenKind.Date, c),
                    null, semi);
            case TokenKind.Applies:
                return new HeaderItemSyntax(HeaderItemKind.Applies, keyword, null, null, null, Expr(c.expr(), c), semi);
            default:
                return new HeaderItemSyntax(HeaderItemKind.Extends, keyword, Name(c.identifier(), c), null, null, null, semi);
        }
    }

    private ParameterDeclarationSyntax BuildParam(ParamDeclContext c) => new(
        Tok(c.PARAM(), TokenKind.Param, c),
        Name(c.identifier(), c),
        Tok(c.COLON(), TokenKind.Colon, c),
        Type(c.type(), c),
        Tok(c.EQ(), TokenKind.Eq, c),
        Expr(c.expr(), c),
        c.datedValue().Select(d => new DatedValueSyntax(Tok(d.FROM(), TokenKind.From, d), Tok(d.DATE(), TokenKind.Date, d), Tok(d.COLON(), TokenKind.Colon, d), Expr(d.expr(), d))).ToImmutableArray(),
        Citation(c.citation()),
        OptTok(c.SEMI()));

    private MeasureDeclarationSyntax BuildMeasure(MeasureDeclContext c) => new(
        Tok(c.MEASURE(), TokenKind.Measure, c),
        Name(c.identifier(), c),
        OptTok(c.COLON()),
        c.type() is { } t ? Type(t, c) : null,
        Tok(c.EQ(), TokenKind.Eq, c),
        Expr(c.expr(), c),
        Citation(c.citation()),
        OptTok(c.SEMI()));

    private CitationSyntax? Citation(CitationContext? c) =>
        c is null ? null : new CitationSyntax(Tok(c.CITE(), TokenKind.Cite, c), Tok(c.STRING(), TokenKind.String, c));

    private SyntaxToken? Severity(SeverityContext? c) => c?.Start is { } t ? Tok(t) : null;

    private RuleDeclarationSyntax BuildRule(RuleDeclContext c)
    {
        var exprs = c.expr();
        var hasWhen = c.WHEN() is not null;
        ExpressionSyntax? condition = hasWhen ? (exprs.Length > 0 ? Expr(exprs[0], c) : MissingExpr(c)) : null;
        var body = hasWhen ? (exprs.Length > 1 ? Expr(exprs[1], c) : MissingExpr(c)) : (exprs.Length > 0 ? Expr(exprs[0], c) : MissingExpr(c));
        var modeNode = c.REQUIRE() ?? c.FORBID();
        var mode = c.FORBID() is not null ? RuleMode.Forbid : RuleMode.Require;
        return new RuleDeclarationSyntax(
            Tok(c.RULE(), TokenKind.Rule, c),
            Name(c.identifier(), c),
            c.STRING().Select(s => Tok(s.Symbol)).ToImmutableArray(),
            Citation(c.citation()),
            Severity(c.severity()),
            OptTok(c.WHEN()),
            condition,
            Tok(modeNode, TokenKind.Require, c),
            mode,
            body,
            OptTok(c.SEMI()));
    }

    private ScenarioDeclarationSyntax BuildScenario(ScenarioDeclContext c)
    {
        var items = ImmutableArray.CreateBuilder<ScenarioItemSyntax>();
        foreach (var item in c.scenarioItem())
        {
            switch (item)
            {
                case SetItemContext s:
                    items.Add(new SetItemSyntax(Tok(s.SET(), TokenKind.Set, s), QualifiedName(s.qualifiedName(), s), Tok(s.EQ(), TokenKind.Eq, s), Expr(s.expr(), s), OptTok(s.SEMI())));
                    break;
                case AssumeItemContext a:
                    items.Add(new AssumeItemSyntax(Tok(a.ASSUME(), TokenKind.Assume, a),
                        a.assumeWord().Select(w => w.Start is { } t ? Tok(t) : Missing(TokenKind.Id, a)).ToImmutableArray(),
                        a.expr() is { } v ? Expr(v, a) : null, OptTok(a.SEMI())));
                    break;
            }
        }
        return new ScenarioDeclarationSyntax(Tok(c.SCENARIO(), TokenKind.Scenario, c), Name(c.identifier(), c), OptTok(c.STRING()),
            Tok(c.LBRACE(), TokenKind.Lbrace, c), items.ToImmutable(), Tok(c.RBRACE(), TokenKind.Rbrace, c));
    }

    private TestDeclarationSyntax BuildTest(TestDeclContext c)
    {
        var items = ImmutableArray.CreateBuilder<TestItemSyntax>();
        foreach (var item in c.testItem())
        {
            switch (item)
            {
                case GivenItemContext g:
                {
                    var source = g.STRING() ?? g.DATE();
                    var objects = g.jsonObject();
                    JsonObjectSyntax? inline = null, overlay = null;
                    var index = 0;
                    if (source is null && objects.Length > 0) inline = JsonObject(objects[index++]);
                    if (g.WITH() is not null && objects.Length > index) overlay = JsonObject(objects[index]);
                    items.Add(new GivenItemSyntax(Tok(g.GIVEN(), TokenKind.Given, g), Name(g.identifier(), g),
                        source is null ? (inline is null ? Missing(TokenKind.String, g) : null) : Tok(source.Symbol),
                        inline, OptTok(g.WITH()), overlay, OptTok(g.SEMI())));
                    break;
                }
                case ExpectItemContext e:
                    items.Add(new ExpectItemSyntax(Tok(e.EXPECT(), TokenKind.Expect, e), Name(e.identifier(), e),
                        e.qualifiedName().Select(q => QualifiedName(q, e)).ToImmutableArray(), OptTok(e.SEMI())));
                    break;
            }
        }
        return new TestDeclarationSyntax(Tok(c.TEST(), TokenKind.Test, c), Tok(c.STRING(), TokenKind.String, c),
            Tok(c.LBRACE(), TokenKind.Lbrace, c), items.ToImmutable(), Tok(c.RBRACE(), TokenKind.Rbrace, c));
    }

    private QualifiedNameSyntax QualifiedName(QualifiedNameContext? q, ParserRuleContext parent) =>
        q is null
            ? new QualifiedNameSyntax(ImmutableArray.Create(Missing(TokenKind.Id, parent)))
            : new QualifiedNameSyntax(q.anyWord().Select(w => Word(w, q)).ToImmutableArray());

    // ------------------------------------------------------------------ inline JSON

    private JsonObjectSyntax JsonObject(JsonObjectContext c) => new(
        Tok(c.LBRACE(), TokenKind.Lbrace, c),
        c.jsonMember().Select(m => new JsonMemberSyntax(
            m.STRING() is { } s ? Tok(s.Symbol) : Word(m.anyWord(), m),
            Tok(m.COLON(), TokenKind.Colon, m),
            JsonValue(m.jsonValue(), m))).ToImmutableArray(),
        Tok(c.RBRACE(), TokenKind.Rbrace, c));

    private JsonValueSyntax JsonValue(JsonValueContext? c, ParserRuleContext parent)
    {
        if (c is null) return new JsonLiteralSyntax(null, Missing(TokenKind.Null, parent));
        if (c.jsonObject() is { } o) return JsonObject(o);
        if (c.LBRACK() is not null)
            return new JsonArraySyntax(Tok(c.LBRACK(), TokenKind.Lbrack, c), c.jsonValue().Select(v => JsonValue(v, c)).ToImmutableArray(), Tok(c.RBRACK(), TokenKind.Rbrack, c));
        var minus = OptTok(c.MINUS());
        var token = c.STRING() ?? c.NUMBER() ?? c.TRUE() ?? c.FALSE() ?? c.NULL();
        return new JsonLiteralSyntax(minus, Tok(token, TokenKind.Null, c));
    }

    // ------------------------------------------------------------------ sections

    private SectionSyntax BuildSection(SectionContext c)
    {
        var keyword = FirstTerminal(c, TokenKind.Window);
        var kind = ExpectedDescriber.SectionKindOf(keyword.Kind) ?? SectionKind.Window;
        IEnumerable<SectionItemSyntax> items = kind switch
        {
            SectionKind.Window => c.windowItem().Select(WindowItem),
            SectionKind.Fee => c.feeItem().Select(FeeItem),
            SectionKind.Subsidy => c.subsidyItem().Select(s => Item(SectionItemForm.Amount, s, null, label: s.identifier(), value: s.expr(), tail: s.itemTail())),
            SectionKind.Pay => c.payItem().Select(PayItem),
            SectionKind.Staffing => c.staffingItem().Select(StaffingItem),
            SectionKind.Eligibility => c.eligibilityItem().Select(e => Item(FormOf(e.Start), e, e.Start, names: e.nameList(), tail: e.itemTail())),
            SectionKind.Homework => c.homeworkItem().Select(h => Item(SectionItemForm.Named, h, null, name: h.identifier(), comparator: h.comparator(), value: h.expr(), tail: h.itemTail())),
            _ => c.calendarItem().Select(k => Item(SectionItemForm.Named, k, null, name: k.identifier(), value: k.expr(), tail: k.itemTail())),
        };
        return new SectionSyntax(kind, keyword, Tok(c.LBRACE(), TokenKind.Lbrace, c), items.ToImmutableArray(), Tok(c.RBRACE(), TokenKind.Rbrace, c));
    }

    private static SectionItemForm FormOf(IToken? start) => start is null ? SectionItemForm.Require : TokenKinds.FromAntlr(start.Type) switch
    {
        TokenKind.Forbid => SectionItemForm.Forbid,
        TokenKind.Priority => SectionItemForm.Priority,
        _ => SectionItemForm.Require,
    };

    private SectionItemSyntax WindowItem(WindowItemContext c) => c switch
    {
        DaysItemContext d => Item(SectionItemForm.Days, d, d.DAYS()?.Symbol, value: d.expr(), tail: d.itemTail()),
        PeriodItemContext p => Item(SectionItemForm.Period, p, p.PERIOD()?.Symbol, value: p.expr(), tail: p.itemTail()),
        WithinItemContext w => Item(SectionItemForm.Within, w, w.END()?.Symbol, value: w.expr(0), within: w.WITHIN(), after: w.AFTER(), anchor: w.expr(1), tail: w.itemTail()),
        BoundItemContext b => Item(SectionItemForm.Bound, b, b.Start, label: b.identifier(), comparator: b.comparator(), value: b.expr(), tail: b.itemTail()),
        SegmentItemContext s => Item(SectionItemForm.Segment, s, s.SEGMENT()?.Symbol, name: s.identifier(), value: s.expr(), tail: s.itemTail()),
        DurationItemContext d => Item(SectionItemForm.Duration, d, null, comparator: d.comparator(), value: d.expr(), tail: d.itemTail()),
        _ => Item(SectionItemForm.Duration, c, null, tail: null),
    };

    private SectionItemSyntax FeeItem(FeeItemContext c) => c switch
    {
        CapItemContext cap => Item(SectionItemForm.Cap, cap, cap.CAP()?.Symbol, label: cap.identifier(), none: cap.NONE(), value: cap.NONE() is null ? cap.expr() : null, tail: cap.itemTail()),
        WaiveItemContext w => Item(SectionItemForm.Waive, w, w.WAIVE()?.Symbol, names: w.nameList(), partial: w.PARTIAL(), partialValue: w.expr(), tail: w.itemTail()),
        RefundItemContext r => Item(SectionItemForm.Refund, r, r.REFUND()?.Symbol, singleName: r.identifier(), tail: r.itemTail()),
        FreeItemContext f => Item(SectionItemForm.Free, f, f.FREE()?.Symbol, tail: f.itemTail()),
        CollectedByItemContext cb => Item(SectionItemForm.CollectedBy, cb, cb.COLLECTED_BY()?.Symbol, singleName: cb.identifier(), tail: cb.itemTail()),
        _ => Item(SectionItemForm.Cap, c, null, tail: null),
    };

    private SectionItemSyntax PayItem(PayItemContext c) => c switch
    {
        PayForbidItemContext f => Item(SectionItemForm.Forbid, f, f.FORBID()?.Symbol, names: f.nameList(), tail: f.itemTail()),
        PayValueItemContext v => Item(SectionItemForm.Named, v, null, name: v.identifier(), comparator: v.comparator(), value: v.expr(), tail: v.itemTail()),
        _ => Item(SectionItemForm.Named, c, null, tail: null),
    };

    private SectionItemSyntax StaffingItem(StaffingItemContext c) => c switch
    {
        StaffingForbidItemContext f => Item(SectionItemForm.Forbid, f, f.FORBID()?.Symbol, names: f.nameList(), tail: f.itemTail()),
        StaffingRequireItemContext r => Item(SectionItemForm.Require, r, r.REQUIRE()?.Symbol, names: r.nameList(), tail: r.itemTail()),
        StaffingOnlyItemContext o => Item(SectionItemForm.Only, o, o.ONLY()?.Symbol, value: o.expr(), tail: o.itemTail()),
        StaffingValueItemContext v => Item(SectionItemForm.Named, v, null, name: v.identifier(), comparator: v.comparator(), value: v.expr(), tail: v.itemTail()),
        StaffingRatioItemContext r => Item(SectionItemForm.Duration, r, null, comparator: r.comparator(), value: r.expr(), tail: r.itemTail()),
        _ => Item(SectionItemForm.Named, c, null, tail: null),
    };

    private SectionItemSyntax Item(SectionItemForm form, ParserRuleContext c, IToken? keyword,
        IdentifierContext? label = null, IdentifierContext? name = null, ComparatorContext? comparator = null, NameListContext? names = null,
        IdentifierContext? singleName = null, ITerminalNode? none = null, ExprContext? value = null, ITerminalNode? within = null,
        ITerminalNode? after = null, ExprContext? anchor = null, ITerminalNode? partial = null, ExprContext? partialValue = null,
        ItemTailContext? tail = null)
    {
        var needsValue = form is SectionItemForm.Days or SectionItemForm.Period or SectionItemForm.Within or SectionItemForm.Bound
            or SectionItemForm.Segment or SectionItemForm.Duration or SectionItemForm.Amount or SectionItemForm.Named or SectionItemForm.Only
            || form == SectionItemForm.Cap && none is null;
        var nameTokens = names is not null ? Names(names)
            : singleName is not null ? ImmutableArray.Create(Name(singleName, c))
            : form is SectionItemForm.Waive or SectionItemForm.Refund or SectionItemForm.CollectedBy or SectionItemForm.Forbid or SectionItemForm.Require or SectionItemForm.Priority
                ? ImmutableArray.Create(Missing(TokenKind.Id, c))
                : ImmutableArray<SyntaxToken>.Empty;
        return new SectionItemSyntax(
            form,
            keyword is null ? null : Tok(keyword),
            label is null ? null : Name(label, c),
            label is null ? null : c.GetToken(Generated.PolicyParser.COLON, 0) is { } colon ? Tok(colon.Symbol) : Missing(TokenKind.Colon, c),
            name is not null || form is SectionItemForm.Named or SectionItemForm.Segment ? Name(name, c) : null,
            comparator is not null ? Comparator(comparator) : form is SectionItemForm.Bound or SectionItemForm.Duration ? new ComparatorSyntax(ComparatorKind.AtLeast, ImmutableArray.Create(Missing(TokenKind.At, c))) : null,
            nameTokens,
            OptTok(none),
            value is not null ? Expr(value, c) : needsValue ? MissingExpr(c) : null,
            OptTok(within) ?? (form == SectionItemForm.Within ? Missing(TokenKind.Within, c) : null),
            OptTok(after) ?? (form == SectionItemForm.Within ? Missing(TokenKind.After, c) : null),
            anchor is not null ? Expr(anchor, c) : form == SectionItemForm.Within ? MissingExpr(c) : null,
            OptTok(partial),
            partial is null ? null : partialValue is not null ? Expr(partialValue, c) : MissingExpr(c),
            Tail(tail, c));
    }

    private ItemTailSyntax Tail(ItemTailContext? t, ParserRuleContext parent)
    {
        if (t is null)
            return new ItemTailSyntax(null, ImmutableArray<SyntaxToken>.Empty, null, null, ImmutableArray<SyntaxToken>.Empty, null, null, null, null);
        var exception = t.exceptionClause();
        return new ItemTailSyntax(
            OptTok(t.FOR()),
            t.FOR() is null ? ImmutableArray<SyntaxToken>.Empty : Names(t.nameList()).IsEmpty ? ImmutableArray.Create(Missing(TokenKind.Id, t)) : Names(t.nameList()),
            OptTok(t.WHEN()),
            t.WHEN() is null ? null : t.expr() is { } cond ? Expr(cond, t) : MissingExpr(t),
            exception is null ? ImmutableArray<SyntaxToken>.Empty : Terminals(exception).Select(Tok).ToImmutableArray(),
            exception is null ? null : Name(exception.identifier(), exception),
            Citation(t.citation()),
            Severity(t.severity()),
            OptTok(t.SEMI()));
    }

    private ComparatorSyntax Comparator(ComparatorContext c)
    {
        var tokens = Terminals(c).Select(Tok).ToImmutableArray();
        if (tokens.IsEmpty) tokens = ImmutableArray.Create(Missing(TokenKind.Eqeq, c));
        var first = tokens[0].Kind;
        var second = tokens.Length > 1 ? tokens[1].Kind : TokenKind.Unknown;
        var kind = first switch
        {
            TokenKind.Eqeq => ComparatorKind.Equal,
            TokenKind.Neq => ComparatorKind.NotEqual,
            TokenKind.Lt => ComparatorKind.Less,
            TokenKind.Le => ComparatorKind.LessOrEqual,
            TokenKind.Gt => ComparatorKind.Greater,
            TokenKind.Ge => ComparatorKind.GreaterOrEqual,
            TokenKind.At => second == TokenKind.Most ? ComparatorKind.AtMost : ComparatorKind.AtLeast,
            TokenKind.Not => second switch
            {
                TokenKind.Before => ComparatorKind.NotBefore,
                TokenKind.After => ComparatorKind.NotAfter,
                _ => ComparatorKind.NotIn,
            },
            TokenKind.AtLeastZh => ComparatorKind.AtLeast,
            TokenKind.AtMostZh => ComparatorKind.AtMost,
            TokenKind.NotBeforeZh => ComparatorKind.NotBefore,
            TokenKind.NotAfterZh => ComparatorKind.NotAfter,
            TokenKind.NotInZh => ComparatorKind.NotIn,
            TokenKind.In => ComparatorKind.In,
            _ => ComparatorKind.Equal,
        };
        return new ComparatorSyntax(kind, tokens);
    }

    // ------------------------------------------------------------------ types

    private TypeSyntax Type(TypeContext? c, ParserRuleContext parent)
    {
        switch (c)
        {
            case MoneyTypeContext m:
                return new MoneyTypeSyntax(FirstTerminal(m, TokenKind.Cny), RateSuffix(m.rateSuffix()));
            case RatioTypeContext r:
                return new RatioTypeSyntax(Tok(r.STUDENT(), TokenKind.Student, r), Tok(r.PER(), TokenKind.Per, r), Name(r.identifier(), r));
            case SetTypeContext s:
                return new CollectionTypeSyntax(Terminals(s).Select(Tok).ToImmutableArray(), true, Type(s.type(), s));
            case ListTypeContext l:
                return new CollectionTypeSyntax(Terminals(l).Select(Tok).ToImmutableArray(), false, Type(l.type(), l));
            case NamedTypeContext n:
                return new NamedTypeSyntax(Name(n.identifier(), n), RateSuffix(n.rateSuffix()));
            default:
                return new NamedTypeSyntax(c is null ? Missing(TokenKind.Id, parent) : Missing(TokenKind.Id, c), null);
        }
    }

    private RateSuffixSyntax? RateSuffix(RateSuffixContext? c)
    {
        if (c is null) return null;
        var tokens = Terminals(c).Select(Tok).ToList();
        if (c.timeUnit() is { } unitContext && unitContext.Start is { } unitToken)
            tokens.Add(Tok(unitToken));
        tokens.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        if (tokens.Count == 0) return null;
        if (tokens[0].Kind is TokenKind.RateZh or TokenKind.RateSlash)
        {
            var (basis, unit) = SyntaxFacts.DecodeChineseRate(tokens[0].Text);
            return new RateSuffixSyntax(tokens.ToImmutableArray(), basis, unit);
        }
        var perStudent = tokens.Any(t => t.Kind == TokenKind.Student);
        var last = tokens[tokens.Count - 1];
        var timeUnit = last.Kind is TokenKind.Period or TokenKind.Day or TokenKind.Month or TokenKind.Semester or TokenKind.Year
            ? SyntaxFacts.TimeUnitOf(last.Kind)
            : TimeUnit.Month;
        return new RateSuffixSyntax(tokens.ToImmutableArray(), perStudent ? RateBasis.PerStudent : RateBasis.None, timeUnit);
    }

    // ------------------------------------------------------------------ expressions

    private ExpressionSyntax MissingExpr(ParserRuleContext context) => new MissingExpressionSyntax(Missing(TokenKind.Id, context));

    private ExpressionSyntax Expr(ExprContext? c, ParserRuleContext parent)
    {
        if (c is null) return MissingExpr(parent);
        // The depth limit keeps trees small enough for every later pass; the stack check covers threads whose
        // stack runs out sooner (a small thread stack, unoptimised code with large frames).
        if (_depth > MaxExpressionDepth || !HasStackRoom())
        {
            if (!_reportedDepth)
            {
                _reportedDepth = true;
                var start = c.Start is { StartIndex: >= 0 } s ? _offset(s.StartIndex) : 0;
                // At the end of the text (an expression cut off by it) the span is empty, not one past the end.
                _diagnostics.Report(DiagnosticDescriptors.ExpressionTooComplex, new Location(_text, new TextSpan(start, Math.Min(1, _text.Length - start))), MaxExpressionDepth);
            }
            return MissingExpr(c);
        }
        _depth++;
        try
        {
            return ExprCore(c);
        }
        finally
        {
            _depth--;
        }
    }

    private static bool HasStackRoom()
    {
#if NET
        return System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack();
#else
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
#endif
    }

    // Not a lambda in ExprCore: its closure would be allocated on every call of ExprCore.
    private ImmutableArray<ExpressionSyntax> Exprs(ExprContext[] exprs, ParserRuleContext parent)
    {
        var builder = ImmutableArray.CreateBuilder<ExpressionSyntax>(exprs.Length);
        foreach (var e in exprs) builder.Add(Expr(e, parent));
        return builder.MoveToImmutable();
    }

    private ExpressionSyntax ExprCore(ExprContext c)
    {
        switch (c)
        {
            case CallExprContext call:
            {
                var name = Name(call.identifier(), call);
                var open = Tok(call.LPAREN(), TokenKind.Lparen, call);
                var close = Tok(call.RPAREN(), TokenKind.Rparen, call);
                switch (call.arguments())
                {
                    case ComprehensionArgsContext comp:
                    {
                        var exprs = comp.expr();
                        var comprehension = new ComprehensionSyntax(
                            exprs.Length > 0 ? Expr(exprs[0], comp) : MissingExpr(comp),
                            Tok(comp.FOR(), TokenKind.For, comp),
                            Name(comp.identifier(), comp),
                            Tok(comp.IN(), TokenKind.In, comp),
                            exprs.Length > 1 ? Expr(exprs[1], comp) : MissingExpr(comp),
                            OptTok(comp.WHERE()),
                            comp.WHERE() is null ? null : exprs.Length > 2 ? Expr(exprs[2], comp) : MissingExpr(comp));
                        return new CallExpressionSyntax(name, open, ImmutableArray<ExpressionSyntax>.Empty, comprehension, close);
                    }
                    case ListArgsContext list:
                        return new CallExpressionSyntax(name, open, Exprs(list.expr(), list), null, close);
                    default:
                        return new CallExpressionSyntax(name, open, ImmutableArray<ExpressionSyntax>.Empty, null, close);
                }
            }
            case ParenExprContext p:
                return new ParenthesizedExpressionSyntax(Tok(p.LPAREN(), TokenKind.Lparen, p), Expr(p.expr(), p), Tok(p.RPAREN(), TokenKind.Rparen, p));
            case SetExprContext s:
                return new SetExpressionSyntax(Tok(s.LBRACE(), TokenKind.Lbrace, s), Exprs(s.expr(), s), Tok(s.RBRACE(), TokenKind.Rbrace, s));
            case QuantityExprContext q:
                return Quantity(q.quantity(), q);
            case LiteralExprContext l:
                return Literal(l.literal(), l);
            case NameExprContext n:
                return new NameExpressionSyntax(Name(n.identifier(), n));
            case MemberExprContext m:
                return new MemberAccessExpressionSyntax(Expr(m.expr(), m), Tok(m.DOT(), TokenKind.Dot, m), Word(m.anyWord(), m));
            case IndexExprContext i:
                return new IndexExpressionSyntax(Expr(i.expr(0), i), Tok(i.LBRACK(), TokenKind.Lbrack, i), Expr(i.expr(1), i), Tok(i.RBRACK(), TokenKind.Rbrack, i));
            case ConvertExprContext conv:
                return new ConversionExpressionSyntax(Expr(conv.expr(), conv), Tok(conv.AS(), TokenKind.As, conv), Type(conv.type(), conv));
            case NegateExprContext neg:
                return new UnaryExpressionSyntax(UnaryOperatorKind.Negate, Tok(neg.MINUS(), TokenKind.Minus, neg), Expr(neg.expr(), neg));
            case NotExprContext not:
                return new UnaryExpressionSyntax(UnaryOperatorKind.Not, Tok(not.NOT(), TokenKind.Not, not), Expr(not.expr(), not));
            case MultiplicativeExprContext mul:
                return Binary(mul, mul.expr(0), mul.expr(1), mul.STAR() is not null ? BinaryOperatorKind.Multiply : BinaryOperatorKind.Divide, mul.STAR() ?? mul.SLASH());
            case AdditiveExprContext add:
                return Binary(add, add.expr(0), add.expr(1), add.PLUS() is not null ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, add.PLUS() ?? add.MINUS());
            case OfExprContext of:
                return Binary(of, of.expr(0), of.expr(1), BinaryOperatorKind.Of, of.OF());
            case RangeExprContext range:
                return Binary(range, range.expr(0), range.expr(1), BinaryOperatorKind.Range, range.DOTDOT());
            case AndExprContext and:
                return Binary(and, and.expr(0), and.expr(1), BinaryOperatorKind.And, and.AND());
            case OrExprContext or:
                return Binary(or, or.expr(0), or.expr(1), BinaryOperatorKind.Or, or.OR());
            case CompareExprContext cmp:
                return new ComparisonExpressionSyntax(Expr(cmp.expr(0), cmp), cmp.comparator() is { } comparator ? Comparator(comparator) : new ComparatorSyntax(ComparatorKind.Equal, ImmutableArray.Create(Missing(TokenKind.Eqeq, cmp))), Expr(cmp.expr(1), cmp));
            case QuantifierExprContext quant:
            {
                var first = FirstTerminal(quant, TokenKind.Any);
                var kind = first.Kind switch { TokenKind.All => QuantifierKind.All, TokenKind.No => QuantifierKind.No, _ => QuantifierKind.Any };
                var exprs = quant.expr();
                var index = 1;
                var hasWhere = quant.WHERE() is not null;
                var hasSatisfy = quant.SATISFY() is not null;
                ExpressionSyntax? filter = hasWhere ? (exprs.Length > index ? Expr(exprs[index++], quant) : MissingExpr(quant)) : null;
                ExpressionSyntax? predicate = hasSatisfy ? (exprs.Length > index ? Expr(exprs[index], quant) : MissingExpr(quant)) : null;
                return new QuantifierExpressionSyntax(kind, first, Name(quant.identifier(), quant), Tok(quant.IN(), TokenKind.In, quant),
                    exprs.Length > 0 ? Expr(exprs[0], quant) : MissingExpr(quant), OptTok(quant.WHERE()), filter, OptTok(quant.SATISFY()), predicate);
            }
            case ConditionalExprContext cond:
                return new ConditionalExpressionSyntax(Tok(cond.IF(), TokenKind.If, cond), Expr(cond.expr(0), cond), Tok(cond.THEN(), TokenKind.Then, cond),
                    Expr(cond.expr(1), cond), Tok(cond.ELSE(), TokenKind.Else, cond), Expr(cond.expr(2), cond));
            default:
                return MissingExpr(c);
        }
    }

    private ExpressionSyntax Binary(ParserRuleContext c, ExprContext? left, ExprContext? right, BinaryOperatorKind kind, ITerminalNode? op) =>
        new BinaryExpressionSyntax(Expr(left, c), kind, Tok(op, TokenKind.Plus, c), Expr(right, c));

    private ExpressionSyntax Literal(LiteralContext? c, ParserRuleContext parent)
    {
        if (c?.Start is not { } start) return MissingExpr(parent);
        var token = Tok(start);
        var kind = token.Kind switch
        {
            TokenKind.PercentLit => LiteralKind.Percent,
            TokenKind.Date => LiteralKind.Date,
            TokenKind.Time => LiteralKind.Time,
            TokenKind.String => LiteralKind.Text,
            TokenKind.True => LiteralKind.True,
            TokenKind.False => LiteralKind.False,
            _ => LiteralKind.Number,
        };
        return new LiteralExpressionSyntax(kind, token);
    }

    private ExpressionSyntax Quantity(QuantityContext? c, ParserRuleContext parent)
    {
        switch (c)
        {
            case MoneyQuantityContext m:
                return new QuantityExpressionSyntax(QuantityKind.Money, null, Tok(m.NUMBER(), TokenKind.Number, m),
                    ImmutableArray.Create(FirstTerminalOf(m, TokenKind.Cny, TokenKind.Yuan)), RateSuffix(m.rateSuffix()));
            case YenQuantityContext y:
                return new QuantityExpressionSyntax(QuantityKind.Money, Tok(y.YEN(), TokenKind.Yen, y), Tok(y.NUMBER(), TokenKind.Number, y),
                    ImmutableArray<SyntaxToken>.Empty, RateSuffix(y.rateSuffix()));
            case DurationQuantityContext d:
                return new QuantityExpressionSyntax(QuantityKind.Duration, null, Tok(d.NUMBER(), TokenKind.Number, d),
                    ImmutableArray.Create(FirstTerminalOf(d, TokenKind.Minutes, TokenKind.Hours)), RateSuffix(d.rateSuffix()));
            case PeriodQuantityContext p:
                return new QuantityExpressionSyntax(QuantityKind.Periods, null, Tok(p.NUMBER(), TokenKind.Number, p),
                    ImmutableArray.Create(Tok(p.PERIOD(), TokenKind.Period, p)), null);
            case RatioQuantityContext r:
                return new QuantityExpressionSyntax(QuantityKind.Ratio, null, Tok(r.NUMBER(), TokenKind.Number, r),
                    ImmutableArray.Create(Tok(r.STUDENT(), TokenKind.Student, r), Tok(r.PER(), TokenKind.Per, r), Name(r.identifier(), r)), null);
            default:
                return MissingExpr(c ?? parent);
        }
    }

    private SyntaxToken FirstTerminalOf(ParserRuleContext c, params TokenKind[] kinds)
    {
        foreach (var t in Terminals(c))
            if (kinds.Contains(TokenKinds.FromAntlr(t.Type)))
                return Tok(t);
        return Missing(kinds[0], c);
    }
}
