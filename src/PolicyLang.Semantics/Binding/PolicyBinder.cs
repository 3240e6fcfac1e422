using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>
/// Binds one policy file: declarations and names, the header, parameters with dated values, sections (lowered
/// to rules, caps, waivers and subsidies), rules, measures, scenarios and tests; then checks caps for
/// conflicts and coverage, and the policy against the one it extends.
/// </summary>
internal sealed partial class PolicyBinder : ISymbolLookup
{
    private readonly SyntaxTree _tree;
    private readonly BoundPolicy? _parent;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly ExpressionBinder _binder;
    private readonly PolicySymbol _policy;
    private readonly Dictionary<string, (SyntaxToken Token, string What)> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterSymbol> _parameters = new(StringComparer.Ordinal);
    private readonly List<ParameterSymbol> _parameterOrder = new();
    private readonly Dictionary<string, MeasureSymbol> _measures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MeasureDeclarationSyntax> _measureSyntax = new(StringComparer.Ordinal);
    private readonly HashSet<MeasureSymbol> _measuresInProgress = new();
    /// <summary>Measures this policy takes from the standard model (root policies only).</summary>
    private readonly HashSet<MeasureSymbol> _standardMeasures = new();
    /// <summary>The types of the standard model's measures this policy redefines.</summary>
    private readonly Dictionary<string, PolicyType> _standardTypes = new(StringComparer.Ordinal);
    private ExpressionBinder? _preludeBinder;
    /// <summary>Problems binding the prelude: only ever the echo of a redefinition with the wrong type, which PL0133 reports.</summary>
    private readonly DiagnosticBag _preludeDiagnostics = new();
    private readonly List<BoundRule> _rules = new();
    private readonly List<BoundCap> _caps = new();
    private readonly List<BoundWaiver> _waivers = new();
    private readonly List<BoundSubsidy> _subsidies = new();
    private readonly List<SectionItemSyntax> _priorities = new();
    private readonly HashSet<string> _ruleIds = new(StringComparer.Ordinal);
    private ParameterSymbol? _staffShare;
    private bool _free;

    private readonly BindOptions _options;

    public PolicyBinder(SyntaxTree tree, BoundPolicy? parent, BindOptions? options = null)
    {
        _tree = tree;
        _parent = parent;
        _options = options ?? BindOptions.Default;
        _binder = new ExpressionBinder(tree.Text, _diagnostics, this);
        var header = tree.Root.Members.OfType<PolicyDeclarationSyntax>().FirstOrDefault();
        _policy = new PolicySymbol(header is { Name.IsMissing: false } ? header.Name.Text : System.IO.Path.GetFileNameWithoutExtension(tree.Path))
        {
            Location = header is null ? new Location(tree.Text, new TextSpan(0, 0)) : Loc(header.Name),
        };
    }

    public DiagnosticBag Diagnostics => _diagnostics;
    public PolicySymbol Policy => _policy;

    private Location Loc(SyntaxNode node) => new(_tree.Text, node.Span);
    private Location Loc(SyntaxToken token) => new(_tree.Text, token.Span);
    private void Report(DiagnosticDescriptor d, SyntaxNode node, params object?[] args) => _diagnostics.Report(d, Loc(node), args);
    private void Report(DiagnosticDescriptor d, SyntaxToken token, params object?[] args) => _diagnostics.Report(d, Loc(token), args);
    private int Line(SyntaxToken token) => _tree.Text.GetLinePosition(token.Span.Start).Line + 1;
    private int Line(SyntaxNode node) => _tree.Text.GetLinePosition(node.Span.Start).Line + 1;

    // ------------------------------------------------------------------ ISymbolLookup

    public ParameterSymbol? LookupParameter(string name)
    {
        if (_parameters.TryGetValue(name, out var p)) return p;
        return _parent?.FindParameter(name);
    }

