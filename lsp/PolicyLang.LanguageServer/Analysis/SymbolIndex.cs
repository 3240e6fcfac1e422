using PolicyLang.Binding;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang.LanguageServer.Analysis;

/// <summary>
/// What a name in a document stands for. Symbols of different compilations of one file are different objects,
/// so a symbol is identified across documents by its <see cref="Key"/>: the file that declares it, its kind and
/// its name (built-in symbols — plan fields, enumeration members, roots, functions — have no file).
/// </summary>
public sealed class SymbolTarget
{
    public SymbolTarget(SymbolKind kind, string name, object symbol, Location? declaration)
    {
        Kind = kind;
        Name = name;
        Symbol = symbol;
        Declaration = declaration;
        Key = $"{kind}|{(declaration is null ? string.Empty : System.IO.Path.GetFullPath(string.IsNullOrEmpty(declaration.Path) ? "." : declaration.Path))}|{name}";
    }

    public SymbolKind Kind { get; }
    public string Name { get; }
    /// <summary>The symbol: a ParameterSymbol, MeasureSymbol, RuleSymbol, PolicySymbol, BoundScenario, FieldSymbol,
    /// EnumMemberSymbol, VariableSymbol, RootSymbol or a BuiltinFunction.</summary>
    public object Symbol { get; }
    /// <summary>Where it is declared (in this or another file, or the prelude); null for built-ins.</summary>
    public Location? Declaration { get; }
    public string Key { get; }

    /// <summary>Declared in a policy file (so it can be renamed), not built in or in the prelude.</summary>
    public bool IsUserDeclared => Declaration is not null && Declaration.Path != Prelude.Path && Kind is SymbolKind.Parameter or SymbolKind.Rule
        or SymbolKind.Measure or SymbolKind.Scenario or SymbolKind.Policy or SymbolKind.Variable;

    public static SymbolTarget For(Symbol symbol) => symbol switch
    {
        ParameterSymbol p => new(SymbolKind.Parameter, p.Name, p, p.Location),
        MeasureSymbol m => new(SymbolKind.Measure, m.Name, m, m.Location),
        RuleSymbol r => new(SymbolKind.Rule, r.Name, r, r.Location),
        PolicySymbol p => new(SymbolKind.Policy, p.Name, p, p.Location),
        VariableSymbol v => new(SymbolKind.Variable, v.Name, v, v.Location),
        FieldSymbol f => new(SymbolKind.Field, (f.Owner?.Name ?? "") + "." + f.Name, f, null),
        EnumMemberSymbol e => new(SymbolKind.EnumMember, e.Owner.Name + "." + e.Name, e, null),
        RootSymbol r => new(SymbolKind.Root, r.Name, r, null),
        _ => new(symbol.Kind, symbol.Name, symbol, symbol.Location),
    };
}

/// <summary>A name in the document and what it stands for.</summary>
public sealed record SymbolOccurrence(TextSpan Span, SymbolTarget Target, bool IsDeclaration);

/// <summary>
/// Every name in one document with the symbol it declares or references, found by walking the bound policy's
/// expressions (whose syntax gives the spans) and its declarations. Only what this file wrote is indexed:
/// expressions of a parent policy or of the standard model carry spans of other texts and are skipped.
/// </summary>
public sealed class SymbolIndex
{
    private readonly List<SymbolOccurrence> _occurrences = new();
    private readonly HashSet<(int Start, int Length, string Key)> _seen = new();
    private readonly DocumentAnalysis _analysis;
    private readonly SourceText _text;

    public SymbolIndex(DocumentAnalysis analysis)
    {
        _analysis = analysis;
        _text = analysis.Text;
        Build();
        _occurrences.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    public IReadOnlyList<SymbolOccurrence> Occurrences => _occurrences;

    /// <summary>The occurrence whose name contains the offset (or ends at it): a binary search over the sorted occurrences.</summary>
    public SymbolOccurrence? At(int offset)
    {
        int lo = 0, hi = _occurrences.Count - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_occurrences[mid].Span.Start <= offset)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        // Names do not nest, but a declaration and a reference may share a start: look back over those.
        for (var i = last; i >= 0 && i > last - 4; i--)
        {
            var o = _occurrences[i];
            if (o.Span.Start <= offset && offset <= o.Span.End && o.Span.Length > 0) return o;
        }
        return null;
    }

    public IEnumerable<SymbolOccurrence> Of(string key) => _occurrences.Where(o => o.Target.Key == key);

    private bool Mine(Location? location) => location is not null && ReferenceEquals(location.Text, _text);

    private void Add(TextSpan span, SymbolTarget target, bool declaration)
    {
        if (span.Length <= 0 || span.End > _text.Length) return;
        if (!_seen.Add((span.Start, span.Length, target.Key))) return;
        _occurrences.Add(new SymbolOccurrence(span, target, declaration));
    }

    private void Add(SyntaxToken? token, SymbolTarget target, bool declaration)
    {
        if (token is null || token.IsMissing) return;
        Add(token.Span, target, declaration);
    }

