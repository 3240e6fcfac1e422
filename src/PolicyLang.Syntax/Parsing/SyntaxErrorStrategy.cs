using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax.Parsing.Generated;

namespace PolicyLang.Syntax.Parsing;

/// <summary>One syntax error as the strategy saw it, before it becomes a diagnostic.</summary>
internal sealed class SyntaxError
{
    public SyntaxError(bool missing, IToken offending, IntervalSet expected, RuleContext? context)
    {
        Missing = missing;
        Offending = offending;
        Expected = expected;
        Context = context;
    }

    public bool Missing { get; }
    public IToken Offending { get; }
    public IntervalSet Expected { get; }
    public RuleContext? Context { get; }
}

/// <summary>
/// ANTLR's recovery (single-token insertion/deletion, resynchronising on follow sets) with its reports
/// captured as structured errors, so that messages can speak of fee items and values instead of token names.
/// </summary>
internal sealed class SyntaxErrorStrategy : DefaultErrorStrategy
{
    private readonly List<SyntaxError> _errors;

    public SyntaxErrorStrategy(List<SyntaxError> errors) => _errors = errors;

    /// <summary>
    /// At the entry of a loop (<c>member*</c>, <c>feeItem*</c>) ANTLR would throw and let the enclosing rule skip to
    /// its follow set, losing the rest of the block (or, at top level, of the file). Instead report the stray
    /// tokens and skip only to the next token that can start an item or end the block, so each mistake is one
    /// diagnostic and the following lines still parse.
    /// </summary>
    public override void Sync(Parser recognizer)
    {
        var state = recognizer.Interpreter.atn.states[recognizer.State];
        if (!InErrorRecoveryMode(recognizer) && state.StateType == StateType.StarLoopEntry)
        {
            var la = ((ITokenStream)recognizer.InputStream).LA(1);
            var next = recognizer.Atn.NextTokens(state);
            if (!next.Contains(la) && !next.Contains(TokenConstants.EPSILON))
            {
                if (SingleTokenDeletion(recognizer) != null) return;
                ReportUnwantedToken(recognizer);
                ConsumeUntil(recognizer, recognizer.GetExpectedTokens().Or(GetErrorRecoverySet(recognizer)));
                return;
            }
        }
        base.Sync(recognizer);
    }

    protected override void ReportNoViableAlternative(Parser recognizer, NoViableAltException e) =>
        _errors.Add(new SyntaxError(false, e.OffendingToken, recognizer.GetExpectedTokens(), recognizer.Context));

    protected override void ReportInputMismatch(Parser recognizer, InputMismatchException e) =>
        _errors.Add(new SyntaxError(false, e.OffendingToken, e.GetExpectedTokens(), recognizer.Context));

    protected override void ReportFailedPredicate(Parser recognizer, FailedPredicateException e) =>
        _errors.Add(new SyntaxError(false, e.OffendingToken, recognizer.GetExpectedTokens(), recognizer.Context));

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer)) return;
        BeginErrorCondition(recognizer);
        _errors.Add(new SyntaxError(false, recognizer.CurrentToken, GetExpectedTokens(recognizer), recognizer.Context));
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer)) return;
        BeginErrorCondition(recognizer);
        _errors.Add(new SyntaxError(true, recognizer.CurrentToken, GetExpectedTokens(recognizer), recognizer.Context));
    }
}

/// <summary>Says what the parser expected in policy terms: "a fee item (cap, waive, …)", "a value", "'}'".</summary>
internal static class ExpectedDescriber
{
    private static readonly TokenKind[] s_memberStarts =
    {
        TokenKind.Policy, TokenKind.Param, TokenKind.Rule, TokenKind.Measure, TokenKind.Scenario, TokenKind.Test,
        TokenKind.Window, TokenKind.Fee, TokenKind.Subsidy, TokenKind.Pay, TokenKind.Staffing, TokenKind.Eligibility,
        TokenKind.Homework, TokenKind.Calendar,
    };

    private static readonly TokenKind[] s_headerStarts =
    {
        TokenKind.Title, TokenKind.Issuer, TokenKind.Document, TokenKind.Level, TokenKind.Effective, TokenKind.Applies, TokenKind.Extends,
    };