    public MeasureSymbol? LookupMeasure(string name, SyntaxNode? reference)
    {
        if (!_measures.TryGetValue(name, out var measure))
            return _parent?.Measures.FirstOrDefault(m => m.Name == name);
        if (measure.Expression is null && !_measuresInProgress.Contains(measure))
            BindMeasure(measure);
        else if (_measuresInProgress.Contains(measure) && reference is not null)
            Report(DiagnosticDescriptors.CircularDefinition, reference, name, string.Join(" → ", _measuresInProgress.Select(m => m.Name).Append(name)));
        return measure;
    }

    public IEnumerable<string> GlobalNames => _parameters.Keys.Where(k => k.IndexOf('.') < 0)
        .Concat(_measures.Keys)
        .Concat(_parent?.Parameters.Select(p => p.Name).Where(n => n.IndexOf('.') < 0) ?? Enumerable.Empty<string>());

    public BoundExpression? PeriodLength(BindingContextKind kind)
    {
        if (kind == BindingContextKind.Plan)
            return Field(Field(PlanRoot(), "service"), "period_minutes");
        return LookupParameter("window.period") is { } p ? new BoundParameter(null, p) : null;
    }

    private static BoundExpression PlanRoot() => new BoundRoot(null, PlanSchema.PlanRoot);

    private static BoundExpression Field(BoundExpression receiver, string name) =>
        new BoundField(null, receiver, ((RecordType)receiver.Type).Symbol.Lookup(name) ?? throw new InvalidOperationException($"no field {name}"));

    // ------------------------------------------------------------------ driver

    public BoundPolicy Bind()
    {
        var root = _tree.Root;
        var bound = new BoundPolicy(_tree, _policy) { Parent = _parent };

        DeclareNames(root);
        BindHeader(root);
        DeclareCalendar(root, bound);
        BindParameters(root);

        foreach (var section in root.Members.OfType<SectionSyntax>())
            BindSection(section);
        if (_calendarOverrides.TryGetValue("school_months", out var months)) bound.SchoolMonths = months;
        if (_calendarOverrides.TryGetValue("semesters", out var semesters)) bound.Semesters = semesters;
        if (_calendarOverrides.TryGetValue("school_days", out var days)) bound.SchoolDays = days;
        if (_calendarOverrides.TryGetValue("periods_per_day", out var periods)) bound.PeriodsPerDay = periods;
        foreach (var rule in root.Members.OfType<RuleDeclarationSyntax>())
            BindRule(rule);
        foreach (var measure in _measures.Values.ToList())
            if (measure.Expression is null)
                BindMeasure(measure);
        CheckRedefinitions();

        ResolveExceptions();
        AnalyzeCaps();
        if (_parent is not null) CheckTightening(_parent);

        bound.Parameters = _parameterOrder.Concat(_parent?.Parameters.Where(p => !_parameters.ContainsKey(p.Name)) ?? Enumerable.Empty<ParameterSymbol>()).ToImmutableArray();
        // Rules in the order the policy states them (a parent's first), those at one position in the order they were
        // bound. (Sorted by a key of position and index, not LINQ's OrderBy over tuples: generic code that no
        // precompiled image holds, compiled at every start of policyc.)
        var ordered = _rules.ToArray();
        var keys = new long[ordered.Length];
        for (var i = 0; i < ordered.Length; i++) keys[i] = ((long)ordered[i].Syntax.Span.Start << 32) | (uint)i;
        Array.Sort(keys, ordered);
        bound.Rules = (_parent?.Rules ?? ImmutableArray<BoundRule>.Empty).AddRange(ordered);
        bound.Caps = (_parent?.Caps ?? ImmutableArray<BoundCap>.Empty).AddRange(_caps);
        bound.Free = _free || _parent is { Free: true };
        bound.Waivers = (_parent?.Waivers ?? ImmutableArray<BoundWaiver>.Empty).AddRange(_waivers);
        bound.Subsidies = (_parent?.Subsidies ?? ImmutableArray<BoundSubsidy>.Empty).AddRange(_subsidies);
        bound.StaffShare = _staffShare ?? _parent?.StaffShare;
        bound.Measures = _measures.Values.Concat(_parent?.Measures.Where(m => !_measures.ContainsKey(m.Name)) ?? Enumerable.Empty<MeasureSymbol>()).ToImmutableArray();
        bound.Priorities = _priorities.ToImmutableArray();
        CheckMeasureCycles(bound);
        // The prelude binds cleanly unless a redefinition changed a type (reported as PL0133 at the policy's line).
        if (!_diagnostics.Any(d => d.Code == DiagnosticDescriptors.MeasureRedefinitionType.Code)) _diagnostics.AddRange(_preludeDiagnostics);

        bound.Scenarios = root.Members.OfType<ScenarioDeclarationSyntax>().Select(s => BindScenario(s, bound)).ToImmutableArray();
        bound.Tests = root.Members.OfType<TestDeclarationSyntax>().Select(t => BindTest(t, bound)).ToImmutableArray();
        return bound;
    }

