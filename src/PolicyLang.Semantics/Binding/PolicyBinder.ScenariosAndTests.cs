using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

internal sealed partial class PolicyBinder
{
    private static readonly string[][] s_elasticityPhrases =
    {
        new[] { "participation", "elasticity" }, new[] { "参与", "弹性" }, new[] { "参与弹性" }, new[] { "参与率弹性" },
    };

    private static readonly string[][] s_chargeCapPhrases =
    {
        new[] { "schools", "charge", "the", "cap" }, new[] { "schools", "charge", "cap" }, new[] { "学校", "按上限收费" }, new[] { "按上限收费" },
    };

    private static bool Matches(AssumeItemSyntax item, string[][] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (phrase.Length != item.Words.Length) continue;
            var same = true;
            for (var k = 0; k < phrase.Length && same; k++) same = phrase[k] == item.Words[k].Text;
            if (same) return true;
        }
        return false;
    }

    private BoundScenario BindScenario(ScenarioDeclarationSyntax syntax, BoundPolicy policy)
    {
        var sets = ImmutableArray.CreateBuilder<BoundScenarioSet>();
        BoundExpression? elasticity = null;
        var chargeCap = false;
        var assigned = new Dictionary<ParameterSymbol, SyntaxNode>();
        foreach (var item in syntax.Items)
        {
            switch (item)
            {
                case SetItemSyntax set:
                {
                    if (set.Target.Parts.Any(p => p.IsMissing)) break;
                    var parameter = ResolveTarget(set.Target.Text, set.Target, policy);
                    if (parameter is null) break;
                    if (assigned.TryGetValue(parameter, out var previous))
                    {
                        Report(DiagnosticDescriptors.DuplicateItem, set.Target, new LocalizedText($"'{parameter.Name}'", $"“{parameter.Name}”"), Line(previous));
                        break;
                    }
                    assigned[parameter] = set.Target;
                    var value = BindConstant(set.Value, parameter.Type, parameter.Name);
                    if (!value.Type.IsError) sets.Add(new BoundScenarioSet(parameter, value, set));
                    break;
                }
                case AssumeItemSyntax assume:
                    if (Matches(assume, s_elasticityPhrases))
                    {
                        if (assume.Value is null)
                        {
                            Report(DiagnosticDescriptors.TypeMismatch, assume, new LocalizedText("an elasticity such as -0.3 after 'participation elasticity'", "“参与 弹性”之后的弹性系数，如 -0.3"), new LocalizedText("nothing", "空"));
                            break;
                        }
                        elasticity = BindConstant(assume.Value, PolicyType.Number, "elasticity");
                    }
                    else if (Matches(assume, s_chargeCapPhrases) && assume.Value is null)
                    {
                        chargeCap = true;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.UnknownAssumption, assume, SyntaxFacts.Shorten(assume.Phrase + (assume.Value is null ? string.Empty : " " + assume.Value)));
                    }
                    break;
            }
        }
        var label = syntax.Label is { IsMissing: false } l ? SyntaxFacts.UnquoteString(l.Text) : null;
        return new BoundScenario(syntax.Name.Text, label, sets.ToImmutable(), elasticity, chargeCap, syntax);
    }

    /// <summary>A scenario target: a parameter, or a section value by id (fee.cap names the single cap).</summary>
    internal ParameterSymbol? ResolveTarget(string name, SyntaxNode at, BoundPolicy policy)
    {
        var (found, candidates) = FindTarget(name, policy);
        if (found is not null) return found;
        if (candidates.Count > 1)
        {
            var labelled = candidates.FirstOrDefault(c => c.Name.IndexOf('#') < 0 && c.Name.Split('.').Length > 2) ?? candidates[0];
            Report(DiagnosticDescriptors.AmbiguousScenarioTarget, at, name, candidates.Count,
                new LocalizedText(string.Join(", ", candidates.Select(c => c.Name)), string.Join("、", candidates.Select(c => c.Name))), labelled.Name);
            return null;
        }
        var suggestion = Runtime.Spelling.Suggest(name, policy.Parameters.Select(p => p.Name));
        Report(DiagnosticDescriptors.UnknownScenarioTarget, at, name, ExpressionBinder.DidYouMean(suggestion));
        return null;
    }

    /// <summary>The parameter a target names, or the candidates when it names none or several.</summary>
    internal static (ParameterSymbol? Found, List<ParameterSymbol> Candidates) FindTarget(string name, BoundPolicy policy)
    {
        var candidates = policy.ParametersStartingWith(name + ".", name + "#");
        if (policy.FindParameter(name) is { } exact)
        {
            // fee.cap with a second, unlabelled cap fee.cap#2 is ambiguous; fee.cap beside fee.cap.urban is not.
            if (!candidates.Any(c => c.Name.StartsWith(name + "#", StringComparison.Ordinal))) return (exact, candidates);
            candidates.Insert(0, exact);
        }
        return (candidates.Count == 1 ? candidates[0] : null, candidates);
    }

    internal BoundScenario BindStandaloneScenario(ScenarioDeclarationSyntax syntax, BoundPolicy policy) => BindScenario(syntax, policy);

    private static readonly HashSet<string> s_planWords = new(StringComparer.Ordinal) { "plan", "计划", "方案" };
    private static readonly HashSet<string> s_dateWords = new(StringComparer.Ordinal) { "date", "日期" };
    private static readonly HashSet<string> s_compliantWords = new(StringComparer.Ordinal) { "compliant", "合规" };
    private static readonly HashSet<string> s_violationWords = new(StringComparer.Ordinal) { "violation", "violations", "违反" };

    private (ImmutableArray<BoundRule> Rules, HashSet<string> Names)? _ruleReferences;

    /// <summary>
    /// Every name that refers to a rule of the policy (<see cref="RuleIds.Matches"/>): a rule's id, and each part of
    /// it that ends before a '.' or a '#'.
    /// </summary>
    private HashSet<string> RuleReferences(BoundPolicy policy)
    {
        if (_ruleReferences is { } cached && cached.Rules == policy.Rules) return cached.Names;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in policy.Rules)
        {
            var id = rule.Id;
            names.Add(id);
            for (var i = 0; i < id.Length; i++)
                if (id[i] is '.' or '#')
                    names.Add(id.Substring(0, i));
        }
        _ruleReferences = (policy.Rules, names);
        return names;
    }

    private BoundTest BindTest(TestDeclarationSyntax syntax, BoundPolicy policy)
    {
        var test = new BoundTest(syntax.NameValue, syntax);
        var hasPlan = false;
        var hasExpect = false;
        var seen = new Dictionary<string, TestItemSyntax>(StringComparer.Ordinal);
        foreach (var item in syntax.Items)
        {
            if (item.Word.IsMissing) continue;
            // One plan, one date and one expectation a test.
            var slot = item is ExpectItemSyntax ? "expect" : s_dateWords.Contains(item.Word.Text) ? "date" : "plan";
            if (seen.TryGetValue(slot, out var first))
            {
                var what = slot switch
                {
                    "expect" => new LocalizedText("the test's expectation", "测试的预期"),
                    "date" => new LocalizedText("the test's date", "测试的日期"),
                    _ => new LocalizedText("the test's plan", "测试的计划"),
                };
                Report(DiagnosticDescriptors.DuplicateItem, item, what, Line(first));
                continue;
            }
            seen[slot] = item;
            switch (item)
            {
                case GivenItemSyntax given when s_planWords.Contains(given.Word.Text):
                    hasPlan = true;
                    if (given.Source is { Kind: TokenKind.String, IsMissing: false } file)
                    {
                        var relative = SyntaxFacts.UnquoteString(file.Text);
                        var directory = System.IO.Path.GetDirectoryName(_tree.Path);
                        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(string.IsNullOrEmpty(directory) ? "." : directory, relative));
                        if (_options.CheckTestFiles && !System.IO.File.Exists(full))
                            Report(DiagnosticDescriptors.TestPlanNotFound, file, relative, full);
                        test.PlanFile = full;
                    }
                    else if (given.Source is { Kind: TokenKind.Date })
                    {
                        Report(DiagnosticDescriptors.InvalidGiven, given.Source, given.Source.Text);
                    }
                    if (given.Inline is { } inline)
                    {
                        PlanJsonValidator.Validate(inline, PlanSchema.Plan.Type, "$", partial: false, Problem);
                        test.InlinePlan = inline;
                    }
                    if (given.Overlay is { } overlay)
                    {
                        PlanJsonValidator.Validate(overlay, PlanSchema.Plan.Type, "$", partial: true, Problem);
                        test.Overlay = overlay;
                    }
                    break;
                case GivenItemSyntax given when s_dateWords.Contains(given.Word.Text):
                    if (given.Source is { Kind: TokenKind.Date } date && ParseDate(date) is { } d) test.Date = d;
                    else Report(DiagnosticDescriptors.InvalidGiven, given, given.Word.Text);
                    break;
                case GivenItemSyntax given:
                    Report(DiagnosticDescriptors.InvalidGiven, given.Word, SyntaxFacts.Shorten(given.Word.Text));
                    break;
                case ExpectItemSyntax expect when s_compliantWords.Contains(expect.Word.Text):
                    hasExpect = true;
                    test.ExpectCompliant = true;
                    if (expect.Names.Length > 0)
                        Report(DiagnosticDescriptors.InvalidExpectation, expect.Names[0], "compliant " + expect.Names[0].Text);
                    break;
                case ExpectItemSyntax expect when s_violationWords.Contains(expect.Word.Text):
                {
                    hasExpect = true;
                    var ids = ImmutableArray.CreateBuilder<string>();
                    foreach (var name in expect.Names)
                    {
                        if (name.Parts.Any(p => p.IsMissing)) continue;
                        var text = name.Text;
                        if (!RuleReferences(policy).Contains(text))
                        {
                            var suggestion = Runtime.Spelling.Suggest(text, policy.Rules.Select(r => r.Id.Split('#')[0]).Distinct());
                            Report(DiagnosticDescriptors.UnknownRuleReference, name, text, ExpressionBinder.DidYouMean(suggestion));
                            continue;
                        }
                        ids.Add(text);
                    }
                    if (expect.Names.Length == 0)
                        Report(DiagnosticDescriptors.InvalidExpectation, expect.Word, expect.Word.Text + " (no rule named)");
                    test.ExpectedViolations = ids.ToImmutable();
                    break;
                }
                case ExpectItemSyntax expect:
                    Report(DiagnosticDescriptors.InvalidExpectation, expect.Word, SyntaxFacts.Shorten(expect.Word.Text));
                    break;
            }
        }
        // A test without one of its lines, and no mistaken line of that kind already reported.
        if (!hasPlan && !syntax.Items.OfType<GivenItemSyntax>().Any(g => !s_dateWords.Contains(g.Word.Text)))
            Report(DiagnosticDescriptors.IncompleteTest, syntax.Name, syntax.NameValue, new LocalizedText("'given plan …' line", "“给定 计划 …”一行"));
        if (!hasExpect && !syntax.Items.OfType<ExpectItemSyntax>().Any())
            Report(DiagnosticDescriptors.IncompleteTest, syntax.Name, syntax.NameValue, new LocalizedText("'expect …' line", "“预期 …”一行"));
        return test;

        void Problem(Text.TextSpan span, string path, LocalizedText message) => _diagnostics.Report(DiagnosticDescriptors.InvalidInlinePlan, new Text.Location(_tree.Text, span), path, message);
    }
}

/// <summary>
/// Scenarios written outside a policy, against it: the command line's <c>--set</c> and <c>--sweep</c> become
/// scenario text bound here, so targets, units and values are checked exactly as in a <c>scenario</c> block.
/// </summary>
public static class ScenarioBinder
{
    public static ImmutableArray<BoundScenario> Bind(BoundPolicy policy, SyntaxTree tree, out ImmutableArray<Diagnostic> diagnostics)
    {
        var binder = new PolicyBinder(tree, policy);
        var bag = binder.Diagnostics;
        foreach (var d in tree.Diagnostics) bag.Add(d);
        var scenarios = tree.HasErrors
            ? ImmutableArray<BoundScenario>.Empty
            : tree.Root.Members.OfType<ScenarioDeclarationSyntax>().Select(s => binder.BindStandaloneScenario(s, policy)).ToImmutableArray();
        diagnostics = bag.ToImmutableArray();
        return scenarios;
    }

    /// <summary>The parameter a scenario target names (exact id, or a prefix naming one value); null when none or several.</summary>
    public static ParameterSymbol? Target(BoundPolicy policy, string name) => PolicyBinder.FindTarget(name, policy).Found;
}