    private static readonly TokenKind[] s_valueStarts =
    {
        TokenKind.Number, TokenKind.PercentLit, TokenKind.Date, TokenKind.Time, TokenKind.String, TokenKind.True, TokenKind.False,
        TokenKind.Id, TokenKind.Lparen, TokenKind.Lbrace, TokenKind.Minus, TokenKind.Yen, TokenKind.Not, TokenKind.If,
        TokenKind.Any, TokenKind.All, TokenKind.No,
    };

    private static readonly TokenKind[] s_comparators =
    {
        TokenKind.Eqeq, TokenKind.Neq, TokenKind.Lt, TokenKind.Le, TokenKind.Gt, TokenKind.Ge, TokenKind.At, TokenKind.AtLeastZh,
        TokenKind.AtMostZh, TokenKind.NotBeforeZh, TokenKind.NotAfterZh, TokenKind.NotInZh, TokenKind.In,
    };

    // Words that may name things (identifier rule) besides ID.
    private static readonly TokenKind[] s_softNames =
    {
        TokenKind.Homework, TokenKind.Period, TokenKind.Day, TokenKind.Month, TokenKind.Semester, TokenKind.Year, TokenKind.Free,
        TokenKind.Minutes, TokenKind.None, TokenKind.Start, TokenKind.End, TokenKind.Days, TokenKind.Segment, TokenKind.Student,
    };

    public static LocalizedText Describe(IntervalSet expected, RuleContext? context)
    {
        var kinds = new HashSet<TokenKind>();
        foreach (var type in expected.ToArray())
        {
            var kind = TokenKinds.FromAntlr(type);
            if (kind != TokenKind.Unknown) kinds.Add(kind);
        }

        var en = new List<string>();
        var zh = new List<string>();
        void Add(string e, string z)
        {
            en.Add(e);
            zh.Add(z);
        }

        var section = FindSection(context);
        // Between the lines of a section (the loop is in the section rule), or choosing a line's form.
        var atItemStart = context is PolicyParser.SectionContext || context is ParserRuleContext { ChildCount: 0 } item && item.Parent is PolicyParser.SectionContext;
        if (kinds.Overlaps(s_memberStarts) && kinds.Contains(TokenKind.Policy))
        {
            Add("a declaration (policy, param, rule, measure, scenario, test, or a section: window, fee, subsidy, pay, staffing, eligibility, homework, calendar)",
                "声明（政策、参数、规则、指标、情景、测试，或服务时间、收费、补贴、报酬、师资、服务对象、作业、校历等部分）");
            kinds.ExceptWith(s_memberStarts);
        }
        if (kinds.Overlaps(s_headerStarts) && kinds.Count(k => s_headerStarts.Contains(k)) >= 3)
        {
            Add("a header item (title, issuer, document, level, effective, applies, extends)",
                "头部条目（标题、发文机关、文号、层级、施行、适用、继承）");
            kinds.ExceptWith(s_headerStarts);
        }
        if (section is { } s && atItemStart)
        {
            var (starts, itemsEn, itemsZh) = SectionItems(s);
            if (starts.Any(kinds.Contains) || starts.Length == 0 && kinds.Contains(TokenKind.Id))
            {
                Add(itemsEn, itemsZh);
                kinds.ExceptWith(starts);
                if (s is SectionKind.Subsidy or SectionKind.Pay or SectionKind.Staffing or SectionKind.Homework or SectionKind.Calendar)
                {
                    kinds.ExceptWith(s_valueStarts);
                    kinds.ExceptWith(s_softNames);
                }
            }
        }
        if (kinds.Count(k => s_valueStarts.Contains(k)) >= 3)
        {
            Add("a value (a number, an amount such as 100 CNY, a time such as 18:30, a name, …)",
                "取值（数字、金额如 100 元、时刻如 18:30、名称等）");
            kinds.ExceptWith(s_valueStarts);
            kinds.ExceptWith(s_softNames);
        }
        else if (kinds.Contains(TokenKind.Id))
        {
            kinds.ExceptWith(s_softNames);
        }
        if (kinds.Count(k => s_comparators.Contains(k)) >= 3)
        {
            Add("a comparison (at least, at most, not before, not after, ==, <=, …)", "比较（不少于、不超过、不早于、不晚于、==、<= 等）");
            kinds.ExceptWith(s_comparators);
            kinds.Remove(TokenKind.Not);
        }

        // Continuations of an expression (operators) are noise after a complete value; name them only if nothing else is expected.
        var operators = new[]
        {
            TokenKind.Plus, TokenKind.Minus, TokenKind.Star, TokenKind.Slash, TokenKind.Dot, TokenKind.Lbrack, TokenKind.As, TokenKind.Of,
            TokenKind.Dotdot, TokenKind.And, TokenKind.Or, TokenKind.Not, TokenKind.Per,
        };
        if (en.Count > 0 || kinds.Count(k => !operators.Contains(k)) > 0)
            kinds.ExceptWith(operators);

        var rest = kinds.OrderBy(k => Order(k)).ThenBy(k => (int)k).ToList();
        const int limit = 6;
        foreach (var kind in rest.Take(limit))
            Add(SyntaxFacts.DescribeKind(kind, Language.English), SyntaxFacts.DescribeKind(kind, Language.Chinese));
        if (rest.Count > limit)
            Add("…", "…");

        if (en.Count == 0) Add("something else", "其他内容");
        return new LocalizedText(JoinOr(en, " or "), JoinOr(zh, "或"));
    }