    private void Declare(SyntaxToken name, string what)
    {
        if (name.IsMissing) return;
        if (_declared.TryGetValue(name.Text, out var previous))
        {
            Report(DiagnosticDescriptors.DuplicateDeclaration, name, name.Text, Line(previous.Token));
            return;
        }
        _declared[name.Text] = (name, what);
    }

    private void DeclareNames(CompilationUnitSyntax root)
    {
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case ParameterDeclarationSyntax p:
                    Declare(p.Name, "param");
                    break;
                case RuleDeclarationSyntax r:
                    Declare(r.Name, "rule");
                    break;
                case MeasureDeclarationSyntax m:
                    Declare(m.Name, "measure");
                    if (!m.Name.IsMissing && !_measures.ContainsKey(m.Name.Text))
                    {
                        var type = m.Type is null ? PolicyType.Error : _binder.BindType(m.Type);
                        _measures[m.Name.Text] = new MeasureSymbol(m.Name.Text, type, Cite(m.Citation)) { Location = Loc(m.Name) };
                        _measureSyntax[m.Name.Text] = m;
                    }
                    break;
                case ScenarioDeclarationSyntax s:
                    Declare(s.Name, "scenario");
                    break;
            }
        }
        DeclareStandardModel();
    }

    /// <summary>
    /// The prelude's measures join a root policy's (a child inherits them from its parent). The prelude sees
    /// measures only, so a parameter, rule or scenario of the policy may share a standard measure's name: inside
    /// the policy's own expressions the parameter wins; the model keeps reading its measure.
    /// </summary>
    private void DeclareStandardModel()
    {
        if (_parent is not null || !_options.StandardModel) return;
        _preludeBinder = new ExpressionBinder(Prelude.Tree.Text, _preludeDiagnostics, new MeasuresOnly(this));
        foreach (var m in Prelude.Measures)
        {
            var name = m.Name.Text;
            var type = _preludeBinder.BindType(m.Type!);
            if (_measures.ContainsKey(name))
            {
                _standardTypes[name] = type;
                continue;
            }
            var measure = new MeasureSymbol(name, type, null) { Location = new Location(Prelude.Tree.Text, m.Name.Span), IsStandard = true };
            _measures[name] = measure;
            _measureSyntax[name] = m;
            _standardMeasures.Add(measure);
        }
    }

    /// <summary>What the prelude's expressions see: the policy's measures, none of its parameters.</summary>
    private sealed class MeasuresOnly : ISymbolLookup
    {
        private readonly ISymbolLookup _inner;

        public MeasuresOnly(ISymbolLookup inner) => _inner = inner;

        public ParameterSymbol? LookupParameter(string name) => null;
        // A loop through the prelude is reported at the policy's own measure (CheckMeasureCycles), not in the prelude.
        public MeasureSymbol? LookupMeasure(string name, SyntaxNode? reference) => _inner.LookupMeasure(name, null);
        public IEnumerable<string> GlobalNames => Prelude.Names;
        public BoundExpression? PeriodLength(BindingContextKind kind) => null;
    }

    /// <summary>
    /// Measures are read by name, so a child's redefinition can close a loop through its parent's measures
    /// (the parent's charged_fee reads the child's participants, which reads charged_fee): PL0125 at the child's measure.
    /// </summary>
    private void CheckMeasureCycles(BoundPolicy bound)
    {
        if (_diagnostics.Any(d => d.Code == DiagnosticDescriptors.CircularDefinition.Code)) return;
        if (SimulationMeasures.DependencyOrder(SimulationMeasures.Table(bound), out var cycle) is not null) return;
        var own = cycle.Where(n => _measureSyntax.ContainsKey(n) && !_standardMeasures.Contains(_measures[n])).Select(n => _measureSyntax[n]).FirstOrDefault();
        if (own is not null)
            Report(DiagnosticDescriptors.CircularDefinition, own.Name, own.Name.Text, string.Join(" → ", cycle));
    }

    /// <summary>A redefinition of a standard or inherited measure keeps its type (PL0133).</summary>
    private void CheckRedefinitions()
    {
        foreach (var entry in _measureSyntax)
        {
            var name = entry.Key;
            var syntax = entry.Value;
            var measure = _measures[name];
            if (_standardMeasures.Contains(measure) || measure.Type.IsError) continue;
            LocalizedText owner;
            PolicyType original;
            if (_standardTypes.TryGetValue(name, out var standard))
            {
                owner = new LocalizedText("the standard model's measure", "标准模拟模型的指标");
                original = standard;
            }
            else if (_parent?.Measures.FirstOrDefault(p => p.Name == name) is { } inherited)
            {
                owner = inherited.IsStandard
                    ? new LocalizedText("the standard model's measure", "标准模拟模型的指标")
                    : new LocalizedText($"parent policy '{_parent.Symbol.Name}''s measure", $"上位政策“{_parent.Symbol.Name}”的指标");
                original = inherited.Type;
            }
            else
            {
                continue;
            }
            if (original.IsError || original.Equals(measure.Type)) continue;
            Report(DiagnosticDescriptors.MeasureRedefinitionType, syntax.Type is { } t ? (SyntaxNode)t : syntax.Value, name, owner, original, measure.Type);
        }
    }

    private Citation? Cite(CitationSyntax? citation) => citation is null || citation.Clause.IsMissing ? null : new Citation(citation.Value, Loc(citation));

    // ------------------------------------------------------------------ header

    private void BindHeader(CompilationUnitSyntax root)
    {
        var headers = root.Members.OfType<PolicyDeclarationSyntax>().ToList();
        if (headers.Count == 0)
        {
            // With syntax errors the header may be the part that failed to parse: that error says it already.
            if ((root.Members.Length > 0 || _tree.Tokens.Length > 0) && !_tree.HasErrors)
                _diagnostics.Report(DiagnosticDescriptors.MissingPolicyHeader, new Location(_tree.Text, root.Members.FirstOrDefault()?.Keyword.Span ?? new TextSpan(0, 0)));
            return;
        }
        foreach (var extra in headers.Skip(1))
            Report(DiagnosticDescriptors.DuplicatePolicyHeader, extra.Keyword, Line(headers[0].Keyword));

        var header = headers[0];
        var seen = new Dictionary<HeaderItemKind, HeaderItemSyntax>();
        foreach (var item in header.Items)
        {
            if (seen.TryGetValue(item.ItemKind, out var previous))
            {
                Report(DiagnosticDescriptors.DuplicateHeaderItem, item.Keyword, item.Keyword.Text, Line(previous.Keyword));
                continue;
            }
            seen[item.ItemKind] = item;
            switch (item.ItemKind)
            {
                case HeaderItemKind.Title:
                    _policy.Title = item.Value is { IsMissing: false } t ? SyntaxFacts.UnquoteString(t.Text) : null;
                    break;
                case HeaderItemKind.Issuer:
                    _policy.Issuer = item.Value is { IsMissing: false } i ? SyntaxFacts.UnquoteString(i.Text) : null;
                    break;
                case HeaderItemKind.Document:
                    _policy.Document = item.Value is { IsMissing: false } d ? SyntaxFacts.UnquoteString(d.Text) : null;
                    break;
                case HeaderItemKind.Level:
                    if (item.Value is { IsMissing: false } level)
                    {
                        _policy.Level = PlanSchema.Level.Lookup(level.Text);
                        if (_policy.Level is null) _binder.ReportUnknownMember(level, PlanSchema.Level);
                    }
                    break;
                case HeaderItemKind.Effective:
                    _policy.Effective = ParseDate(item.Value);
                    _policy.Until = ParseDate(item.UntilDate);
                    if (_policy.Effective is { } from && _policy.Until is { } until && until <= from)
                        Report(DiagnosticDescriptors.InvalidDateRange, item.UntilDate!, item.UntilDate!.Text, item.Value!.Text);
                    break;
                case HeaderItemKind.Applies:
                    if (item.Expression is not null)
                        _policy.Applies = _binder.BindCondition(item.Expression, new BindingScope(BindingContextKind.School));
                    break;
                case HeaderItemKind.Extends:
                    _policy.ParentName = item.Value is { IsMissing: false } p ? p.Text : null;
                    _policy.Parent = _parent?.Symbol;
                    break;
            }
        }

        void Missing(HeaderItemKind kind, string word, string chinese, LocalizedText why)
        {
            if (!seen.ContainsKey(kind)) Report(DiagnosticDescriptors.MissingHeaderItem, header.Name.IsMissing ? header.Keyword : header.Name, new LocalizedText(word, $"{chinese}（{word}）"), why);
        }
        Missing(HeaderItemKind.Title, "title", "标题", new LocalizedText("give the document's title so reports can name it", "请写明文件标题，便于报告引用"));
        Missing(HeaderItemKind.Issuer, "issuer", "发文机关", new LocalizedText("name the authority that issued it", "请写明发文机关"));
        Missing(HeaderItemKind.Effective, "effective", "施行", new LocalizedText("give the date it takes effect; dated parameters and validation need it", "请写明施行日期；分时段参数与校验需要此日期"));
    }

    private static DateTime? ParseDate(SyntaxToken? token) =>
        token is { IsMissing: false } && DateTime.TryParseExact(token.Text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : null;

    // ------------------------------------------------------------------ parameters

    private ParameterSymbol AddParameter(string name, PolicyType type, ParameterOrigin origin, ImmutableArray<DatedValue> values, Citation? citation, Location? location)
    {
        var p = new ParameterSymbol(name, type, origin, values, citation) { Location = location, Policy = _policy };
        if (!_parameters.ContainsKey(name))
        {
            _parameters[name] = p;
            _parameterOrder.Add(p);
        }
        return p;
    }

    private void BindParameters(CompilationUnitSyntax root)
    {
        var declared = root.Members.OfType<ParameterDeclarationSyntax>().Where(p => !p.Name.IsMissing).ToList();
        // Symbols first, so values may refer to any parameter; then values.
        var symbols = new List<(ParameterDeclarationSyntax Syntax, ParameterSymbol Symbol)>();
        foreach (var p in declared)
        {
            if (_parameters.ContainsKey(p.Name.Text)) continue;
            if (_parent?.FindParameter(p.Name.Text) is { } inherited)
            {
                Report(DiagnosticDescriptors.RedeclaredParentParameter, p.Name, p.Name.Text, inherited.Policy?.Name ?? _parent.Symbol.Name);
                continue;
            }
            var type = _binder.BindType(p.Type);
            var placeholder = ImmutableArray.Create(new DatedValue(null, new BoundError(p.Value)));
            symbols.Add((p, AddParameter(p.Name.Text, type, ParameterOrigin.Declared, placeholder, Cite(p.Citation), Loc(p.Name))));
        }
        foreach (var (syntax, symbol) in symbols)
        {
            var values = ImmutableArray.CreateBuilder<DatedValue>();
            values.Add(new DatedValue(null, BindConstant(syntax.Value, symbol.Type, syntax.Name.Text)));
            DateTime? previous = null;
            SyntaxToken? previousToken = null;
            foreach (var dated in syntax.DatedValues)
            {
                var date = ParseDate(dated.Date);
                if (date is { } d && previous is { } p && d <= p)
                    Report(DiagnosticDescriptors.DatedValueOrder, dated.Date, dated.Date.Text, previousToken!.Text);
                if (date is not null)
                {
                    previous = date;
                    previousToken = dated.Date;
                }
                values.Add(new DatedValue(date, BindConstant(dated.Value, symbol.Type, syntax.Name.Text)));
            }
            symbol.Values = values.ToImmutable();
        }
        CheckParameterCycles(symbols.Select(s => s.Symbol).ToList());
    }

    /// <summary>Binds a parameter or section value: a constant (other parameters allowed) of the given type.</summary>
    private BoundExpression BindConstant(ExpressionSyntax syntax, PolicyType type, string owner)
    {
        var scope = new BindingScope(BindingContextKind.Constant);
        var bound = type.IsError ? _binder.Bind(syntax, scope) : _binder.BindValue(syntax, scope, type);
        return bound;
    }

    private void CheckParameterCycles(List<ParameterSymbol> parameters)
    {
        var state = new Dictionary<ParameterSymbol, int>();
        var stack = new List<ParameterSymbol>();
        foreach (var p in parameters) Visit(p);

        void Visit(ParameterSymbol p)
        {
            if (state.TryGetValue(p, out var s))
            {
                if (s == 1)
                {
                    var cycle = stack.SkipWhile(x => x != p).Select(x => x.Name).Append(p.Name);
                    if (p.Location is { } loc) _diagnostics.Report(DiagnosticDescriptors.CircularDefinition, loc, p.Name, string.Join(" → ", cycle));
                }
                return;
            }
            state[p] = 1;
            stack.Add(p);
            foreach (var v in p.Values)
                foreach (var dep in References(v.Value))
                    if (_parameters.ContainsKey(dep.Name) && ReferenceEquals(_parameters[dep.Name], dep))
                        Visit(dep);
            stack.RemoveAt(stack.Count - 1);
            state[p] = 2;
        }
    }

    private static IEnumerable<ParameterSymbol> References(BoundExpression e)
    {
        if (e is BoundParameter p) yield return p.Parameter;
        foreach (var c in e.Children)
            foreach (var r in References(c))
                yield return r;
    }

    private void DeclareCalendar(CompilationUnitSyntax root, BoundPolicy bound)
    {
        var defaults = Calendar.Default;
        ParameterSymbol Make(string name, decimal value, PolicyType type)
        {
            if (_parent?.FindParameter("calendar." + name) is { } inherited) return inherited;
            var literal = new BoundLiteral(null, value, type);
            return AddParameter("calendar." + name, type, ParameterOrigin.Calendar, ImmutableArray.Create(new DatedValue(null, literal)), null, null);
        }
        bound.SchoolMonths = Make("school_months", defaults.SchoolMonths, PolicyType.Int);
        bound.Semesters = Make("semesters", defaults.Semesters, PolicyType.Int);
        bound.SchoolDays = Make("school_days", defaults.SchoolDays, PolicyType.Int);
        bound.PeriodsPerDay = Make("periods_per_day", defaults.PeriodsPerDay, PolicyType.Number);
    }

    // ------------------------------------------------------------------ rules

    private static readonly LocalizedText s_noText = new(string.Empty, string.Empty);

    private RuleSymbol MakeRuleSymbol(string id, LocalizedText description, CitationSyntax? citation, SyntaxToken? severity, Location location) =>
        new(id, description, Cite(citation), severity is not null && severity.Kind == TokenKind.Warning ? RuleSeverity.Warning : RuleSeverity.Error)
        {
            Location = location,
            Policy = _policy,
        };

    private string UniqueRuleId(string id)
    {
        if (_ruleIds.Add(id)) return id;
        for (var n = 2; ; n++)
            if (_ruleIds.Add(id + "#" + n))
                return id + "#" + n;
    }

    private void BindRule(RuleDeclarationSyntax syntax)
    {
        if (syntax.Name.IsMissing) return;
        var descriptions = syntax.Descriptions.Select(d => SyntaxFacts.UnquoteString(d.Text)).ToList();
        var english = descriptions.FirstOrDefault(d => !SyntaxFacts.IsChinese(d)) ?? descriptions.FirstOrDefault() ?? syntax.Name.Text;
        var chinese = descriptions.FirstOrDefault(SyntaxFacts.IsChinese) ?? english;
        if (syntax.Citation is null)
            Report(DiagnosticDescriptors.MissingCitation, syntax.Name, new LocalizedText($"rule '{syntax.Name.Text}'", $"规则“{syntax.Name.Text}”"));

        var scope = new BindingScope(BindingContextKind.Plan);
        var condition = syntax.Condition is { } c ? _binder.BindCondition(c, scope) : null;
        var symbol = MakeRuleSymbol(syntax.Name.Text, new LocalizedText(english, chinese), syntax.Citation, syntax.Severity, Loc(syntax.Name));
        var id = UniqueRuleId(syntax.Name.Text);

        // forbid any x in L where C / require all x in L [where F] satisfy P: one finding per element.
        if (syntax.Body is QuantifierExpressionSyntax q && (syntax.Mode == RuleMode.Forbid && q.QuantifierKind == QuantifierKind.Any && q.Predicate is null
                                                          || syntax.Mode == RuleMode.Require && q.QuantifierKind == QuantifierKind.All
                                                          || syntax.Mode == RuleMode.Require && q.QuantifierKind == QuantifierKind.No && q.Predicate is null))
        {
            var bound = _binder.Bind(q, scope);
            if (bound is BoundQuantifier quantifier)
            {
                var check = quantifier.Quantifier == QuantifierKind.All ? quantifier.Predicate ?? new BoundLiteral(null, true, PolicyType.Bool) : new BoundLiteral(null, false, PolicyType.Bool);
                _rules.Add(new BoundRule(id, symbol, syntax, check)
                {
                    Condition = condition,
                    Variable = quantifier.Variable,
                    Source = quantifier.Source,
                    Filter = quantifier.Filter,
                    Subject = SubjectOf(quantifier.Variable),
                    Actual = quantifier.Predicate is BoundBinary { Operator: var op } pb && BoundBinary.IsComparison(op) ? pb.Left : SubjectKind(quantifier.Variable),
                    Limit = quantifier.Predicate is BoundBinary { Operator: var op2 } pb2 && BoundBinary.IsComparison(op2) ? pb2.Right : null,
                });
            }
            return;
        }

        var body = _binder.BindCondition(syntax.Body, scope);
        if (body.Type.IsError) return;
        var (actual, limit) = body is BoundBinary b && BoundBinary.IsComparison(b.Operator) ? (b.Left, b.Right) : ((BoundExpression?)null, (BoundExpression?)null);
        _rules.Add(new BoundRule(id, symbol, syntax, syntax.Mode == RuleMode.Forbid ? new BoundUnary(null, BoundUnaryOperator.Not, body) : body)
        {
            Condition = condition,
            Actual = actual,
            Limit = limit,
        });
    }

    /// <summary>How an element is named in a report: its name, item or kind field when it has one.</summary>
    private static BoundExpression? SubjectOf(VariableSymbol variable)
    {
        if (variable.Type is not RecordType record) return new BoundVariable(null, variable);
        foreach (var name in new[] { "name", "item", "kind" })
            if (record.Symbol.Lookup(name) is { } field)
                return new BoundField(null, new BoundVariable(null, variable), field);
        return null;
    }

    private static BoundExpression? SubjectKind(VariableSymbol variable) =>
        variable.Type is RecordType record && record.Symbol.Lookup("kind") is { } kind
            ? new BoundField(null, new BoundVariable(null, variable), kind)
            : new BoundVariable(null, variable);

    // ------------------------------------------------------------------ measures

    private void BindMeasure(MeasureSymbol measure)
    {
        if (!_measureSyntax.TryGetValue(measure.Name, out var syntax)) return;
        _measuresInProgress.Add(measure);
        try
        {
            var scope = new BindingScope(BindingContextKind.District);
            var declared = measure.Type;
            var binder = _standardMeasures.Contains(measure) ? _preludeBinder! : _binder;
            var bound = declared.IsError && syntax.Type is null ? binder.Bind(syntax.Value, scope) : binder.BindValue(syntax.Value, scope, declared);
            if (syntax.Type is null) measure.Type = bound.Type;
            measure.Expression = bound;
        }
        finally
        {
            _measuresInProgress.Remove(measure);
        }
    }
}
