using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>Sections are sugar: each line becomes parameters (so scenarios can change it) and rules.</summary>
internal sealed partial class PolicyBinder
{
    private readonly Dictionary<SectionKind, SectionSyntax> _sections = new();
    private readonly List<(BoundCap Cap, SectionItemSyntax Item)> _pendingCaps = new();
    private readonly List<(SectionItemSyntax Item, EnumMemberSymbol Kind, TimeOfDay Start, TimeOfDay End)> _segments = new();

    private static readonly Dictionary<SectionKind, (string En, string Zh)> s_sectionNames = new()
    {
        [SectionKind.Window] = ("window", "服务时间"),
        [SectionKind.Fee] = ("fee", "收费"),
        [SectionKind.Subsidy] = ("subsidy", "补贴"),
        [SectionKind.Pay] = ("pay", "报酬"),
        [SectionKind.Staffing] = ("staffing", "师资"),
        [SectionKind.Eligibility] = ("eligibility", "服务对象"),
        [SectionKind.Homework] = ("homework", "作业"),
        [SectionKind.Calendar] = ("calendar", "校历"),
    };

    private static string Id(SectionKind kind) => s_sectionNames[kind].En;

    private void BindSection(SectionSyntax section)
    {
        if (_sections.TryGetValue(section.SectionKind, out var first))
        {
            Report(DiagnosticDescriptors.DuplicateSection, section.Keyword, new LocalizedText(s_sectionNames[section.SectionKind].En, s_sectionNames[section.SectionKind].Zh), Line(first.Keyword));
            return;
        }
        _sections[section.SectionKind] = section;
        foreach (var item in section.Items)
        {
            if (item.Tail.Citation is null && section.SectionKind != SectionKind.Calendar && (item.LeadToken ?? item.FirstToken) is { IsMissing: false } lead)
                Report(DiagnosticDescriptors.MissingCitation, lead, new LocalizedText($"the {Id(section.SectionKind)} line '{SyntaxFacts.Shorten(item.ToString(), 30)}'", $"{s_sectionNames[section.SectionKind].Zh}条目“{SyntaxFacts.Shorten(item.ToString(), 30)}”"));
            CheckTail(section.SectionKind, item);
            try
            {
                switch (section.SectionKind)
                {
                    case SectionKind.Window: BindWindowItem(item); break;
                    case SectionKind.Fee: BindFeeItem(item); break;
                    case SectionKind.Subsidy: BindSubsidyItem(item); break;
                    case SectionKind.Pay: BindPayItem(item); break;
                    case SectionKind.Staffing: BindStaffingItem(item); break;
                    case SectionKind.Eligibility: BindEligibilityItem(item); break;
                    case SectionKind.Homework: BindHomeworkItem(item); break;
                    default: BindCalendarItem(item); break;
                }
            }
            catch (InsufficientExecutionStackException)
            {
                Report(DiagnosticDescriptors.ExpressionTooComplex, item, Syntax.Parsing.TreeBuilder.MaxExpressionDepth);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>'for', 'when' and 'exception to' are accepted by the grammar on every line; report them where they mean nothing.</summary>
    private void CheckTail(SectionKind section, SectionItemSyntax item)
    {
        var tail = item.Tail;
        var lineKind = new LocalizedText($"{Id(section)} {item.Form.ToString().ToLowerInvariant()}", $"{s_sectionNames[section].Zh}");
        var forAllowed = item.Form is SectionItemForm.Cap or SectionItemForm.Bound
                         || section == SectionKind.Staffing && item.Form == SectionItemForm.Require;
        if (tail.ForKeyword is { } forKeyword && !forAllowed)
            Report(DiagnosticDescriptors.UnusedTail, forKeyword, forKeyword.Text, lineKind,
                new LocalizedText("'for' names the segment of a cap or of an end/start time, or the provider kind of a staffing 'require'", "“对于”只用于上限或结束/开始时间的时段，或师资“要求”的人员类别"));
        if (!tail.ExceptionKeywords.IsEmpty && item.Form != SectionItemForm.Cap)
            Report(DiagnosticDescriptors.UnusedTail, tail.ExceptionKeywords[0], string.Join(" ", tail.ExceptionKeywords.Select(k => k.Text)), lineKind,
                new LocalizedText("only a cap can be an exception to another cap", "只有上限可以作为另一上限的例外"));
        if (tail.WhenKeyword is { } when && (section == SectionKind.Calendar || item.Form == SectionItemForm.Priority))
            Report(DiagnosticDescriptors.UnusedTail, when, when.Text, lineKind,
                new LocalizedText("calendar values and priority groups hold for every school the policy covers", "校历取值与优先群体对本政策适用的所有学校都成立"));
    }

    private BoundExpression? When(SectionItemSyntax item) =>
        item.Tail.Condition is { } c ? _binder.BindCondition(c, new BindingScope(BindingContextKind.School)) : null;

    private ImmutableArray<EnumMemberSymbol> ForKinds(SectionItemSyntax item, EnumSymbol kinds)
    {
        if (item.Tail.ForNames.IsDefaultOrEmpty) return ImmutableArray<EnumMemberSymbol>.Empty;
        var result = ImmutableArray.CreateBuilder<EnumMemberSymbol>();
        foreach (var name in item.Tail.ForNames)
        {
            if (name.IsMissing) continue;
            if (kinds.Lookup(name.Text) is { } member) result.Add(member);
            else _binder.ReportUnknownMember(name, kinds);
        }
        return result.ToImmutable();
    }

    private IEnumerable<EnumMemberSymbol> Members(ImmutableArray<SyntaxToken> names, EnumSymbol symbol)
    {
        foreach (var name in names)
        {
            if (name.IsMissing) continue;
            if (symbol.Lookup(name.Text) is { } member) yield return member;
            else _binder.ReportUnknownMember(name, symbol);
        }
    }

    private string ItemId(SectionKind section, string word, ImmutableArray<EnumMemberSymbol> forKinds, string? label = null)
    {
        var id = Id(section) + "." + word;
        if (label is not null) return id + "." + label;
        if (!forKinds.IsDefaultOrEmpty) id += "." + string.Join("_", forKinds.Select(k => k.Name));
        return id;
    }

    private ParameterSymbol SectionParameter(string id, PolicyType type, BoundExpression value, SectionItemSyntax item)
    {
        var name = id;
        for (var n = 2; _parameters.ContainsKey(name); n++) name = id + "#" + n;
        return AddParameter(name, type, ParameterOrigin.Section, ImmutableArray.Create(new DatedValue(null, value)), Cite(item.Tail.Citation), Loc(item));
    }

    private void AddRule(string id, SectionKind section, SectionItemSyntax item, LocalizedText description, BoundExpression check,
        BoundExpression? condition = null, VariableSymbol? variable = null, BoundExpression? source = null, BoundExpression? filter = null,
        BoundExpression? actual = null, BoundExpression? limit = null, BoundExpression? subject = null)
    {
        if (check.Type.IsError || condition is { Type.IsError: true } || filter is { Type.IsError: true } || source is { Type.IsError: true }) return;
        var symbol = MakeRuleSymbol(UniqueRuleId(id), description, item.Tail.Citation, item.Tail.Severity, Loc(item));
        _rules.Add(new BoundRule(symbol.Name, symbol, item, check)
        {
            Section = section,
            Form = item.Form,
            Condition = condition,
            Variable = variable,
            Source = source,
            Filter = filter,
            Actual = actual,
            Limit = limit,
            Subject = subject,
        });
    }

    private static BoundExpression Plan(params string[] path)
    {
        BoundExpression e = PlanRoot();
        foreach (var p in path) e = Field(e, p);
        return e;
    }

    private static BoundExpression Var(VariableSymbol v) => new BoundVariable(null, v);
    private static BoundExpression Of(BoundExpression receiver, string field) => Field(receiver, field);
    private static BoundExpression Lit(object? value, PolicyType type) => new BoundLiteral(null, value, type);
    private static BoundExpression Bin(BoundExpression l, BoundBinaryOperator op, BoundExpression r, PolicyType? type = null) =>
        new BoundBinary(null, l, op, r, type ?? PolicyType.Bool);
    private static BoundExpression Not(BoundExpression e) => new BoundUnary(null, BoundUnaryOperator.Not, e);
    private static BoundExpression Exists(BoundExpression e) => new BoundCall(null, BuiltinFunction.Exists, ImmutableArray.Create(e), PolicyType.Bool);
    private static BoundExpression SetOf(IEnumerable<EnumMemberSymbol> members, EnumSymbol symbol) =>
        new BoundSet(null, members.Select(m => Lit(m, symbol.Type)).ToImmutableArray(), PolicyType.SetOf(symbol.Type));

    private BoundExpression Compare(BoundExpression left, ComparatorKind kind, BoundExpression right, SyntaxNode at) =>
        _binder.MakeComparison(at, left, kind, right, at);

    /// <summary>The value of a section line as text for a rule's description: the constant, else the parameter's name.</summary>
    private static LocalizedText Show(ParameterSymbol p)
    {
        if (ConstantFolder.TryFold(p.ValueAt(null), out var v))
            return new LocalizedText(ValueFormatter.Format(v, p.Type, Language.English), ValueFormatter.Format(v, p.Type, Language.Chinese));
        return LocalizedText.Same(p.Name);
    }

    private static LocalizedText Show(BoundExpression e)
    {
        if (ConstantFolder.TryFold(e, out var v))
            return new LocalizedText(ValueFormatter.Format(v, e.Type, Language.English), ValueFormatter.Format(v, e.Type, Language.Chinese));
        var text = e.Syntax?.ToString() ?? "?";
        return LocalizedText.Same(text);
    }

    private static LocalizedText ShowOr(BoundExpression e, SyntaxNode syntax) =>
        ConstantFolder.IsConstant(e) ? Show(e)
        : e is BoundField f ? new LocalizedText(f.Field.Name, f.Field.ChineseDescription)
        : LocalizedText.Same(syntax.ToString());

    private static (string En, string Zh) Words(ComparatorKind kind) => kind switch
    {
        ComparatorKind.AtLeast or ComparatorKind.GreaterOrEqual => ("at least", "不少于"),
        ComparatorKind.AtMost or ComparatorKind.LessOrEqual => ("at most", "不超过"),
        ComparatorKind.NotBefore => ("not before", "不早于"),
        ComparatorKind.NotAfter => ("not after", "不晚于"),
        ComparatorKind.Less => ("less than", "少于"),
        ComparatorKind.Greater => ("more than", "多于"),
        ComparatorKind.NotEqual => ("other than", "不等于"),
        ComparatorKind.In => ("within", "属于"),
        ComparatorKind.NotIn => ("outside", "不属于"),
        _ => ("exactly", "等于"),
    };

    private void UnknownItem(SectionKind section, SyntaxToken name, IEnumerable<string> valid)
    {
        var list = valid.ToList();
        Report(DiagnosticDescriptors.UnknownSectionItem, name, SyntaxFacts.Shorten(name.Text), new LocalizedText($"{Id(section)}", s_sectionNames[section].Zh),
            new LocalizedText(string.Join(", ", list), string.Join("、", list)), ExpressionBinder.DidYouMean(Runtime.Spelling.Suggest(name.Text, list)));
    }

    // ------------------------------------------------------------------ window

    private void BindWindowItem(SectionItemSyntax item)
    {
        var when = When(item);
        switch (item.Form)
        {
            case SectionItemForm.Days:
            {
                var days = BindConstant(item.Value!, PolicyType.SetOf(PlanSchema.Weekday.Type), "window.days");
                if (days.Type.IsError) return;
                var d = new VariableSymbol("day", PlanSchema.Weekday.Type);
                AddRule("window.days", SectionKind.Window, item,
                    new LocalizedText($"service runs on {Show(days).English}", $"服务日须包括 {Show(days).Chinese}"),
                    Bin(Var(d), BoundBinaryOperator.In, Plan("service", "days")),
                    when, d, days, actual: Plan("service", "days"), limit: Var(d), subject: Var(d));
                break;
            }
            case SectionItemForm.Period:
            {
                var value = BindConstant(item.Value!, PolicyType.Duration, "window.period");
                if (value.Type.IsError) return;
                var p = SectionParameter("window.period", PolicyType.Duration, value, item);
                AddRule(p.Name, SectionKind.Window, item,
                    new LocalizedText($"a period lasts {Show(p).English}", $"每课时为 {Show(p).Chinese}"),
                    Bin(Plan("service", "period_minutes"), BoundBinaryOperator.Equal, new BoundParameter(null, p)),
                    when, actual: Plan("service", "period_minutes"), limit: new BoundParameter(null, p));
                break;
            }
            case SectionItemForm.Within:
                BindWithin(item, when);
                break;
            case SectionItemForm.Bound:
            {
                var isEnd = item.Keyword!.Kind == TokenKind.End;
                var word = isEnd ? "end" : "start";
                var kinds = ForKinds(item, PlanSchema.SegmentKind);
                var value = BindConstant(item.Value!, PolicyType.Time, "window." + word);
                if (value.Type.IsError) return;
                var p = SectionParameter(ItemId(SectionKind.Window, word, kinds, item.Label?.Text), PolicyType.Time, value, item);
                var cmp = item.Comparator!.Kind;
                var (en, zh) = Words(cmp);
                var what = kinds.IsDefaultOrEmpty ? ("service", "服务") : (string.Join(", ", kinds.Select(k => k.Name)), string.Join("、", kinds.Select(k => k.ChineseName)));
                var description = new LocalizedText($"{what.Item1} must {word} {en} {Show(p).English}", $"{what.Item2}{(isEnd ? "结束" : "开始")}时间{zh} {Show(p).Chinese}");
                if (kinds.IsDefaultOrEmpty)
                {
                    var target = Plan("service", word);
                    AddRule(p.Name, SectionKind.Window, item, description, Compare(target, cmp, new BoundParameter(null, p), item), when,
                        actual: target, limit: new BoundParameter(null, p));
                }
                else
                {
                    var s = new VariableSymbol("segment", PlanSchema.Segment.Type);
                    AddRule(p.Name, SectionKind.Window, item, description, Compare(Of(Var(s), word), cmp, new BoundParameter(null, p), item), when,
                        s, Plan("service", "all_segments"), Bin(Of(Var(s), "kind"), BoundBinaryOperator.In, SetOf(kinds, PlanSchema.SegmentKind)),
                        actual: Of(Var(s), word), limit: new BoundParameter(null, p), subject: Of(Var(s), "kind"));
                }
                break;
            }
            case SectionItemForm.Segment:
            {
                if (item.Name is not { IsMissing: false } name) return;
                var kind = PlanSchema.SegmentKind.Lookup(name.Text);
                if (kind is null)
                {
                    _binder.ReportUnknownMember(name, PlanSchema.SegmentKind);
                    return;
                }
                var range = BindConstant(item.Value!, PolicyType.RangeOf(PolicyType.Time), "window.segment");
                if (range is not BoundBinary { Operator: BoundBinaryOperator.Range } r) return;
                if (ConstantFolder.TryFold(r.Left, out var lo) && ConstantFolder.TryFold(r.Right, out var hi) && lo is TimeOfDay start && hi is TimeOfDay end)
                {
                    foreach (var other in _segments)
                        if (start.Minutes < other.End.Minutes && other.Start.Minutes < end.Minutes)
                            Report(DiagnosticDescriptors.OverlappingSegments, item, new LocalizedText(kind.Name, kind.ChineseName), $"{start}..{end}",
                                new LocalizedText(other.Kind.Name, other.Kind.ChineseName), $"{other.Start}..{other.End}", Line(other.Item));
                    _segments.Add((item, kind, start, end));
                }
                var s = new VariableSymbol("segment", PlanSchema.Segment.Type);
                var inside = Bin(Bin(Of(Var(s), "start"), BoundBinaryOperator.GreaterOrEqual, r.Left), BoundBinaryOperator.And, Bin(Of(Var(s), "end"), BoundBinaryOperator.LessOrEqual, r.Right));
                AddRule("window.segment." + kind.Name, SectionKind.Window, item,
                    new LocalizedText($"the {kind.Name} segment lies within {Show(range).English}", $"{kind.ChineseName}时段须在 {Show(range).Chinese} 之内"),
                    inside, when, s, Plan("service", "all_segments"), Bin(Of(Var(s), "kind"), BoundBinaryOperator.Equal, Lit(kind, PlanSchema.SegmentKind.Type)),
                    actual: Bin(Of(Var(s), "start"), BoundBinaryOperator.Range, Of(Var(s), "end"), PolicyType.RangeOf(PolicyType.Time)), limit: range, subject: Of(Var(s), "name"));
                break;
            }
            case SectionItemForm.Duration:
            {
                var perDay = PolicyType.DurationPer(TimeUnit.Day);
                var raw = _binder.Bind(item.Value!, new BindingScope(BindingContextKind.Constant), perDay);
                if (raw.Type.IsError) return;
                var value = raw.Type.Kind == TypeKind.Duration ? new BoundConversion(raw.Syntax, raw, ConversionKind.Identity, perDay) : _binder.ConvertTo(raw, perDay, item.Value!);
                if (value.Type.IsError) return;
                var p = SectionParameter("window.duration", perDay, value, item);
                var cmp = item.Comparator!.Kind;
                var (en, zh) = Words(cmp);
                AddRule(p.Name, SectionKind.Window, item,
                    new LocalizedText($"service lasts {en} {Show(p).English}", $"每日服务时长{zh} {Show(p).Chinese}"),
                    Compare(Plan("service", "daily_duration"), cmp, new BoundParameter(null, p), item), when,
                    actual: Plan("service", "daily_duration"), limit: new BoundParameter(null, p));
                break;
            }
        }
    }

    private void BindWithin(SectionItemSyntax item, BoundExpression? when)
    {
        var range = _binder.Bind(item.Value!, new BindingScope(BindingContextKind.Constant));
        if (range.Type.IsError) return;
        if (range is not BoundBinary { Operator: BoundBinaryOperator.Range } r || r.Left.Type.Kind is not (TypeKind.Periods or TypeKind.Duration))
        {
            Report(DiagnosticDescriptors.TypeMismatch, item.Value!, new LocalizedText("a range of periods or minutes, such as 1..2 periods", "课时或分钟的范围，如 1..2 课时"), range.Type);
            return;
        }
        var scope = new BindingScope(BindingContextKind.Plan);
        scope.Define("dismissal", _ => Plan("service", "dismissal"));
        scope.Define("放学", _ => Plan("service", "dismissal"));
        var anchor = _binder.BindValue(item.Anchor!, scope, PolicyType.Time);
        if (anchor.Type.IsError) return;
        BoundExpression AsDuration(BoundExpression e) => e.Type.Kind == TypeKind.Periods
            ? new BoundConversion(null, e, ConversionKind.PeriodsToDuration, PolicyType.Duration, PeriodLength(BindingContextKind.Plan))
            : e;
        var low = Bin(anchor, BoundBinaryOperator.Add, AsDuration(r.Left), PolicyType.Time);
        var high = Bin(anchor, BoundBinaryOperator.Add, AsDuration(r.Right), PolicyType.Time);
        var end = Plan("service", "end");
        var anchorText = item.Anchor!.ToString();
        var anchorZh = anchorText is "dismissal" or "放学" ? "放学" : anchorText;
        var rangeText = item.Value!.ToString();
        var rangeZh = rangeText.Replace("periods", "课时").Replace("period", "课时").Replace(" h", " 小时").Replace(" min", " 分钟");
        AddRule("window.end.within", SectionKind.Window, item,
            new LocalizedText($"service ends {rangeText} after {anchorText}", $"服务在{anchorZh}后 {rangeZh} 内结束"),
            Bin(Bin(end, BoundBinaryOperator.GreaterOrEqual, low), BoundBinaryOperator.And, Bin(end, BoundBinaryOperator.LessOrEqual, high)),
            when, actual: end, limit: Bin(low, BoundBinaryOperator.Range, high, PolicyType.RangeOf(PolicyType.Time)));
    }

    // ------------------------------------------------------------------ fee

    private void BindFeeItem(SectionItemSyntax item)
    {
        var when = When(item);
        switch (item.Form)
        {
            case SectionItemForm.Cap:
            {
                var kinds = ForKinds(item, PlanSchema.SegmentKind);
                var id = ItemId(SectionKind.Fee, "cap", kinds, item.Label?.Text);
                if (item.NoneKeyword is not null)
                {
                    _pendingCaps.Add((new BoundCap(id, item, null, null, kinds, when, Cite(item.Tail.Citation)) { Policy = _policy }, item));
                    return;
                }
                var value = _binder.Bind(item.Value!, new BindingScope(BindingContextKind.Constant));
                if (value.Type.IsError) return;
                if (value.Type is not MoneyType { IsRate: true } money)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, item.Value!, new LocalizedText("an amount per student per period, day, month, semester or year, such as 100 CNY per student per month",
                        "每生每课时/天/月/学期/学年的金额，如 100 元 每生每月"), value.Type);
                    return;
                }
                // A cap is always per student: '5 CNY per period' (Zhuzhou) means per student per period.
                var unit = PolicyType.Money(RateBasis.PerStudent, money.Unit);
                if (money.Basis != RateBasis.PerStudent)
                    value = value is BoundLiteral lit ? new BoundLiteral(lit.Syntax, lit.Value, unit) : new BoundConversion(value.Syntax, value, ConversionKind.Identity, unit);
                var p = SectionParameter(id, unit, value, item);
                if (_free && ConstantFolder.TryFold(value, out var v) && v is decimal amount && amount > 0)
                    Report(DiagnosticDescriptors.FreeWithCap, item, Show(p));
                _pendingCaps.Add((new BoundCap(p.Name, item, p, unit, kinds, when, Cite(item.Tail.Citation)) { Policy = _policy }, item));
                break;
            }
            case SectionItemForm.Waive:
            {
                decimal share = 1m;
                if (item.Partial is { } partial)
                {
                    var bound = BindConstant(partial, PolicyType.Percent, "fee.waive");
                    if (ConstantFolder.TryFold(bound, out var v) && v is decimal d) share = d;
                }
                foreach (var category in Members(item.Names, PlanSchema.Category).ToList())
                {
                    _waivers.Add(new BoundWaiver(category, share, when, Cite(item.Tail.Citation)));
                    AddRule("fee.waive." + category.Name, SectionKind.Fee, item,
                        new LocalizedText($"families in the {category.Name} category have their fee waived{(share < 1 ? $" by {ValueFormatter.Number(share * 100)}%" : string.Empty)}",
                            $"{category.ChineseName}家庭学生{(share < 1 ? $"减免 {ValueFormatter.Number(share * 100)}%" : "免收")}费用"),
                        Bin(Lit(category, PlanSchema.Category.Type), BoundBinaryOperator.In, Plan("waivers")), when,
                        actual: Plan("waivers"), limit: Lit(category, PlanSchema.Category.Type));
                }
                break;
            }
            case SectionItemForm.Refund:
            {
                var mode = Members(item.Names, PlanSchema.RefundMode).FirstOrDefault();
                if (mode is null) return;
                AddRule("fee.refund", SectionKind.Fee, item,
                    new LocalizedText($"fees are refunded {mode.Name} when a student leaves", $"学生中途退出时{mode.ChineseName}退费"),
                    Bin(Plan("refund"), BoundBinaryOperator.Equal, Lit(mode, PlanSchema.RefundMode.Type)), when,
                    actual: Plan("refund"), limit: Lit(mode, PlanSchema.RefundMode.Type));
                break;
            }
            case SectionItemForm.Free:
            {
                _free = true;
                foreach (var (cap, _) in _pendingCaps.Where(c => c.Cap.Parameter is not null))
                    if (ConstantFolder.TryFold(cap.Parameter!.ValueAt(null), out var v) && v is decimal amount && amount > 0)
                        Report(DiagnosticDescriptors.FreeWithCap, cap.Syntax, Show(cap.Parameter));
                var f = new VariableSymbol("fee", PlanSchema.Fee.Type);
                AddRule("fee.free", SectionKind.Fee, item, new LocalizedText("the service is free to families", "服务对家庭免费"),
                    Bin(Of(Var(f), "amount"), BoundBinaryOperator.Equal, Lit(0m, PolicyType.Amount)), when, f, Plan("fees"),
                    actual: Of(Var(f), "amount"), limit: Lit(0m, PolicyType.Amount), subject: Of(Var(f), "item"));
                break;
            }
            case SectionItemForm.CollectedBy:
            {
                var who = Members(item.Names, PlanSchema.Collector).FirstOrDefault();
                if (who is null) return;
                var f = new VariableSymbol("fee", PlanSchema.Fee.Type);
                AddRule("fee.collected_by", SectionKind.Fee, item,
                    new LocalizedText($"fees are collected by the {who.Name} only", $"费用只能由{who.ChineseName}收取"),
                    Bin(Of(Var(f), "collected_by"), BoundBinaryOperator.Equal, Lit(who, PlanSchema.Collector.Type)), when, f, Plan("fees"),
                    actual: Of(Var(f), "collected_by"), limit: Lit(who, PlanSchema.Collector.Type), subject: Of(Var(f), "item"));
                break;
            }
        }
    }

    /// <summary>Once all caps are known: exceptions, fee-item filters and the cap rules.</summary>
    private void ResolveExceptions()
    {
        var caps = _pendingCaps.Select(c => c.Cap).ToList();
        foreach (var cap in caps)
        {
            if (cap.Syntax.Tail.ExceptionTarget is not { IsMissing: false } target) continue;
            var found = caps.FirstOrDefault(c => c.Label == target.Text);
            if (found is null)
            {
                var labels = caps.Select(c => c.Label).OfType<string>().ToList();
                Report(DiagnosticDescriptors.UnknownExceptionTarget, target, target.Text, labels.Count == 0
                    ? new LocalizedText("; give the other cap a label: 'cap NAME: …'", "；请为另一上限命名：“上限 名称: …”")
                    : ExpressionBinder.DidYouMean(Runtime.Spelling.Suggest(target.Text, labels)));
                continue;
            }
            cap.ExceptionTarget = found;
        }
        _caps.AddRange(caps);

        var scopedKinds = caps.SelectMany(c => c.For).Distinct().ToList();
        foreach (var cap in caps)
        {
            if (cap.IsNone) continue;
            // Where an exception applies, the cap it is an exception to does not.
            var condition = cap.When;
            foreach (var exception in caps.Where(c => c.ExceptionTarget == cap && c.When is not null))
                condition = condition is null ? Not(exception.When!) : Bin(condition, BoundBinaryOperator.And, Not(exception.When!));

            var f = new VariableSymbol("fee", PlanSchema.Fee.Type);
            var segment = Of(Var(f), "segment");
            BoundExpression? filter = null;
            if (!cap.For.IsDefaultOrEmpty)
                filter = Bin(Exists(segment), BoundBinaryOperator.And, Bin(segment, BoundBinaryOperator.In, SetOf(cap.For, PlanSchema.SegmentKind)));
            else if (scopedKinds.Count > 0)
                filter = Bin(Not(Exists(segment)), BoundBinaryOperator.Or, Not(Bin(segment, BoundBinaryOperator.In, SetOf(scopedKinds, PlanSchema.SegmentKind))));

            var rate = new BoundConversion(null, Var(f), ConversionKind.FeeToRate, cap.Unit!);
            var limit = new BoundParameter(null, cap.Parameter!);
            var forText = cap.For.IsDefaultOrEmpty ? (string.Empty, string.Empty) : ($" for {string.Join(", ", cap.For.Select(k => k.Name))}", $"（{string.Join("、", cap.For.Select(k => k.ChineseName))}）");
            var symbol = MakeRuleSymbol(UniqueRuleId(cap.Id), new LocalizedText($"fees{forText.Item1} may be at most {Show(cap.Parameter!).English}", $"收费{forText.Item2}不得超过 {Show(cap.Parameter!).Chinese}"),
                cap.Syntax.Tail.Citation, cap.Syntax.Tail.Severity, Loc(cap.Syntax));
            _rules.Add(new BoundRule(symbol.Name, symbol, cap.Syntax, Bin(rate, BoundBinaryOperator.LessOrEqual, limit))
            {
                Section = SectionKind.Fee,
                Form = SectionItemForm.Cap,
                Condition = condition,
                Variable = f,
                Source = Plan("fees"),
                Filter = filter,
                Actual = rate,
                Limit = limit,
                Subject = Of(Var(f), "item"),
            });
        }
    }

    // ------------------------------------------------------------------ subsidy

    private static readonly HashSet<string> s_familyPayments = new(StringComparer.Ordinal) { "family_payments", "家长缴费" };

    private void BindSubsidyItem(SectionItemSyntax item)
    {
        var when = When(item);
        var index = _subsidies.Count + 1;
        var id = "subsidy." + (item.Label?.Text ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (item.Value is BinaryExpressionSyntax { OperatorKind: BinaryOperatorKind.Of } of && of.Right is NameExpressionSyntax target)
        {
            var share = BindConstant(of.Left, PolicyType.Percent, id);
            if (share.Type.IsError) return;
            var p = SectionParameter(id, PolicyType.Percent, share, item);
            if (s_familyPayments.Contains(target.Identifier.Text))
            {
                _subsidies.Add(new BoundSubsidy(p.Name, item, SubsidyKind.ShareOfFamilyPayments, p, when, null, Cite(item.Tail.Citation)));
                return;
            }
            var matched = _subsidies.FirstOrDefault(s => s.Syntax.Label?.Text == target.Identifier.Text);
            if (matched is null)
            {
                var names = _subsidies.Select(s => s.Syntax.Label?.Text).OfType<string>().Concat(s_familyPayments).ToList();
                Report(DiagnosticDescriptors.UnknownName, target.Identifier, target.Identifier.Text, new LocalizedText(
                    $"; a subsidy can be a share of family_payments or of an earlier labelled subsidy line ({string.Join(", ", names)})",
                    $"；补贴可按家长缴费（family_payments）或前面已命名的补贴条目（{string.Join("、", names)}）的比例计算"));
                return;
            }
            _subsidies.Add(new BoundSubsidy(p.Name, item, SubsidyKind.ShareOfSubsidy, p, when, matched.Id, Cite(item.Tail.Citation)));
            return;
        }
        var value = _binder.Bind(item.Value!, new BindingScope(BindingContextKind.Constant));
        if (value.Type.IsError) return;
        if (value.Type is not MoneyType { IsRate: true } money)
        {
            Report(DiagnosticDescriptors.TypeMismatch, item.Value!, new LocalizedText("an amount per student per period, such as 1 CNY per student per day, or a share such as 30% of family_payments",
                "每生每周期的金额，如 1 元 每生每天，或比例，如 family_payments 的 30%"), value.Type);
            return;
        }
        var unit = PolicyType.Money(RateBasis.PerStudent, money.Unit);
        if (money.Basis != RateBasis.PerStudent)
            value = value is BoundLiteral lit ? new BoundLiteral(lit.Syntax, lit.Value, unit) : new BoundConversion(value.Syntax, value, ConversionKind.Identity, unit);
        var parameter = SectionParameter(id, unit, value, item);
        _subsidies.Add(new BoundSubsidy(parameter.Name, item, SubsidyKind.PerStudent, parameter, when, null, Cite(item.Tail.Citation)));
    }

    // ------------------------------------------------------------------ pay

    private static readonly Dictionary<string, string> s_payAliases = new(StringComparer.Ordinal)
    {
        ["教职工分配比例"] = "staff_share",
        ["报酬占比"] = "staff_share",
    };

    private void BindPayItem(SectionItemSyntax item)
    {
        var when = When(item);
        if (item.Form == SectionItemForm.Forbid)
        {
            foreach (var name in item.Names.Where(n => !n.IsMissing))
            {
                var field = PlanSchema.Finance.Lookup(name.Text);
                if (field is null || field.Type.Kind != TypeKind.Money)
                {
                    UnknownItem(SectionKind.Pay, name, PlanSchema.Finance.Fields.Where(f => f.Type.Kind == TypeKind.Money).Select(f => f.Name));
                    continue;
                }
                AddRule("pay." + field.Name, SectionKind.Pay, item,
                    new LocalizedText($"no {field.Name.Replace('_', ' ')} may be taken from the service's funds", $"不得{field.ChineseDescription.Replace("提取的", "提取")}"),
                    Bin(Plan("finance", field.Name), BoundBinaryOperator.Equal, Lit(0m, PolicyType.Amount)), when,
                    actual: Plan("finance", field.Name), limit: Lit(0m, PolicyType.Amount));
            }
            return;
        }
        if (item.Name is not { IsMissing: false } nameToken) return;
        var itemName = s_payAliases.TryGetValue(nameToken.Text, out var alias) ? alias : nameToken.Text;
        var cmp = item.Comparator?.Kind;

        if (itemName == "staff_share")
        {
            // staff_share at least 80% of fees + subsidies: the share is the parameter, the base is read from the plan.
            ExpressionSyntax shareSyntax = item.Value!;
            ExpressionSyntax? baseSyntax = null;
            if (item.Value is BinaryExpressionSyntax { OperatorKind: BinaryOperatorKind.Of } of)
            {
                shareSyntax = of.Left;
                baseSyntax = of.Right;
            }
            var share = BindConstant(shareSyntax, PolicyType.Percent, "pay.staff_share");
            if (share.Type.IsError) return;
            var p = SectionParameter("pay.staff_share", PolicyType.Percent, share, item);
            _staffShare ??= p;
            var scope = new BindingScope(BindingContextKind.Plan);
            foreach (var n in new[] { "fees", "服务性收费" }) scope.Define(n, _ => Plan("finance", "fee_revenue"));
            foreach (var n in new[] { "subsidies", "财政补贴" }) scope.Define(n, _ => Plan("finance", "subsidy"));
            var baseAmount = baseSyntax is null
                ? Bin(Plan("finance", "fee_revenue"), BoundBinaryOperator.Add, Plan("finance", "subsidy"), PolicyType.Amount)
                : _binder.BindValue(baseSyntax, scope, PolicyType.Amount);
            if (baseAmount.Type.IsError) return;
            var required = Bin(new BoundParameter(null, p), BoundBinaryOperator.Multiply, baseAmount, PolicyType.Amount);
            var kind = cmp ?? ComparatorKind.AtLeast;
            var (en, zh) = Words(kind);
            AddRule("pay.staff_share", SectionKind.Pay, item,
                new LocalizedText($"staff receive {en} {Show(p).English} of {(baseSyntax?.ToString() ?? "fees + subsidies")}",
                    $"参与人员报酬{zh}{(baseSyntax is null ? "收费与补贴总额" : baseSyntax.ToString().Replace("fees", "服务性收费").Replace("subsidies", "财政补贴").Replace(" + ", "与") + "之和")}的 {Show(p).Chinese}"),
                Compare(Plan("finance", "staff_pay"), kind, required, item), when,
                actual: Plan("finance", "staff_pay"), limit: required);
            return;
        }

        if (PlanSchema.ProviderKind.Lookup(itemName) is { } provider)
        {
            var value = BindConstant(item.Value!, PlanSchema.PerPeriod, "pay." + provider.Name);
            if (value.Type.IsError) return;
            var p = SectionParameter("pay." + provider.Name, PlanSchema.PerPeriod, value, item);
            var kind = cmp ?? ComparatorKind.Equal;
            var (en, zh) = Words(kind);
            var v = new VariableSymbol("provider", PlanSchema.Provider.Type);
            AddRule(p.Name, SectionKind.Pay, item,
                new LocalizedText($"{provider.Name} are paid {en} {Show(p).English}", $"{provider.ChineseName}每课时报酬{zh} {Show(p).Chinese}"),
                Compare(Of(Var(v), "pay_per_period"), kind, new BoundParameter(null, p), item), when, v, Plan("providers"),
                Bin(Of(Var(v), "kind"), BoundBinaryOperator.Equal, Lit(provider, PlanSchema.ProviderKind.Type)),
                Of(Var(v), "pay_per_period"), new BoundParameter(null, p), Of(Var(v), "kind"));
            return;
        }

        if (PlanSchema.Finance.Lookup(itemName) is { } finance)
        {
            var scope = new BindingScope(BindingContextKind.Plan);
            foreach (var f in PlanSchema.Finance.Fields) scope.Define(f.Name, _ => Plan("finance", f.Name));
            var value = _binder.BindValue(item.Value!, scope, finance.Type);
            if (value.Type.IsError) return;
            var limit = ConstantFolder.IsConstant(value) ? new BoundParameter(null, SectionParameter("pay." + finance.Name, finance.Type, value, item)) : value;
            var kind = cmp ?? ComparatorKind.Equal;
            var (en, zh) = Words(kind);
            AddRule("pay." + finance.Name, SectionKind.Pay, item,
                new LocalizedText($"{finance.Name} must be {en} {ShowOr(value, item.Value!).English}", $"{finance.ChineseDescription}{zh} {ShowOr(value, item.Value!).Chinese}"),
                Compare(Plan("finance", finance.Name), kind, limit, item), when,
                actual: Plan("finance", finance.Name), limit: limit);
            return;
        }

        UnknownItem(SectionKind.Pay, nameToken, new[] { "staff_share" }.Concat(PlanSchema.ProviderKind.Members.Select(m => m.Name)).Concat(PlanSchema.Finance.Fields.Select(f => f.Name)).Append("forbid"));
    }

    // ------------------------------------------------------------------ staffing

    private static readonly string[] s_providerFlags = { "whitelisted", "approved" };

    private void BindStaffingItem(SectionItemSyntax item)
    {
        var when = When(item);
        var v = new VariableSymbol("provider", PlanSchema.Provider.Type);
        switch (item.Form)
        {
            case SectionItemForm.Forbid:
                foreach (var kind in Members(item.Names, PlanSchema.ProviderKind).ToList())
                    AddRule("staffing." + kind.Name, SectionKind.Staffing, item,
                        new LocalizedText($"the school may not bring in {kind.Name} providers", $"学校不得引入{kind.ChineseName}"),
                        Lit(false, PolicyType.Bool), when, v, Plan("providers"),
                        Bin(Of(Var(v), "kind"), BoundBinaryOperator.Equal, Lit(kind, PlanSchema.ProviderKind.Type)),
                        Of(Var(v), "kind"), null, Of(Var(v), "name"));
                break;
            case SectionItemForm.Require:
            {
                var kinds = ForKinds(item, PlanSchema.ProviderKind);
                if (kinds.IsDefaultOrEmpty) kinds = ImmutableArray.Create(PlanSchema.ProviderKind.Lookup("third_party")!);
                foreach (var flag in item.Names.Where(n => !n.IsMissing))
                {
                    var name = flag.Text switch { "白名单" => "whitelisted", "审批" => "approved", _ => flag.Text };
                    if (!s_providerFlags.Contains(name))
                    {
                        UnknownItem(SectionKind.Staffing, flag, s_providerFlags);
                        continue;
                    }
                    AddRule(ItemId(SectionKind.Staffing, name, kinds), SectionKind.Staffing, item,
                        new LocalizedText($"{string.Join(", ", kinds.Select(k => k.Name))} providers must be {name}", $"{string.Join("、", kinds.Select(k => k.ChineseName))}须{(name == "whitelisted" ? "列入白名单" : "经评审审批")}"),
                        Of(Var(v), name), when, v, Plan("providers"),
                        Bin(Of(Var(v), "kind"), BoundBinaryOperator.In, SetOf(kinds, PlanSchema.ProviderKind)),
                        Of(Var(v), name), null, Of(Var(v), "name"));
                }
                break;
            }
            case SectionItemForm.Only:
            {
                var allowed = BindConstant(item.Value!, PolicyType.SetOf(PlanSchema.ProviderKind.Type), "staffing.only");
                if (allowed.Type.IsError) return;
                AddRule("staffing.only", SectionKind.Staffing, item,
                    new LocalizedText($"only {Show(allowed).English} may serve", $"仅限 {Show(allowed).Chinese} 参与服务"),
                    Bin(Of(Var(v), "kind"), BoundBinaryOperator.In, allowed), when, v, Plan("providers"),
                    actual: Of(Var(v), "kind"), limit: allowed, subject: Of(Var(v), "kind"));
                break;
            }
            default:
            {
                if (item.Form != SectionItemForm.Duration && item.Name is not { IsMissing: false }) return;
                if (item.Form != SectionItemForm.Duration && item.Name!.Text is not ("ratio" or "生师比") && item.Name is { } name)
                {
                    UnknownItem(SectionKind.Staffing, name, new[] { "ratio", "require", "forbid", "only" });
                    return;
                }
                var value = BindConstant(item.Value!, PolicyType.Ratio, "staffing.ratio");
                if (value.Type.IsError) return;
                var p = SectionParameter("staffing.ratio", PolicyType.Ratio, value, item);
                var count = new BoundAggregate(null, AggregateKind.Sum, v, Plan("providers"), null, Of(Var(v), "count"), PolicyType.Int);
                var ratio = new BoundConversion(null, Bin(Plan("participation", "participants"), BoundBinaryOperator.Divide, count, PolicyType.Number), ConversionKind.Identity, PolicyType.Ratio);
                var kind = item.Comparator?.Kind ?? ComparatorKind.AtMost;
                var (en, zh) = Words(kind);
                AddRule("staffing.ratio", SectionKind.Staffing, item,
                    new LocalizedText($"{en} {Show(p).English}", $"生师比{zh} {Show(p).Chinese}"),
                    Compare(ratio, kind, new BoundParameter(null, p), item), when, actual: ratio, limit: new BoundParameter(null, p));
                break;
            }
        }
    }

    // ------------------------------------------------------------------ eligibility

    private static readonly Dictionary<string, string> s_participationFlags = new(StringComparer.Ordinal)
    {
        ["voluntary"] = "voluntary", ["自愿"] = "voluntary",
        ["written_application"] = "written_application", ["书面申请"] = "written_application",
        ["agreement_signed"] = "agreement_signed", ["三方签字"] = "agreement_signed",
    };

    private void BindEligibilityItem(SectionItemSyntax item)
    {
        var when = When(item);
        if (item.Form == SectionItemForm.Priority)
        {
            _ = Members(item.Names, PlanSchema.Category).ToList();
            _priorities.Add(item);
            return;
        }
        foreach (var name in item.Names.Where(n => !n.IsMissing))
        {
            string? flag;
            if (item.Form == SectionItemForm.Forbid)
                flag = name.Text is "compulsory" or "强制" ? "voluntary" : null;
            else
                flag = s_participationFlags.TryGetValue(name.Text, out var f) ? f : null;
            if (flag is null)
            {
                UnknownItem(SectionKind.Eligibility, name, item.Form == SectionItemForm.Forbid ? new[] { "compulsory" } : s_participationFlags.Keys.Where(k => k[0] < 128));
                continue;
            }
            var description = item.Form == SectionItemForm.Forbid
                ? new LocalizedText("participation may not be compulsory", "不得强制学生参加")
                : flag switch
                {
                    "voluntary" => new LocalizedText("participation must be voluntary", "须自愿参加"),
                    "written_application" => new LocalizedText("families must apply in writing", "须由家长书面申请"),
                    _ => new LocalizedText("school, family and student must sign the notice", "须学校、家长、学生三方签字"),
                };
            AddRule("eligibility." + (item.Form == SectionItemForm.Forbid ? "compulsory" : flag), SectionKind.Eligibility, item,
                description, Plan("participation", flag), when, actual: Plan("participation", flag));
        }
    }

    // ------------------------------------------------------------------ homework and calendar

    private static readonly Dictionary<string, string> s_homeworkNames = new(StringComparer.Ordinal)
    {
        ["grades_1_2"] = "grades_1_2", ["一二年级"] = "grades_1_2",
        ["grades_3_6"] = "grades_3_6", ["三至六年级"] = "grades_3_6",
        ["junior"] = "junior", ["初中"] = "junior",
    };

    private void BindHomeworkItem(SectionItemSyntax item)
    {
        var when = When(item);
        if (item.Name is not { IsMissing: false } name) return;
        if (!s_homeworkNames.TryGetValue(name.Text, out var band))
        {
            UnknownItem(SectionKind.Homework, name, s_homeworkNames.Keys.Where(k => k[0] < 128));
            return;
        }
        var value = BindConstant(item.Value!, PolicyType.Duration, "homework." + band);
        if (value.Type.IsError) return;
        var p = SectionParameter("homework." + band, PolicyType.Duration, value, item);
        var kind = item.Comparator?.Kind ?? ComparatorKind.AtMost;
        var (en, zh) = Words(kind);
        var field = PlanSchema.HomeworkMinutes.Lookup(band)!;
        AddRule(p.Name, SectionKind.Homework, item,
            new LocalizedText($"{field.Description.ToLowerInvariant()}: {en} {Show(p).English}", $"{field.ChineseDescription}{zh} {Show(p).Chinese}"),
            Compare(Plan("homework_minutes", band), kind, new BoundParameter(null, p), item), when,
            actual: Plan("homework_minutes", band), limit: new BoundParameter(null, p));
    }

    private static readonly Dictionary<string, string> s_calendarNames = new(StringComparer.Ordinal)
    {
        ["school_months"] = "school_months", ["教学月数"] = "school_months",
        ["semesters"] = "semesters", ["学期数"] = "semesters",
        ["school_days"] = "school_days", ["上学日数"] = "school_days",
        ["periods_per_day"] = "periods_per_day", ["每日课时数"] = "periods_per_day", ["每日服务课时"] = "periods_per_day",
    };

    private void BindCalendarItem(SectionItemSyntax item)
    {
        if (item.Name is not { IsMissing: false } name) return;
        if (!s_calendarNames.TryGetValue(name.Text, out var key))
        {
            UnknownItem(SectionKind.Calendar, name, s_calendarNames.Keys.Where(k => k[0] < 128));
            return;
        }
        var type = key == "periods_per_day" ? PolicyType.Number : PolicyType.Int;
        var value = BindConstant(item.Value!, type, "calendar." + key);
        if (value.Type.IsError) return;
        if (ConstantFolder.TryFold(value, out var v) && v is decimal d && d <= 0)
        {
            Report(DiagnosticDescriptors.TypeMismatch, item.Value!, new LocalizedText("a positive number", "正数"), ValueFormatter.Number(d));
            return;
        }
        var fullName = "calendar." + key;
        if (_parameters.TryGetValue(fullName, out var existing) && existing.Origin == ParameterOrigin.Calendar && existing.Location is null)
        {
            _parameters.Remove(fullName);
            _parameterOrder.Remove(existing);
        }
        var p = AddParameter(fullName, type, ParameterOrigin.Calendar, ImmutableArray.Create(new DatedValue(null, value)), Cite(item.Tail.Citation), Loc(item));
        _calendarOverrides[key] = p;
    }

    private readonly Dictionary<string, ParameterSymbol> _calendarOverrides = new(StringComparer.Ordinal);
}
