using PolicyLang.Binding;
using PolicyLang.Symbols;

namespace PolicyLang.Evaluation;

/// <summary>How one rule went for one plan (or one element of a list), for 'validate --explain'.</summary>
public sealed class RuleTrace
{
    public RuleTrace(RuleInfo rule, RuleOutcome outcome, ShownValue? subject, ShownValue? actual, ShownValue? limit)
    {
        Rule = rule;
        Outcome = outcome;
        Subject = subject;
        Actual = actual;
        Limit = limit;
    }

    public RuleInfo Rule { get; }
    public RuleOutcome Outcome { get; }
    public ShownValue? Subject { get; }
    public ShownValue? Actual { get; }
    public ShownValue? Limit { get; }
}

public enum RuleOutcome
{
    Held,
    Broken,
    /// <summary>The rule's condition did not hold, the list was empty, or a value it reads is absent.</summary>
    NotApplicable,
}

/// <summary>
/// The reference semantics of a policy: validates plans by evaluating the bound rules directly. Compiled
/// validators must give the same reports (the differential tests hold them to it).
/// </summary>
public sealed class PolicyInterpreter : IPlanValidator
{
    private readonly BoundPolicy _policy;
    private readonly ParameterValues _parameters;
    private readonly List<(BoundRule Rule, RuleInfo Info)> _rules;

    public PolicyInterpreter(BoundPolicy policy, DateTime? asOf = null, IReadOnlyDictionary<ParameterSymbol, object?>? overrides = null)
    {
        _policy = policy;
        _parameters = new ParameterValues(policy, asOf, overrides);
        _rules = policy.Rules.Select(r => (r, RuleInfos.From(r))).ToList();
        Info = RuleInfos.PolicyInfo(policy);
    }

    public PolicyInfo Info { get; }

    public ValidationReport Validate(SchoolPlan plan)
    {
        List<Violation>? violations = null;
        var applies = Run(plan, trace =>
        {
            if (trace.Outcome == RuleOutcome.Broken)
                (violations ??= new List<Violation>()).Add(new Violation(trace.Rule, trace.Subject, trace.Actual, trace.Limit));
        }, explain: false);
        if (!applies) return ValidationReport.NotApplicable;
        return violations is null ? ValidationReport.Compliant : new ValidationReport(violations);
    }

    /// <summary>Every rule's outcome with the values it looked at.</summary>
    public IReadOnlyList<RuleTrace> Explain(SchoolPlan plan, out bool applies)
    {
        var traces = new List<RuleTrace>();
        applies = Run(plan, traces.Add, explain: true);
        return traces;
    }

    private EvaluationContext Context(RecordValue plan)
    {
        var context = new EvaluationContext(_parameters.Get, _parameters.Calendar);
        context.SetRoot("plan", plan);
        context.SetRoot("school", plan["school"]);
        return context;
    }

    private bool Run(SchoolPlan plan, Action<RuleTrace> report, bool explain) =>
        RunRules(_policy, _rules, Context(PlanValues.FromPlan(plan)), report, explain);

    /// <summary>
    /// Evaluates every rule against the plan the context holds (roots 'plan' and 'school'); false when the policy
    /// does not apply to the school.
    /// </summary>
    internal static bool RunRules(BoundPolicy _policy, IReadOnlyList<(BoundRule Rule, RuleInfo Info)> _rules, EvaluationContext context, Action<RuleTrace> report, bool explain)
    {
        var applies = true;
        var policyApplies = new Dictionary<PolicySymbol, bool>();
        bool Applies(PolicySymbol? p)
        {
            if (p is null) return true;
            if (!policyApplies.TryGetValue(p, out var a))
                policyApplies[p] = a = (p.Applies is null || Evaluator.Evaluate(p.Applies, context) is true) && Applies(p.Parent);
            return a;
        }
        if (!Applies(_policy.Symbol)) applies = false;

        foreach (var (rule, info) in _rules)
        {
            if (!Applies(rule.Policy) || !applies)
            {
                if (explain) report(new RuleTrace(info, RuleOutcome.NotApplicable, null, null, null));
                continue;
            }
            if (rule.Condition is not null && Evaluator.Evaluate(rule.Condition, context) is not true)
            {
                if (explain) report(new RuleTrace(info, RuleOutcome.NotApplicable, null, null, null));
                continue;
            }
            if (rule.Source is null)
            {
                Check(rule, info, context, report, explain);
                continue;
            }
            var any = false;
            foreach (var item in Items(Evaluator.Evaluate(rule.Source, context)))
            {
                context.BindVariable(rule.Variable!, item);
                if (rule.Filter is not null && Evaluator.Evaluate(rule.Filter, context) is not true) continue;
                any = true;
                Check(rule, info, context, report, explain);
            }
            context.UnbindVariable(rule.Variable!);
            if (!any && explain) report(new RuleTrace(info, RuleOutcome.NotApplicable, null, null, null));
        }
        return applies;
    }

    internal static IEnumerable<object?> Items(object? source) => source switch
    {
        IReadOnlyList<object?> list => list,
        RangeValue { Low: EnumMemberSymbol lo, High: EnumMemberSymbol hi } => lo.Owner.Members.Where(x => x.Ordinal >= lo.Ordinal && x.Ordinal <= hi.Ordinal),
        _ => Enumerable.Empty<object?>(),
    };

    private static void Check(BoundRule rule, RuleInfo info, EvaluationContext context, Action<RuleTrace> report, bool explain)
    {
        var result = Evaluator.Evaluate(rule.Check, context);
        var outcome = result switch { false => RuleOutcome.Broken, true => RuleOutcome.Held, _ => RuleOutcome.NotApplicable };
        if (outcome != RuleOutcome.Broken && !explain) return;
        report(new RuleTrace(info, outcome, Show(rule.Subject, context), Show(rule.Actual, context), Show(rule.Limit, context)));
    }

    private static ShownValue? Show(BoundExpression? expression, EvaluationContext context)
    {
        if (expression is null) return null;
        var value = Evaluator.Evaluate(expression, context);
        return new ShownValue(ValueFormatter.Format(value, expression.Type, Language.English), ValueFormatter.Format(value, expression.Type, Language.Chinese));
    }
}