    private void Build()
    {
        var policy = _analysis.Policy;
        var root = _analysis.Tree.Root;

        // Declarations.
        foreach (var header in root.Members.OfType<PolicyDeclarationSyntax>().Take(1))
        {
            Add(header.Name, SymbolTarget.For(policy.Symbol), true);
            var extends = header.Items.FirstOrDefault(i => i.ItemKind == HeaderItemKind.Extends)?.Value;
            if (extends is not null && policy.Parent is { } parent)
                Add(extends, SymbolTarget.For(parent.Symbol), false);
        }
        foreach (var parameter in policy.Parameters)
            if (Mine(parameter.Location))
                Add(DeclarationSpan(parameter.Location!), SymbolTarget.For(parameter), true);
        foreach (var measure in policy.Measures)
            if (Mine(measure.Location))
                Add(measure.Location!.Span, SymbolTarget.For(measure), true);
        foreach (var rule in policy.Rules)
            if (rule.Policy == policy.Symbol && rule.Syntax is RuleDeclarationSyntax declaration)
                Add(declaration.Name, SymbolTarget.For(rule.Symbol), true);
        foreach (var scenario in policy.Scenarios)
        {
            var target = new SymbolTarget(SymbolKind.Scenario, scenario.Name, scenario, new Location(_text, scenario.Syntax.Name.Span));
            Add(scenario.Syntax.Name, target, true);
            foreach (var set in scenario.Sets)
                if (set.Syntax is SetItemSyntax item)
                    Add(item.Target.Span, SymbolTarget.For(set.Parameter), false);
            foreach (var set in scenario.Sets) Walk(set.Value);
            if (scenario.Elasticity is not null) Walk(scenario.Elasticity);
        }

        // References in the expressions this file wrote.
        if (policy.Symbol.Applies is { } applies) Walk(applies);
        foreach (var parameter in policy.Parameters.Where(p => Mine(p.Location)))
            foreach (var value in parameter.Values)
                Walk(value.Value);
        foreach (var measure in policy.Measures.Where(m => Mine(m.Location) && m.Expression is not null))
            Walk(measure.Expression!);
        foreach (var rule in policy.Rules.Where(r => r.Policy == policy.Symbol))
        {
            if (rule.Condition is not null) Walk(rule.Condition);
            if (rule.Source is not null) Walk(rule.Source);
            if (rule.Filter is not null) Walk(rule.Filter);
            Walk(rule.Check);
        }
        foreach (var cap in policy.Caps.Where(c => c.Policy == policy.Symbol && c.When is not null)) Walk(cap.When!);
        foreach (var waiver in policy.Waivers.Where(w => w.When is not null)) Walk(waiver.When!);
        foreach (var subsidy in policy.Subsidies.Where(s => s.When is not null)) Walk(subsidy.When!);

        // Test expectations name rules by id.
        foreach (var test in policy.Tests)
            foreach (var expect in test.Syntax.Items.OfType<ExpectItemSyntax>())
                foreach (var name in expect.Names)
                    if (policy.Rules.FirstOrDefault(r => r.Id == name.Text) is { } rule)
                        Add(name.Span, SymbolTarget.For(rule.Symbol), false);
    }

    /// <summary>A declaration's name: the span as declared, or its first word for a section line.</summary>
    private TextSpan DeclarationSpan(Location location)
    {
        var token = _analysis.TokenAt(location.Span.Start);
        return token is not null && location.Span.Length > token.Span.Length && token.Span.Start == location.Span.Start ? token.Span : location.Span;
    }

    private void Walk(BoundExpression expression)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case BoundParameter p when p.Syntax is not null && Belongs(p.Syntax):
                Add(NameSpan(p.Syntax), SymbolTarget.For(p.Parameter), false);
                break;
            case BoundMeasure m when m.Syntax is not null && Belongs(m.Syntax):
                Add(NameSpan(m.Syntax), SymbolTarget.For(m.Measure), false);
                break;
            case BoundField f when f.Syntax is MemberAccessExpressionSyntax member && Belongs(member):
                Add(member.Name, SymbolTarget.For(f.Field), false);
                break;
            case BoundLiteral { Value: EnumMemberSymbol e } l when l.Syntax is NameExpressionSyntax name && Belongs(name):
                Add(name.Identifier, SymbolTarget.For(e), false);
                break;
            case BoundVariable v when v.Syntax is not null && Belongs(v.Syntax):
                Add(NameSpan(v.Syntax), SymbolTarget.For(v.Variable), false);
                break;
            case BoundRoot r when r.Syntax is NameExpressionSyntax name && Belongs(name):
                Add(name.Identifier, SymbolTarget.For(r.Root), false);
                break;
            case BoundAggregate a when Mine(a.Variable.Location):
                Add(a.Variable.Location!.Span, SymbolTarget.For(a.Variable), true);
                break;
            case BoundQuantifier q when Mine(q.Variable.Location):
                Add(q.Variable.Location!.Span, SymbolTarget.For(q.Variable), true);
                break;
        }
        foreach (var child in expression.Children) Walk(child);
    }

    private bool Belongs(SyntaxNode node) => node.Span.End <= _text.Length && node.FirstToken is { IsMissing: false } t &&
        t.Span.End <= _text.Length && _text.ToString(t.Span) == t.Text;

    private static TextSpan NameSpan(SyntaxNode syntax) => syntax switch
    {
        NameExpressionSyntax name => name.Identifier.Span,
        MemberAccessExpressionSyntax member => member.Name.Span,
        _ => syntax.Span,
    };
}
