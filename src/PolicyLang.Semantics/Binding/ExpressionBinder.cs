using System.Collections.Immutable;
using System.Globalization;
using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>Global names an expression can see besides its scope.</summary>
internal interface ISymbolLookup
{
    ParameterSymbol? LookupParameter(string name);
    MeasureSymbol? LookupMeasure(string name, SyntaxNode? reference);
    IEnumerable<string> GlobalNames { get; }
    /// <summary>The length of one period for "2 periods" in a plan context.</summary>
    BoundExpression? PeriodLength(BindingContextKind kind);
}

/// <summary>
/// Binds and type-checks expressions. Units are part of types: money carries its rate period, time of day and
/// duration differ, and a mismatch is an error that says how to fix it.
/// </summary>
internal sealed class ExpressionBinder
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly ISymbolLookup _symbols;

    public ExpressionBinder(SourceText text, DiagnosticBag diagnostics, ISymbolLookup symbols)
    {
        _text = text;
        _diagnostics = diagnostics;
        _symbols = symbols;
    }

    public DiagnosticBag Diagnostics => _diagnostics;

    private Location Loc(SyntaxNode node) => new(_text, node.Span);
    private Location Loc(SyntaxToken token) => new(_text, token.Span);

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params object?[] args) => _diagnostics.Report(descriptor, Loc(node), args);
    public void Report(DiagnosticDescriptor descriptor, SyntaxToken token, params object?[] args) => _diagnostics.Report(descriptor, Loc(token), args);

    // ------------------------------------------------------------------ entry points

    public BoundExpression BindCondition(ExpressionSyntax syntax, BindingScope scope)
    {
        var bound = Bind(syntax, scope, PolicyType.Bool);
        if (!bound.Type.IsError && bound.Type.Kind != TypeKind.Bool)
        {
            Report(DiagnosticDescriptors.ConditionNotBool, syntax, Describe(bound));
            return new BoundError(syntax);
        }
        return bound;
    }

    /// <summary>Binds an expression that must have (or implicitly convert to) the target type.</summary>
    public BoundExpression BindValue(ExpressionSyntax syntax, BindingScope scope, PolicyType target)
    {
        var bound = Bind(syntax, scope, target);
        return ConvertTo(bound, target, syntax);
    }

    public BoundExpression ConvertTo(BoundExpression bound, PolicyType target, SyntaxNode at)
    {
        if (bound.Type.IsError || target.IsError) return bound;
        if (bound.Type.Equals(target)) return bound;
        if (target.Kind == TypeKind.Number && bound.Type.Kind == TypeKind.Int)
            return new BoundConversion(bound.Syntax, bound, ConversionKind.Identity, target);
        if (target.Kind == TypeKind.Set && bound.Type.Kind == TypeKind.Range && target.ElementType!.Equals(bound.Type.ElementType) && target.ElementType.Kind == TypeKind.Enum)
            return new BoundConversion(bound.Syntax, bound, ConversionKind.Identity, target);
        if (target.Kind == TypeKind.Duration && bound.Type.Kind == TypeKind.Periods && _symbols.PeriodLength(BindingContextKind.Plan) is { } length)
            return new BoundConversion(bound.Syntax, bound, ConversionKind.PeriodsToDuration, target, length);
        ReportMismatch(target, bound, at);
        return new BoundError(at);
    }

    private static readonly LocalizedText s_expectedHere = new("the value expected here", "此处所需的值");

    private static LocalizedText TextOf(BoundExpression e) => e.Syntax is { } s ? new LocalizedText($"'{SyntaxFacts.Shorten(s.ToString())}'", $"“{SyntaxFacts.Shorten(s.ToString())}”") : new LocalizedText("the value", "该值");

    private void ReportMismatch(PolicyType expected, BoundExpression found, SyntaxNode at)
    {
        if (expected is MoneyType { IsRate: true } m1 && found.Type is MoneyType { IsRate: true } m2 && m1.Basis == m2.Basis)
        {
            ReportRateMismatch(at, expected, found.Type, found, m1);
            return;
        }
        if (IsTimeDurationMix(expected, found.Type))
        {
            if (expected.Kind == TypeKind.Time) ReportTimeDuration(at, s_expectedHere, TextOf(found), found.Type);
            else ReportTimeDuration(at, TextOf(found), s_expectedHere, expected);
            return;
        }
        Report(DiagnosticDescriptors.TypeMismatch, at, expected, Describe(found));
    }

    private static LocalizedText Describe(BoundExpression e) => e is BoundLiteral { Value: not null } lit && e.Type.Kind != TypeKind.Text
        ? new LocalizedText($"{e.Type.ToString(Language.English)} ({ValueFormatter.Format(lit.Value, e.Type, Language.English)})", $"{e.Type.ToString(Language.Chinese)}（{ValueFormatter.Format(lit.Value, e.Type, Language.Chinese)}）")
        : new LocalizedText(e.Type.ToString(Language.English), e.Type.ToString(Language.Chinese));

    private static bool IsTimeDurationMix(PolicyType a, PolicyType b) =>
        a.Kind == TypeKind.Time && b.Kind is TypeKind.Duration or TypeKind.Periods || b.Kind == TypeKind.Time && a.Kind is TypeKind.Duration or TypeKind.Periods;

    /// <summary>{time} is a time of day but {duration} is a duration; with a hint to add the duration to a time.</summary>
    private void ReportTimeDuration(SyntaxNode at, LocalizedText time, LocalizedText duration, PolicyType durationType)
    {
        var periods = durationType.Kind == TypeKind.Periods;
        var hint = new LocalizedText(
            $"a time of day is a clock reading such as 18:30; to say '{(periods ? "2 periods" : "2 h")} after dismissal' write 'plan.service.dismissal + {(periods ? "2 periods" : "2 h")}'",
            $"时刻是如 18:30 的钟点；要表示“放学后 {(periods ? "2 课时" : "2 小时")}”，请写“plan.service.dismissal + {(periods ? "2 课时" : "2 小时")}”");
        Report(DiagnosticDescriptors.TimeDurationMix, at, time, duration, hint);
    }

    private void ReportTimeDuration(SyntaxNode at, BoundExpression left, BoundExpression right)
    {
        if (left.Type.Kind == TypeKind.Time) ReportTimeDuration(at, TextOf(left), TextOf(right), right.Type);
        else ReportTimeDuration(at, TextOf(right), TextOf(left), left.Type);
    }

    private void ReportRateMismatch(SyntaxNode at, PolicyType target, PolicyType found, BoundExpression foundExpr, MoneyType targetType)
    {
        var approx = new LocalizedText(string.Empty, string.Empty);
        if (Evaluation.ConstantFolder.TryFold(foundExpr, out var value) && value is decimal d && found is MoneyType { Unit: { } from } && targetType.Unit is { } to)
        {
            var converted = Runtime.Calendar.Default.ConvertRate(d, from, to, Runtime.Calendar.Default.PeriodsPerDay);
            approx = new LocalizedText($" (≈ {ValueFormatter.Format(converted, target, Language.English)} with the default calendar)",
                $"（按默认校历约为 {ValueFormatter.Format(converted, target, Language.Chinese)}）");
        }
        Report(DiagnosticDescriptors.RateUnitMismatch, at, found, target, target, approx);
    }

    // ------------------------------------------------------------------ expressions

    public BoundExpression Bind(ExpressionSyntax syntax, BindingScope scope, PolicyType? expected = null)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (syntax)
        {
            case MissingExpressionSyntax:
                return new BoundError(syntax);
            case LiteralExpressionSyntax literal:
                return BindLiteral(literal);
            case QuantityExpressionSyntax quantity:
                return BindQuantity(quantity);
            case NameExpressionSyntax name:
                return BindName(name, scope, expected);
            case MemberAccessExpressionSyntax member:
                return BindMember(member, scope);
            case IndexExpressionSyntax index:
                return BindIndex(index, scope);
            case CallExpressionSyntax call:
                return BindCall(call, scope, expected);
            case UnaryExpressionSyntax unary:
                return BindUnary(unary, scope, expected);
            case BinaryExpressionSyntax binary:
                return BindBinary(binary, scope, expected);
            case ComparisonExpressionSyntax comparison:
                return BindComparison(comparison, scope);
            case ParenthesizedExpressionSyntax paren:
                return Bind(paren.Expression, scope, expected);
            case SetExpressionSyntax set:
                return BindSet(set, scope, expected);
            case QuantifierExpressionSyntax quantifier:
                return BindQuantifier(quantifier, scope);
            case ConditionalExpressionSyntax conditional:
                return BindConditional(conditional, scope, expected);
            case ConversionExpressionSyntax conversion:
                return BindConversion(conversion, scope);
            default:
                return new BoundError(syntax);
        }
    }

    private BoundExpression BindLiteral(LiteralExpressionSyntax syntax)
    {
        var text = syntax.Token.Text;
        switch (syntax.LiteralKind)
        {
            case LiteralKind.Number:
                if (!TryParseNumber(syntax.Token, out var number)) return new BoundError(syntax);
                return new BoundLiteral(syntax, number, text.IndexOf('.') >= 0 ? PolicyType.Number : PolicyType.Int);
            case LiteralKind.Percent:
            {
                var digits = text.TrimEnd('%', '％');
                if (!decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var p))
                {
                    Report(DiagnosticDescriptors.NumberOutOfRange, syntax, SyntaxFacts.Shorten(text));
                    return new BoundError(syntax);
                }
                if (p > 100) Report(DiagnosticDescriptors.PercentOutOfRange, syntax, text);
                return new BoundLiteral(syntax, p / 100m, PolicyType.Percent);
            }
            case LiteralKind.Date:
                return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new BoundLiteral(syntax, date, PolicyType.Date)
                    : new BoundError(syntax); // PL0011 reported by the parser
            case LiteralKind.Time:
                return Syntax.Parsing.PolicyParserDriver.IsValidTime(text)
                    ? new BoundLiteral(syntax, TimeOfDay.Parse(text), PolicyType.Time)
                    : new BoundError(syntax); // PL0010 reported by the parser
            case LiteralKind.Text:
                return new BoundLiteral(syntax, SyntaxFacts.UnquoteString(text), PolicyType.Text);
            case LiteralKind.True:
                return new BoundLiteral(syntax, true, PolicyType.Bool);
            default:
                return new BoundLiteral(syntax, false, PolicyType.Bool);
        }
    }

    private bool TryParseNumber(SyntaxToken token, out decimal value)
    {
        if (token.IsMissing)
        {
            value = 0;
            return false;
        }
        if (decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return true;
        Report(DiagnosticDescriptors.NumberOutOfRange, token, SyntaxFacts.Shorten(token.Text));
        return false;
    }

    private BoundExpression BindQuantity(QuantityExpressionSyntax syntax)
    {
        if (!TryParseNumber(syntax.Number, out var number)) return new BoundError(syntax);
        switch (syntax.QuantityKind)
        {
            case QuantityKind.Money:
            {
                var type = syntax.Rate is { } rate ? PolicyType.Money(rate.Basis, rate.Unit) : PolicyType.Amount;
                return new BoundLiteral(syntax, number, type);
            }
            case QuantityKind.Duration:
            {
                var hours = syntax.UnitTokens.Length > 0 && syntax.UnitTokens[0].Kind == TokenKind.Hours;
                var minutes = hours ? number * 60 : number;
                if (syntax.Rate is { } rate)
                {
                    if (rate.Basis == RateBasis.PerStudent)
                    {
                        Report(DiagnosticDescriptors.InvalidUnit, rate, new LocalizedText("a duration", "时长"), new LocalizedText("per student", "每生"),
                            new LocalizedText("write it per day, e.g. '2 h per day'", "请按天计，如“2 小时 每天”"));
                        return new BoundError(syntax);
                    }
                    return new BoundLiteral(syntax, minutes, PolicyType.DurationPer(rate.Unit));
                }
                return new BoundLiteral(syntax, minutes, PolicyType.Duration);
            }
            case QuantityKind.Periods:
                return new BoundLiteral(syntax, number, PolicyType.Periods);
            default:
            {
                var denominator = syntax.UnitTokens.Length > 2 ? syntax.UnitTokens[2].Text : string.Empty;
                if (denominator is not ("staff" or "教职工" or "教师" or "teacher" or "adult" or "成人"))
                {
                    Report(DiagnosticDescriptors.InvalidUnit, syntax, new LocalizedText("a ratio", "生师比"), new LocalizedText($"per '{denominator}'", $"每“{denominator}”"),
                        new LocalizedText("write 'students per staff'", "请写“学生 每 教职工”"));
                    return new BoundError(syntax);
                }
                return new BoundLiteral(syntax, number, PolicyType.Ratio);
            }
        }
    }

    // ------------------------------------------------------------------ names

    private static readonly Dictionary<string, string> s_rootAliases = new(StringComparer.Ordinal)
    {
        ["方案"] = "plan",
        ["计划"] = "plan",
        ["学校"] = "school",
        ["群体"] = "cohorts",
    };

    private BoundExpression BindName(NameExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        var name = syntax.Identifier.Text;
        if (syntax.Identifier.IsMissing) return new BoundError(syntax);

        // An expected enumeration decides bare member names: location == urban, waive registered_poverty.
        var expectedEnum = ExpectedEnum(expected);
        if (expectedEnum?.Lookup(name) is { } expectedMember)
            return new BoundLiteral(syntax, expectedMember, expectedEnum.Type);

        if (scope.Lookup(name) is { } local) return local(syntax);
        var rootName = s_rootAliases.TryGetValue(name, out var aliased) ? aliased : name;
        if (BindRoot(rootName, syntax, scope) is { } root) return root;
        if (_symbols.LookupParameter(name) is { } parameter)
            return new BoundParameter(syntax, parameter);
        if (_symbols.LookupMeasure(name, syntax) is { } measure)
        {
            if (scope.Kind != BindingContextKind.District)
            {
                Report(DiagnosticDescriptors.MisplacedItem, syntax, new LocalizedText($"measure '{name}'", $"指标“{name}”"),
                    new LocalizedText("other measures (rules read the plan, not district data)", "其他指标（规则读取学校方案，而非区县数据）"));
                return new BoundError(syntax);
            }
            return new BoundMeasure(syntax, measure);
        }

        if (expectedEnum is not null)
        {
            ReportUnknownMember(syntax.Identifier, expectedEnum);
            return new BoundError(syntax);
        }

        // A member of exactly one enumeration needs no context.
        var owners = PlanSchema.Enums.Where(e => e.Lookup(name) is not null).ToList();
        if (owners.Count == 1)
            return new BoundLiteral(syntax, owners[0].Lookup(name), owners[0].Type);
        if (owners.Count > 1)
        {
            // Ambiguous without context (homework is an activity and a segment kind): compare it with a field to decide.
            return new BoundLiteral(syntax, owners[0].Lookup(name), owners[0].Type);
        }

        var candidates = scope.Names.Concat(_symbols.GlobalNames).Concat(RootNames(scope.Kind));
        var suggestion = Runtime.Spelling.Suggest(name, candidates.Concat(PlanSchema.Enums.SelectMany(e => e.Members.Select(m => m.Name))));
        Report(DiagnosticDescriptors.UnknownName, syntax.Identifier, SyntaxFacts.Shorten(name), DidYouMean(suggestion));
        return new BoundError(syntax);
    }

    private static IEnumerable<string> RootNames(BindingContextKind kind) => kind switch
    {
        BindingContextKind.Plan => new[] { "plan", "school" },
        BindingContextKind.School => new[] { "school" },
        BindingContextKind.District => new[] { "school", "cohorts" },
        _ => Array.Empty<string>(),
    };

    private BoundExpression? BindRoot(string name, SyntaxNode syntax, BindingScope scope)
    {
        switch (name)
        {
            case "plan":
                if (scope.Kind == BindingContextKind.Plan) return new BoundRoot(syntax, PlanSchema.PlanRoot);
                ReportRootNotAvailable(syntax, name, scope.Kind);
                return new BoundError(syntax);
            case "school":
                if (scope.Kind is BindingContextKind.Plan or BindingContextKind.School) return new BoundRoot(syntax, PlanSchema.SchoolRoot);
                if (scope.Kind == BindingContextKind.District) return new BoundRoot(syntax, PlanSchema.DistrictSchoolRoot);
                ReportRootNotAvailable(syntax, name, scope.Kind);
                return new BoundError(syntax);
            case "cohorts":
                if (scope.Kind == BindingContextKind.District) return new BoundRoot(syntax, PlanSchema.CohortsRoot);
                return null;
            default:
                return null;
        }
    }

    private void ReportRootNotAvailable(SyntaxNode syntax, string name, BindingContextKind kind)
    {
        if (kind == BindingContextKind.Constant)
        {
            Report(DiagnosticDescriptors.NotConstant, syntax, new LocalizedText("a parameter or section value", "参数或条目取值"), name);
            return;
        }
        var where = kind switch
        {
            BindingContextKind.Constant => new LocalizedText("a rule, a condition or a measure (a parameter's value must be a constant)", "规则、条件或指标中（参数取值必须为常量）"),
            BindingContextKind.School => new LocalizedText("a rule (a section's 'when' may only read school fields, so that simulation can decide it from district data)", "规则（各部分的“当”条件只能读取学校字段，以便模拟时可用区县数据判断）"),
            _ => new LocalizedText("a rule", "规则"),
        };
        Report(DiagnosticDescriptors.MisplacedItem, syntax, new LocalizedText($"'{name}'", $"“{name}”"), where);
    }

    private static EnumSymbol? ExpectedEnum(PolicyType? expected) => expected switch
    {
        EnumType e => e.Symbol,
        CollectionType { Element: EnumType e } => e.Symbol,
        _ => null,
    };

    public void ReportUnknownMember(SyntaxToken token, EnumSymbol symbol)
    {
        var members = string.Join(", ", symbol.Members.Select(m => m.Name));
        var membersZh = string.Join("、", symbol.Members.Select(m => m.ChineseName.Length > 0 ? $"{m.Name}（{m.ChineseName}）" : m.Name));
        var suggestion = Runtime.Spelling.Suggest(token.Text, symbol.Spellings);
        Report(DiagnosticDescriptors.UnknownEnumMember, token, SyntaxFacts.Shorten(token.Text), new LocalizedText(symbol.Name, symbol.ChineseName),
            new LocalizedText(members, membersZh), DidYouMean(suggestion));
    }

    public static LocalizedText DidYouMean(string? suggestion) => suggestion is null
        ? new LocalizedText(string.Empty, string.Empty)
        : new LocalizedText($"; did you mean '{suggestion}'?", $"；是否应为“{suggestion}”？");

    private BoundExpression BindMember(MemberAccessExpressionSyntax syntax, BindingScope scope)
    {
        var receiver = Bind(syntax.Receiver, scope);
        if (receiver.Type.IsError || syntax.Name.IsMissing) return new BoundError(syntax);
        var name = syntax.Name.Text;
        if (receiver.Type is RecordType record)
        {
            if (record.Symbol.Lookup(name) is { } field)
                return new BoundField(syntax, receiver, field);
            var suggestion = Runtime.Spelling.Suggest(name, record.Symbol.Fields.Select(f => f.Name));
            var fields = new LocalizedText($"{RecordDisplay(receiver, Language.English)}", $"{RecordDisplay(receiver, Language.Chinese)}");
            Report(DiagnosticDescriptors.UnknownField, syntax.Name, SyntaxFacts.Shorten(name), fields, suggestion is not null
                ? DidYouMean(suggestion)
                : new LocalizedText("; its fields are " + string.Join(", ", record.Symbol.Fields.Select(f => f.Name)), "；其字段为 " + string.Join("、", record.Symbol.Fields.Select(f => f.Name))));
            return new BoundError(syntax);
        }
        if (receiver.Type.Kind is TypeKind.List or TypeKind.Set)
        {
            Report(DiagnosticDescriptors.FieldOfList, syntax.Name, syntax.Receiver.ToString(), receiver.Type.ElementType!, name);
            return new BoundError(syntax);
        }
        Report(DiagnosticDescriptors.UnknownField, syntax.Name, SyntaxFacts.Shorten(name), receiver.Type, new LocalizedText(string.Empty, string.Empty));
        return new BoundError(syntax);
    }

    private static string RecordDisplay(BoundExpression receiver, Language language)
    {
        var record = ((RecordType)receiver.Type).Symbol;
        var path = receiver.Syntax?.ToString().Replace(" ", string.Empty);
        return language == Language.Chinese
            ? $"{record.ChineseName}“{path ?? record.Name}”"
            : $"{record.Name} '{path ?? record.Name}'";
    }

    private BoundExpression BindIndex(IndexExpressionSyntax syntax, BindingScope scope)
    {
        var receiver = Bind(syntax.Receiver, scope);
        if (receiver.Type.IsError) return new BoundError(syntax);
        if (receiver.Type is not MapType map)
        {
            Report(DiagnosticDescriptors.TypeMismatch, syntax.Receiver, new LocalizedText("counts by key (by_grade, by_category)", "按键计数（by_grade、by_category）"), receiver.Type);
            return new BoundError(syntax);
        }
        BoundExpression index;
        if (map.Key.Kind == TypeKind.Text && syntax.Index is LiteralExpressionSyntax { LiteralKind: LiteralKind.Number } number)
            index = new BoundLiteral(number, number.Token.Text, PolicyType.Text);
        else
            index = BindValue(syntax.Index, scope, map.Key);
        if (index.Type.IsError) return new BoundError(syntax);
        return new BoundIndex(syntax, receiver, index, map.Value);
    }

    // ------------------------------------------------------------------ calls

    private static readonly Dictionary<string, BuiltinFunction> s_functions = new(StringComparer.Ordinal)
    {
        ["min"] = BuiltinFunction.Min, ["最小"] = BuiltinFunction.Min,
        ["max"] = BuiltinFunction.Max, ["最大"] = BuiltinFunction.Max,
        ["abs"] = BuiltinFunction.Abs, ["绝对值"] = BuiltinFunction.Abs,
        ["round"] = BuiltinFunction.Round, ["四舍五入"] = BuiltinFunction.Round,
        ["count"] = BuiltinFunction.Count, ["计数"] = BuiltinFunction.Count,
        ["sum"] = BuiltinFunction.Sum, ["合计"] = BuiltinFunction.Sum,
        ["contains"] = BuiltinFunction.Contains, ["包含"] = BuiltinFunction.Contains,
        ["exists"] = BuiltinFunction.Exists, ["存在"] = BuiltinFunction.Exists,
        ["pow"] = BuiltinFunction.Pow, ["幂"] = BuiltinFunction.Pow,
        ["cap_for_school"] = BuiltinFunction.FeeCap, ["本校上限"] = BuiltinFunction.FeeCap,
        ["waived_share"] = BuiltinFunction.WaivedShare, ["减免比例"] = BuiltinFunction.WaivedShare,
        ["subsidies"] = BuiltinFunction.Subsidies, ["补贴总额"] = BuiltinFunction.Subsidies,
        ["staff_share"] = BuiltinFunction.StaffShare, ["报酬比例"] = BuiltinFunction.StaffShare,
        ["breaks_rules"] = BuiltinFunction.BreaksRules, ["违反规则"] = BuiltinFunction.BreaksRules,
        ["in_scope"] = BuiltinFunction.InScope, ["政策覆盖"] = BuiltinFunction.InScope,
        ["elasticity"] = BuiltinFunction.Elasticity, ["参与弹性"] = BuiltinFunction.Elasticity,
        ["charges_cap"] = BuiltinFunction.ChargesCap, ["按上限收费"] = BuiltinFunction.ChargesCap,
        ["baseline"] = BuiltinFunction.Baseline, ["基线"] = BuiltinFunction.Baseline,
    };



    public static IEnumerable<string> FunctionNames => s_functions.Keys;

    /// <summary>Every spelling of every built-in function (English and Chinese).</summary>
    public static IReadOnlyDictionary<string, BuiltinFunction> Functions => s_functions;

    private BoundExpression BindCall(CallExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        var name = syntax.Name.Text;
        if (!s_functions.TryGetValue(name, out var function))
        {
            var suggestion = Runtime.Spelling.Suggest(name, s_functions.Keys.Where(k => k[0] < 128));
            Report(DiagnosticDescriptors.UnknownName, syntax.Name, SyntaxFacts.Shorten(name), suggestion is not null ? DidYouMean(suggestion)
                : new LocalizedText("; the functions are min, max, abs, round, pow, count, sum, contains, exists (and in measures cap_for_school, waived_share, subsidies, staff_share, breaks_rules, in_scope, elasticity, charges_cap, baseline)",
                    "；可用函数为 min、max、abs、round、pow、count、sum、contains、exists（指标中另有 cap_for_school、waived_share、subsidies、staff_share、breaks_rules、in_scope、elasticity、charges_cap、baseline）"));
            foreach (var a in syntax.Arguments) Bind(a, scope);
            return new BoundError(syntax);
        }

        if (BuiltinFunctionFacts.IsModelFunction(function) && scope.Kind != BindingContextKind.District)
        {
            Report(DiagnosticDescriptors.MisplacedItem, syntax, new LocalizedText($"'{name}()'", $"“{name}()”"),
                new LocalizedText("measures (it reads district data and the scenario)", "指标（它读取区县数据和情景）"));
            foreach (var a in syntax.Arguments) Bind(a, scope);
            return new BoundError(syntax);
        }
        if (syntax.Comprehension is { } comprehension)
            return BindAggregate(syntax, function, comprehension, scope);
        if (BuiltinFunctionFacts.IsModelFunction(function))
            return BindModelCall(syntax, function, scope);

        var args = syntax.Arguments.Select(a => Bind(a, scope, expected)).ToImmutableArray();
        if (args.Any(a => a.Type.IsError)) return new BoundError(syntax);

        switch (function)
        {
            case BuiltinFunction.Min:
            case BuiltinFunction.Max:
            {
                if (args.Length == 1 && args[0].Type.Kind is TypeKind.List or TypeKind.Set && args[0].Type.ElementType!.IsOrdered)
                    return new BoundCall(syntax, function, args, args[0].Type.ElementType!);
                if (args.Length < 2) return WrongCount(syntax, name, new LocalizedText("two or more values, or one list", "两个以上的值或一个列表"), args.Length);
                var type = UnifyAll(args, syntax);
                if (type is null) return new BoundError(syntax);
                if (!type.IsOrdered)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, syntax, new LocalizedText("numbers, amounts, times or dates", "数值、金额、时刻或日期"), type);
                    return new BoundError(syntax);
                }
                return new BoundCall(syntax, function, args.Select(a => ConvertTo(a, type, a.Syntax ?? syntax)).ToImmutableArray(), type);
            }
            case BuiltinFunction.Abs:
                if (args.Length != 1) return WrongCount(syntax, name, new LocalizedText("one value", "一个值"), args.Length);
                if (!args[0].Type.IsQuantity) return Mismatch(syntax, new LocalizedText("a number or an amount", "数值或金额"), args[0]);
                return new BoundCall(syntax, function, args, args[0].Type);
            case BuiltinFunction.Round:
                if (args.Length is < 1 or > 2) return WrongCount(syntax, name, new LocalizedText("a value and optional digits", "一个值及可选的小数位数"), args.Length);
                if (!args[0].Type.IsQuantity) return Mismatch(syntax, new LocalizedText("a number or an amount", "数值或金额"), args[0]);
                if (args.Length == 2 && args[1].Type.Kind != TypeKind.Int) return Mismatch(syntax, new LocalizedText("a whole number of digits", "整数位数"), args[1]);
                return new BoundCall(syntax, function, args, args[0].Type);
            case BuiltinFunction.Count:
                if (args.Length != 1) return WrongCount(syntax, name, new LocalizedText("one list", "一个列表"), args.Length);
                if (args[0].Type.Kind is not (TypeKind.List or TypeKind.Set)) return Mismatch(syntax, new LocalizedText("a list or a set", "列表或集合"), args[0]);
                return new BoundCall(syntax, function, args, PolicyType.Int);
            case BuiltinFunction.Sum:
                if (args.Length != 1) return WrongCount(syntax, name, new LocalizedText("one list", "一个列表"), args.Length);
                if (args[0].Type.Kind is not (TypeKind.List or TypeKind.Set) || !args[0].Type.ElementType!.IsQuantity)
                    return Mismatch(syntax, new LocalizedText("a list of numbers or amounts", "数值或金额列表"), args[0]);
                return new BoundCall(syntax, function, args, args[0].Type.ElementType!);
            case BuiltinFunction.Pow:
                if (args.Length != 2) return WrongCount(syntax, name, new LocalizedText("a base and an exponent", "底数和指数"), args.Length);
                if (!args[0].Type.IsNumeric) return Mismatch(syntax, new LocalizedText("a number", "数值"), args[0]);
                if (!args[1].Type.IsNumeric) return Mismatch(syntax, new LocalizedText("a number", "数值"), args[1]);
                return new BoundCall(syntax, function, args, PolicyType.Number);
            case BuiltinFunction.Contains:
                if (args.Length != 2) return WrongCount(syntax, name, new LocalizedText("a set and a value", "一个集合和一个值"), args.Length);
                if (args[0].Type.Kind is not (TypeKind.List or TypeKind.Set)) return Mismatch(syntax, new LocalizedText("a list or a set", "列表或集合"), args[0]);
                return new BoundCall(syntax, function, ImmutableArray.Create(args[0], ConvertTo(args[1], args[0].Type.ElementType!, syntax.Arguments[1])), PolicyType.Bool);
            default:
                if (args.Length != 1) return WrongCount(syntax, name, new LocalizedText("one value", "一个值"), args.Length);
                return new BoundCall(syntax, function, args, PolicyType.Bool);
        }
    }

    /// <summary>The simulation model's functions (see the prelude): their arguments and result types.</summary>
    private BoundExpression BindModelCall(CallExpressionSyntax syntax, BuiltinFunction function, BindingScope scope)
    {
        var name = syntax.Name.Text;
        var arguments = syntax.Arguments;
        BoundExpression Done(PolicyType type, params BoundExpression[] args) => new BoundCall(syntax, function, args.ToImmutableArray(), type);
        BoundExpression None(PolicyType type)
        {
            if (arguments.Length != 0) return WrongCount(syntax, name, new LocalizedText("no arguments", "无参数"), arguments.Length);
            return Done(type);
        }
        switch (function)
        {
            case BuiltinFunction.FeeCap:
                return None(PlanSchema.PerStudentPerMonth);
            case BuiltinFunction.StaffShare:
                return None(PolicyType.Percent);
            case BuiltinFunction.BreaksRules:
            case BuiltinFunction.InScope:
            case BuiltinFunction.ChargesCap:
                return None(PolicyType.Bool);
            case BuiltinFunction.Elasticity:
                return None(PolicyType.Number);
            case BuiltinFunction.WaivedShare:
            {
                if (arguments.Length != 1) return WrongCount(syntax, name, new LocalizedText("a family category", "一个家庭类别"), arguments.Length);
                var category = BindValue(arguments[0], scope, PlanSchema.Category.Type);
                return category.Type.IsError ? new BoundError(syntax) : Done(PolicyType.Percent, category);
            }
            case BuiltinFunction.Subsidies:
            {
                if (arguments.Length != 2)
                    return WrongCount(syntax, name, new LocalizedText("the participants and the family payments a year", "参加人数和家庭年缴费额"), arguments.Length);
                var participants = BindValue(arguments[0], scope, PolicyType.Number);
                var payments = BindValue(arguments[1], scope, YearlyAmount);
                if (participants.Type.IsError || payments.Type.IsError) return new BoundError(syntax);
                return Done(YearlyAmount, participants, payments);
            }
            default: // Baseline
            {
                if (arguments.Length != 1) return WrongCount(syntax, name, new LocalizedText("one measure", "一个指标"), arguments.Length);
                var value = Bind(arguments[0], scope);
                if (value.Type.IsError) return new BoundError(syntax);
                if (value is not BoundMeasure || !value.Type.IsQuantity)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, arguments[0], new LocalizedText("the name of a measure with a number or an amount", "数值或金额类指标的名称"), Describe(value));
                    return new BoundError(syntax);
                }
                return Done(value.Type, value);
            }
        }
    }

    /// <summary>Money per school year: what the simulator adds up (family payments, subsidy cost, …).</summary>
    public static readonly MoneyType YearlyAmount = PolicyType.Money(RateBasis.None, TimeUnit.Year);

    private BoundExpression WrongCount(SyntaxNode syntax, string name, LocalizedText takes, int found)
    {
        Report(DiagnosticDescriptors.WrongArgumentCount, syntax, name, takes, found);
        return new BoundError(syntax);
    }

    private BoundExpression Mismatch(SyntaxNode syntax, LocalizedText expected, BoundExpression found)
    {
        Report(DiagnosticDescriptors.TypeMismatch, found.Syntax ?? syntax, expected, Describe(found));
        return new BoundError(syntax);
    }

    private BoundExpression BindAggregate(CallExpressionSyntax syntax, BuiltinFunction function, ComprehensionSyntax comprehension, BindingScope scope)
    {
        var source = Bind(comprehension.Source, scope);
        if (source.Type.IsError) return new BoundError(syntax);
        if (source.Type.Kind is not (TypeKind.List or TypeKind.Set))
        {
            Report(DiagnosticDescriptors.NotAList, comprehension.Source, comprehension.Source.ToString(), source.Type);
            return new BoundError(syntax);
        }
        var variable = new VariableSymbol(comprehension.Variable.Text, source.Type.ElementType!) { Location = Loc(comprehension.Variable) };
        var inner = scope.Child();
        inner.Define(variable);
        var filter = comprehension.Filter is { } f ? BindCondition(f, inner) : null;
        var selector = Bind(comprehension.Selector, inner);
        if (selector.Type.IsError || filter is { Type.IsError: true }) return new BoundError(syntax);
        AggregateKind kind;
        PolicyType type;
        switch (function)
        {
            case BuiltinFunction.Sum:
                if (!selector.Type.IsQuantity) return Mismatch(syntax, new LocalizedText("numbers or amounts to add up", "可相加的数值或金额"), selector);
                kind = AggregateKind.Sum;
                type = selector.Type;
                break;
            case BuiltinFunction.Count:
                kind = AggregateKind.Count;
                type = PolicyType.Int;
                break;
            case BuiltinFunction.Min:
            case BuiltinFunction.Max:
                if (!selector.Type.IsOrdered) return Mismatch(syntax, new LocalizedText("numbers, amounts, times or dates", "数值、金额、时刻或日期"), selector);
                kind = function == BuiltinFunction.Min ? AggregateKind.Min : AggregateKind.Max;
                type = selector.Type;
                break;
            default:
                Report(DiagnosticDescriptors.WrongArgumentCount, syntax, syntax.Name.Text, new LocalizedText("plain arguments, not 'for … in …'", "普通参数，而非“对于 … 属于 …”"), 1);
                return new BoundError(syntax);
        }
        return new BoundAggregate(syntax, kind, variable, source, filter, selector, type);
    }

    // ------------------------------------------------------------------ operators

    private BoundExpression BindUnary(UnaryExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        if (syntax.OperatorKind == UnaryOperatorKind.Not)
        {
            var operand = BindCondition(syntax.Operand, scope);
            return operand.Type.IsError ? new BoundError(syntax) : new BoundUnary(syntax, BoundUnaryOperator.Not, operand);
        }
        var value = Bind(syntax.Operand, scope, expected);
        if (value.Type.IsError) return new BoundError(syntax);
        if (!value.Type.IsQuantity)
        {
            Report(DiagnosticDescriptors.OperatorTypes, syntax, "-", value.Type, value.Type, new LocalizedText(string.Empty, string.Empty));
            return new BoundError(syntax);
        }
        return new BoundUnary(syntax, BoundUnaryOperator.Negate, value);
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        switch (syntax.OperatorKind)
        {
            case BinaryOperatorKind.And:
            case BinaryOperatorKind.Or:
            {
                var left = BindCondition(syntax.Left, scope);
                var right = BindCondition(syntax.Right, scope);
                if (left.Type.IsError || right.Type.IsError) return new BoundError(syntax);
                return new BoundBinary(syntax, left, syntax.OperatorKind == BinaryOperatorKind.And ? BoundBinaryOperator.And : BoundBinaryOperator.Or, right, PolicyType.Bool);
            }
            case BinaryOperatorKind.Range:
                return BindRange(syntax, scope, expected);
            case BinaryOperatorKind.Of:
            {
                var percent = Bind(syntax.Left, scope);
                var whole = Bind(syntax.Right, scope, expected);
                if (percent.Type.IsError || whole.Type.IsError) return new BoundError(syntax);
                if (percent.Type.Kind != TypeKind.Percent)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, syntax.Left, new LocalizedText("a percentage such as 80% before 'of'", "“的”之前应为百分比，如 80%"), Describe(percent));
                    return new BoundError(syntax);
                }
                if (!whole.Type.IsQuantity)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, syntax.Right, new LocalizedText("an amount or a number after 'of'", "“的”之后应为金额或数值"), Describe(whole));
                    return new BoundError(syntax);
                }
                var type = whole.Type.Kind == TypeKind.Int ? PolicyType.Number : whole.Type;
                return new BoundBinary(syntax, percent, BoundBinaryOperator.Multiply, whole, type);
            }
        }

        var l = Bind(syntax.Left, scope, expected);
        var r = Bind(syntax.Right, scope, expected is { IsQuantity: true } ? expected : null);
        if (l.Type.IsError || r.Type.IsError) return new BoundError(syntax);
        var op = syntax.OperatorKind switch
        {
            BinaryOperatorKind.Add => BoundBinaryOperator.Add,
            BinaryOperatorKind.Subtract => BoundBinaryOperator.Subtract,
            BinaryOperatorKind.Multiply => BoundBinaryOperator.Multiply,
            _ => BoundBinaryOperator.Divide,
        };
        var result = ArithmeticType(op, ref l, ref r, syntax);
        if (result is null) return new BoundError(syntax);
        if (op == BoundBinaryOperator.Divide && ConstantFolder.TryFold(r, out var divisor) && divisor is decimal zero && zero == 0m)
        {
            Report(DiagnosticDescriptors.DivisionByZero, syntax.Right);
            return new BoundError(syntax);
        }
        return new BoundBinary(syntax, l, op, r, result);
    }

    /// <summary>The type of an arithmetic expression, converting operands where the units allow; null after reporting.</summary>
    private PolicyType? ArithmeticType(BoundBinaryOperator op, ref BoundExpression l, ref BoundExpression r, SyntaxNode syntax)
    {
        var lt = l.Type;
        var rt = r.Type;
        var symbol = op switch { BoundBinaryOperator.Add => "+", BoundBinaryOperator.Subtract => "-", BoundBinaryOperator.Multiply => "*", _ => "/" };

        if (lt.IsNumeric && rt.IsNumeric)
            return op == BoundBinaryOperator.Divide || lt.Kind == TypeKind.Number || rt.Kind == TypeKind.Number ? PolicyType.Number : PolicyType.Int;

        if (op is BoundBinaryOperator.Add or BoundBinaryOperator.Subtract)
        {
            // Periods become a duration next to a time or a duration: dismissal + 2 periods.
            if (rt.Kind == TypeKind.Periods && lt.Kind is TypeKind.Time or TypeKind.Duration && _symbols.PeriodLength(BindingContextKind.Plan) is { } len)
            {
                r = new BoundConversion(r.Syntax, r, ConversionKind.PeriodsToDuration, PolicyType.Duration, len);
                rt = r.Type;
            }
            if (lt.Kind == TypeKind.Time && rt.Kind == TypeKind.Duration) return PolicyType.Time;
            if (op == BoundBinaryOperator.Add && lt.Kind == TypeKind.Duration && rt.Kind == TypeKind.Time) return PolicyType.Time;
            if (op == BoundBinaryOperator.Subtract && lt.Kind == TypeKind.Time && rt.Kind == TypeKind.Time) return PolicyType.Duration;
            if (lt.Kind == TypeKind.Time && rt.Kind == TypeKind.Time)
            {
                Report(DiagnosticDescriptors.OperatorTypes, syntax, "+", lt, rt,
                    new LocalizedText("; two times of day cannot be added: add a duration such as '2 h' or '1 period' to a time", "；两个时刻不能相加：请在时刻上加时长，如“2 小时”或“1 课时”"));
                return null;
            }
            if (lt.Kind is TypeKind.Time && rt.IsNumeric || rt.Kind is TypeKind.Time && lt.IsNumeric)
            {
                Report(DiagnosticDescriptors.OperatorTypes, syntax, symbol, lt, rt, new LocalizedText("; give the number a unit, e.g. '30 min'", "；请为数字加上单位，如“30 分钟”"));
                return null;
            }
            if (lt.Equals(rt) && lt.IsQuantity) return lt;
            if (lt is MoneyType { IsRate: true } ml && rt is MoneyType { IsRate: true } mr && ml.Basis == mr.Basis)
            {
                ReportRateMismatch(syntax, lt, rt, r, ml);
                return null;
            }
            if (IsTimeDurationMix(lt, rt))
            {
                ReportTimeDuration(syntax, l, r);
                return null;
            }
        }
        else if (op == BoundBinaryOperator.Multiply)
        {
            // A rate per student times a number of students is the school's amount per period of time:
            // 120 CNY per student per month * 900 is CNY per month. (A percentage scales a rate and keeps it per student.)
            if (lt is MoneyType { Basis: RateBasis.PerStudent } perStudent && rt.IsNumeric) return PolicyType.Money(RateBasis.None, perStudent.Unit);
            if (rt is MoneyType { Basis: RateBasis.PerStudent } perStudent2 && lt.IsNumeric) return PolicyType.Money(RateBasis.None, perStudent2.Unit);
            // A percentage of a number is a number: 12 participants * 50% is 6.
            if (lt.IsNumeric && rt.Kind == TypeKind.Percent || rt.IsNumeric && lt.Kind == TypeKind.Percent) return PolicyType.Number;
            if (lt.IsQuantity && (rt.IsNumeric || rt.Kind == TypeKind.Percent) && !(lt.IsNumeric && rt.Kind == TypeKind.Percent)) return lt;
            if (rt.IsQuantity && (lt.IsNumeric || lt.Kind == TypeKind.Percent)) return lt.Kind == TypeKind.Percent && rt.IsNumeric ? PolicyType.Number : rt;
            if (lt.Kind == TypeKind.Periods && rt.Kind == TypeKind.Duration) return PolicyType.Duration;
        }
        else
        {
            if (lt.IsQuantity && rt.IsNumeric) return lt.Kind == TypeKind.Int ? PolicyType.Number : lt;
            if (lt.IsQuantity && lt.Equals(rt)) return PolicyType.Number;
            if (lt is MoneyType { IsRate: true } ml && rt is MoneyType { IsRate: true } mr && ml.Basis == mr.Basis)
            {
                ReportRateMismatch(syntax, lt, rt, r, ml);
                return null;
            }
        }
        Report(DiagnosticDescriptors.OperatorTypes, syntax, symbol, lt, rt, new LocalizedText(string.Empty, string.Empty));
        return null;
    }

    private BoundExpression BindRange(BinaryExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        var elementExpected = expected is CollectionType c ? c.Element : expected;
        var low = Bind(syntax.Left, scope, elementExpected);
        var high = Bind(syntax.Right, scope, elementExpected ?? (low.Type.Kind == TypeKind.Enum ? low.Type : null));
        if (low.Type.IsError || high.Type.IsError) return new BoundError(syntax);

        // 1..2 periods, 15..20 min: a bare number takes the unit of the other bound.
        if (low.Type.IsNumeric && high.Type.IsQuantity && !high.Type.IsNumeric && low is BoundLiteral ll)
            low = new BoundLiteral(ll.Syntax, ScaleLike(ll.Value, high), high.Type);
        if (high.Type.IsNumeric && low.Type.IsQuantity && !low.Type.IsNumeric && high is BoundLiteral hl)
            high = new BoundLiteral(hl.Syntax, ScaleLike(hl.Value, low), low.Type);
        if (low.Type.Kind == TypeKind.Int && high.Type.Kind == TypeKind.Number) low = ConvertTo(low, PolicyType.Number, syntax.Left);
        if (high.Type.Kind == TypeKind.Int && low.Type.Kind == TypeKind.Number) high = ConvertTo(high, PolicyType.Number, syntax.Right);

        if (!low.Type.Equals(high.Type) || !(low.Type.IsOrdered || low.Type.Kind == TypeKind.Enum))
        {
            Report(DiagnosticDescriptors.InvalidRange, syntax, low.Type, high.Type);
            return new BoundError(syntax);
        }
        if (Evaluation.ConstantFolder.TryFold(low, out var lv) && Evaluation.ConstantFolder.TryFold(high, out var hv) && lv is not null && hv is not null
            && Evaluation.Evaluator.CompareValues(lv, hv) > 0)
        {
            Report(DiagnosticDescriptors.InvalidRange, syntax, ValueFormatter.Format(lv, low.Type, Language.English), ValueFormatter.Format(hv, high.Type, Language.English));
            return new BoundError(syntax);
        }
        return new BoundBinary(syntax, low, BoundBinaryOperator.Range, high, PolicyType.RangeOf(low.Type));
    }

    /// <summary>In '1..2 h' the bare 1 means 1 hour: scale it like the literal that carries the unit.</summary>
    private static object? ScaleLike(object? value, BoundExpression withUnit)
    {
        if (value is decimal d && withUnit.Syntax is QuantityExpressionSyntax { QuantityKind: QuantityKind.Duration } q && q.UnitTokens.Length > 0 && q.UnitTokens[0].Kind == TokenKind.Hours)
            return d * 60;
        return value;
    }

    private BoundExpression BindComparison(ComparisonExpressionSyntax syntax, BindingScope scope)
    {
        var kind = syntax.Comparator.Kind;
        var left = Bind(syntax.Left, scope);
        var right = Bind(syntax.Right, scope, kind is ComparatorKind.In or ComparatorKind.NotIn ? (left.Type.IsError ? null : PolicyType.SetOf(left.Type)) : left.Type);
        if (left.Type.Kind == TypeKind.Enum && left is BoundLiteral && right.Type.Kind == TypeKind.Enum && !right.Type.Equals(left.Type) && syntax.Left is NameExpressionSyntax leftName)
            left = Bind(leftName, scope, right.Type); // 'urban == school.location' with an ambiguous member on the left
        if (left.Type.IsError || right.Type.IsError) return new BoundError(syntax);
        return MakeComparison(syntax, left, kind, right, syntax.Comparator);
    }

    public BoundExpression MakeComparison(SyntaxNode syntax, BoundExpression left, ComparatorKind kind, BoundExpression right, SyntaxNode at)
    {
        if (kind is ComparatorKind.In or ComparatorKind.NotIn)
        {
            var op = kind == ComparatorKind.In ? BoundBinaryOperator.In : BoundBinaryOperator.NotIn;
            if (right.Type.Kind is TypeKind.Set or TypeKind.List or TypeKind.Range)
            {
                var element = right.Type.ElementType!;
                var l = left;
                if (!element.Equals(l.Type))
                {
                    if (element.Kind == TypeKind.Number && l.Type.Kind == TypeKind.Int) l = ConvertTo(l, PolicyType.Number, syntax);
                    else if (l.Type.Kind == TypeKind.Periods && element.Kind == TypeKind.Periods) { }
                    else if (IsTimeDurationMix(l.Type, element))
                    {
                        ReportTimeDuration(syntax, l, right);
                        return new BoundError(syntax);
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.TypeMismatch, syntax, new LocalizedText($"a value that can be in a {right.Type.ToString(Language.English)}", $"可属于{right.Type.ToString(Language.Chinese)}的值"), Describe(l));
                        return new BoundError(syntax);
                    }
                }
                return new BoundBinary(syntax, l, op, right, PolicyType.Bool);
            }
            Report(DiagnosticDescriptors.TypeMismatch, right.Syntax ?? syntax, new LocalizedText("a set such as {a, b} or a range such as 1..2", "集合（如 {a, b}）或范围（如 1..2）"), Describe(right));
            return new BoundError(syntax);
        }

        var bop = kind switch
        {
            ComparatorKind.Equal => BoundBinaryOperator.Equal,
            ComparatorKind.NotEqual => BoundBinaryOperator.NotEqual,
            ComparatorKind.Less => BoundBinaryOperator.Less,
            ComparatorKind.LessOrEqual or ComparatorKind.AtMost or ComparatorKind.NotAfter => BoundBinaryOperator.LessOrEqual,
            ComparatorKind.Greater => BoundBinaryOperator.Greater,
            _ => BoundBinaryOperator.GreaterOrEqual,
        };

        // Periods compared with a duration (homework limits, period length) go through the period length.
        if (left.Type.Kind == TypeKind.Duration && right.Type.Kind == TypeKind.Periods) right = ConvertTo(right, PolicyType.Duration, syntax);
        if (left.Type.IsNumeric && right.Type.Kind == TypeKind.Percent) left = new BoundConversion(left.Syntax, left, ConversionKind.Identity, PolicyType.Percent);
        if (right.Type.IsNumeric && left.Type.Kind == TypeKind.Percent) right = new BoundConversion(right.Syntax, right, ConversionKind.Identity, PolicyType.Percent);
        if (left.Type.Kind == TypeKind.Int && right.Type.Kind == TypeKind.Number) left = ConvertTo(left, PolicyType.Number, syntax);
        if (right.Type.Kind == TypeKind.Int && left.Type.Kind == TypeKind.Number) right = ConvertTo(right, PolicyType.Number, syntax);
        // A bare number compared with minutes (homework 0): allow literal zero only.
        if (left.Type.Kind is TypeKind.Duration or TypeKind.Money && right is BoundLiteral { Value: 0m } && right.Type.IsNumeric)
            right = new BoundLiteral(right.Syntax, 0m, left.Type);

        if (!left.Type.Equals(right.Type))
        {
            if (left.Type is MoneyType { IsRate: true } ml && right.Type is MoneyType { IsRate: true } mr && ml.Basis == mr.Basis)
                ReportRateMismatch(at, left.Type, right.Type, right, ml);
            else if (IsTimeDurationMix(left.Type, right.Type))
                ReportTimeDuration(at, left, right);
            else
                Report(DiagnosticDescriptors.TypeMismatch, right.Syntax ?? syntax, left.Type, Describe(right));
            return new BoundError(syntax);
        }
        if (bop is not (BoundBinaryOperator.Equal or BoundBinaryOperator.NotEqual) && !left.Type.IsOrdered)
        {
            Report(DiagnosticDescriptors.OperatorTypes, at, at.ToString(), left.Type, right.Type, new LocalizedText("; only numbers, amounts, times and dates are ordered", "；只有数值、金额、时刻和日期可以比较大小"));
            return new BoundError(syntax);
        }
        return new BoundBinary(syntax, left, bop, right, PolicyType.Bool);
    }

    private PolicyType? UnifyAll(ImmutableArray<BoundExpression> args, SyntaxNode syntax)
    {
        var type = args[0].Type;
        foreach (var a in args.Skip(1))
        {
            if (a.Type.Equals(type)) continue;
            if (a.Type.IsNumeric && type.IsNumeric)
            {
                type = PolicyType.Number;
                continue;
            }
            if (type is MoneyType { IsRate: true } m1 && a.Type is MoneyType { IsRate: true } && m1.Basis == ((MoneyType)a.Type).Basis)
                ReportRateMismatch(a.Syntax ?? syntax, type, a.Type, a, m1);
            else
                Report(DiagnosticDescriptors.TypeMismatch, a.Syntax ?? syntax, type, Describe(a));
            return null;
        }
        return type;
    }

    private BoundExpression BindSet(SetExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        var elementExpected = expected is CollectionType c ? c.Element : null;
        var elements = ImmutableArray.CreateBuilder<BoundExpression>();
        PolicyType? elementType = elementExpected;
        foreach (var e in syntax.Elements)
        {
            var bound = Bind(e, scope, elementType);
            if (bound.Type.IsError) return new BoundError(syntax);
            // {mon, wed..fri}: a range of members stands for the members between its bounds.
            if (bound.Type.Kind == TypeKind.Range && bound.Type.ElementType!.Kind == TypeKind.Enum && (elementType is null || elementType.Equals(bound.Type.ElementType)))
            {
                elementType ??= bound.Type.ElementType;
                elements.Add(bound);
                continue;
            }
            if (elementType is null) elementType = bound.Type;
            else if (!bound.Type.Equals(elementType))
            {
                if (elementType.Kind == TypeKind.Number && bound.Type.Kind == TypeKind.Int) bound = ConvertTo(bound, PolicyType.Number, e);
                else
                {
                    Report(DiagnosticDescriptors.TypeMismatch, e, elementType, Describe(bound));
                    return new BoundError(syntax);
                }
            }
            elements.Add(bound);
        }
        return new BoundSet(syntax, elements.ToImmutable(), PolicyType.SetOf(elementType ?? PolicyType.Text));
    }

    private BoundExpression BindQuantifier(QuantifierExpressionSyntax syntax, BindingScope scope)
    {
        var source = Bind(syntax.Source, scope);
        if (source.Type.IsError) return new BoundError(syntax);
        if (source.Type.Kind is not (TypeKind.List or TypeKind.Set or TypeKind.Range))
        {
            Report(DiagnosticDescriptors.NotAList, syntax.Source, syntax.Source.ToString(), source.Type);
            return new BoundError(syntax);
        }
        var variable = new VariableSymbol(syntax.Variable.Text, source.Type.ElementType!) { Location = Loc(syntax.Variable) };
        var inner = scope.Child();
        inner.Define(variable);
        var filter = syntax.Filter is { } f ? BindCondition(f, inner) : null;
        var predicate = syntax.Predicate is { } p ? BindCondition(p, inner) : null;
        if (filter is { Type.IsError: true } || predicate is { Type.IsError: true }) return new BoundError(syntax);
        // 'all p in plan.providers where p.whitelisted' reads as "all providers are whitelisted": without
        // 'satisfy', the condition of 'all' is what every element must meet.
        if (syntax.QuantifierKind == QuantifierKind.All && predicate is null && filter is not null)
            (filter, predicate) = (null, filter);
        return new BoundQuantifier(syntax, syntax.QuantifierKind, variable, source, filter, predicate);
    }

    private BoundExpression BindConditional(ConditionalExpressionSyntax syntax, BindingScope scope, PolicyType? expected)
    {
        var condition = BindCondition(syntax.Condition, scope);
        var whenTrue = Bind(syntax.WhenTrue, scope, expected);
        var whenFalse = Bind(syntax.WhenFalse, scope, expected ?? whenTrue.Type);
        if (condition.Type.IsError || whenTrue.Type.IsError || whenFalse.Type.IsError) return new BoundError(syntax);
        var type = UnifyAll(ImmutableArray.Create(whenTrue, whenFalse), syntax);
        if (type is null) return new BoundError(syntax);
        return new BoundConditional(syntax, condition, ConvertTo(whenTrue, type, syntax.WhenTrue), ConvertTo(whenFalse, type, syntax.WhenFalse));
    }

    private BoundExpression BindConversion(ConversionExpressionSyntax syntax, BindingScope scope)
    {
        var operand = Bind(syntax.Expression, scope);
        var target = BindType(syntax.Type);
        if (operand.Type.IsError || target.IsError) return new BoundError(syntax);
        if (operand.Type.Equals(target)) return operand;
        if (operand.Type is MoneyType { IsRate: true } from && target is MoneyType { IsRate: true } to && from.Basis == to.Basis)
            return new BoundConversion(syntax, operand, ConversionKind.Rate, target);
        if (operand.Type is DurationRateType && target is DurationRateType)
            return new BoundConversion(syntax, operand, ConversionKind.DurationRate, target);
        if (operand.Type.Kind == TypeKind.Periods && target.Kind == TypeKind.Duration && _symbols.PeriodLength(scope.Kind) is { } length)
            return new BoundConversion(syntax, operand, ConversionKind.PeriodsToDuration, target, length);
        if (operand.Type.IsNumeric && target.IsNumeric)
            return new BoundConversion(syntax, operand, ConversionKind.Identity, target);
        Report(DiagnosticDescriptors.InvalidConversion, syntax, operand.Type, target);
        return new BoundError(syntax);
    }

    // ------------------------------------------------------------------ types

    private static readonly Dictionary<string, PolicyType> s_namedTypes = new(StringComparer.Ordinal)
    {
        ["bool"] = PolicyType.Bool, ["布尔"] = PolicyType.Bool,
        ["int"] = PolicyType.Int, ["整数"] = PolicyType.Int,
        ["number"] = PolicyType.Number, ["数值"] = PolicyType.Number,
        ["text"] = PolicyType.Text, ["文本"] = PolicyType.Text,
        ["date"] = PolicyType.Date, ["日期"] = PolicyType.Date,
        ["time"] = PolicyType.Time, ["时刻"] = PolicyType.Time,
        ["duration"] = PolicyType.Duration, ["时长"] = PolicyType.Duration,
        ["percent"] = PolicyType.Percent, ["百分比"] = PolicyType.Percent,
        ["periods"] = PolicyType.Periods, ["课时数"] = PolicyType.Periods,
        ["money"] = PolicyType.Amount, ["金额"] = PolicyType.Amount,
    };

    public static IEnumerable<string> TypeNames => s_namedTypes.Keys.Concat(PlanSchema.Enums.SelectMany(e => new[] { e.Name, e.ChineseName }));

    public PolicyType BindType(TypeSyntax syntax)
    {
        switch (syntax)
        {
            case MoneyTypeSyntax money:
                return money.Rate is { } rate ? PolicyType.Money(rate.Basis, rate.Unit) : PolicyType.Amount;
            case RatioTypeSyntax ratio:
                if (ratio.Denominator.Text is "staff" or "教职工" or "教师" or "teacher" or "adult" or "成人") return PolicyType.Ratio;
                Report(DiagnosticDescriptors.InvalidUnit, ratio, new LocalizedText("a ratio", "生师比"), new LocalizedText($"per '{ratio.Denominator.Text}'", $"每“{ratio.Denominator.Text}”"),
                    new LocalizedText("write 'students per staff'", "请写“学生 每 教职工”"));
                return PolicyType.Error;
            case CollectionTypeSyntax collection:
            {
                var element = BindType(collection.Element);
                if (element.IsError) return element;
                return collection.IsSet ? PolicyType.SetOf(element) : PolicyType.ListOf(element);
            }
            case NamedTypeSyntax named:
            {
                if (named.Name.IsMissing) return PolicyType.Error;
                var name = named.Name.Text;
                PolicyType? type = s_namedTypes.TryGetValue(name, out var t) ? t : PlanSchema.FindEnum(name)?.Type;
                if (type is null)
                {
                    var suggestion = Runtime.Spelling.Suggest(name, TypeNames);
                    Report(DiagnosticDescriptors.UnknownType, named.Name, SyntaxFacts.Shorten(name),
                        new LocalizedText("bool, int, number, text, date, time, duration, percent, periods, CNY [per student] per UNIT, students per staff, set of …, or an enumeration such as location",
                            "布尔、整数、数值、文本、日期、时刻、时长、百分比、课时数、元 [每生]每周期、生师比、集合 …，或枚举类型如 location"),
                        DidYouMean(suggestion));
                    return PolicyType.Error;
                }
                if (named.Rate is { } r)
                {
                    if (type.Kind == TypeKind.Duration && r.Basis == RateBasis.None) return PolicyType.DurationPer(r.Unit);
                    if (type.Kind == TypeKind.Money) return PolicyType.Money(r.Basis, r.Unit);
                    Report(DiagnosticDescriptors.InvalidUnit, r, type, new LocalizedText("a rate", "费率"), new LocalizedText("only money and durations have rates", "只有金额和时长可以按周期计"));
                    return PolicyType.Error;
                }
                return type;
            }
            default:
                return PolicyType.Error;
        }
    }
}