    private static int Order(TokenKind kind) => kind switch
    {
        TokenKind.Rbrace => 2,
        TokenKind.EndOfFile => 3,
        _ => SyntaxFacts.PunctuationText(kind) is null ? 0 : 1,
    };

    private static string JoinOr(List<string> parts, string or)
    {
        if (parts.Count == 1) return parts[0];
        var sep = or == "或" ? "、" : ", ";
        return string.Join(sep, parts.Take(parts.Count - 1)) + (or == "或" ? "或" : " or ") + parts[parts.Count - 1];
    }

    internal static SectionKind? FindSection(RuleContext? context)
    {
        for (var c = context; c is not null; c = c.Parent)
            if (c is PolicyParser.SectionContext section && section.Start is not null)
                return SectionKindOf(TokenKinds.FromAntlr(section.Start.Type));
        return null;
    }

    internal static SectionKind? SectionKindOf(TokenKind kind) => kind switch
    {
        TokenKind.Window => SectionKind.Window,
        TokenKind.Fee => SectionKind.Fee,
        TokenKind.Subsidy => SectionKind.Subsidy,
        TokenKind.Pay => SectionKind.Pay,
        TokenKind.Staffing => SectionKind.Staffing,
        TokenKind.Eligibility => SectionKind.Eligibility,
        TokenKind.Homework => SectionKind.Homework,
        TokenKind.Calendar => SectionKind.Calendar,
        _ => null,
    };

    private static (TokenKind[] Starts, string En, string Zh) SectionItems(SectionKind section) => section switch
    {
        SectionKind.Window => (SyntaxFacts.SectionItemKeywords(section).Concat(s_comparators).Append(TokenKind.Not).ToArray(),
            "a window item (days, period, start, end, segment, at least …)", "服务时间条目（服务日、课时、开始、结束、时段、不少于 …）"),
        SectionKind.Fee => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a fee item (cap, waive, refund, free, collected_by)", "收费条目（上限、减免、退费、免费、收取方）"),
        SectionKind.Subsidy => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a subsidy line (an amount such as 1 CNY per student per day, or 30% of family_payments)", "补贴条目（如 1 元 每生每天，或 family_payments 的 30%）"),
        SectionKind.Pay => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a pay item (staff_share at least …, a provider kind with its pay per period, forbid …)", "报酬条目（staff_share 不少于 …、人员类别及每课时报酬、禁止 …）"),
        SectionKind.Staffing => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a staffing item (ratio at most …, require …, forbid …, only …)", "师资条目（ratio 不超过 …、要求 …、禁止 …、仅限 …）"),
        SectionKind.Eligibility => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "an eligibility item (require …, forbid …, priority …)", "服务对象条目（要求 …、禁止 …、优先 …）"),
        SectionKind.Homework => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a homework limit (grades_1_2, grades_3_6 or junior at most … min)", "作业条目（grades_1_2、grades_3_6 或 junior 不超过 … 分钟）"),
        _ => (SyntaxFacts.SectionItemKeywords(section).ToArray(),
            "a calendar value (school_months, semesters, school_days, periods_per_day)", "校历条目（school_months、semesters、school_days、periods_per_day）"),
    };
}
