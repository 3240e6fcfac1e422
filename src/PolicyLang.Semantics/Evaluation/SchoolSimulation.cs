using PolicyLang.Binding;
using PolicyLang.Simulation.Data;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Evaluation;

/// <summary>What the simulation model's functions (cap_for_school(), subsidies(), baseline(), …) read in a measure.</summary>
public abstract class ModelContext
{
    public abstract object? Call(BuiltinFunction function, IReadOnlyList<object?> arguments);
    public abstract object? Baseline(MeasureSymbol measure);
}

/// <summary>
/// The reference semantics of simulation: one school of the district data under one scenario. Measures are
/// evaluated on demand by name (a policy's redefinition replaces the standard model's everywhere), each once;
/// the model's functions read the policy's caps, waivers, subsidies, staff share and rules with the scenario's
/// parameter values. The compiled simulator must give the same values (the differential tests hold it to it).
/// </summary>
public sealed class SchoolSimulation : ModelContext
{
    private readonly BoundPolicy _policy;
    private readonly ScenarioAssumptions _assumptions;
    private readonly Func<string, object?>? _baseline;
    private readonly EvaluationContext _context;
    private readonly RecordValue _school;
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, MeasureSymbol> _measures;
    private bool? _inScope;

    /// <param name="baseline">The baseline's measures for the school by name; null when this is the baseline.</param>
    public SchoolSimulation(BoundPolicy policy, IReadOnlyDictionary<string, MeasureSymbol> measures, ParameterValues parameters, ScenarioAssumptions assumptions,
        RecordValue school, IReadOnlyList<object?> cohorts, Func<string, object?>? baseline)
    {
        _policy = policy;
        _measures = measures;
        _assumptions = assumptions;
        _baseline = baseline;
        _school = school;
        _context = new EvaluationContext(parameters.Get, parameters.Calendar)
        {
            PeriodsPerDay = school["periods_per_day"] as decimal?,
            Model = this,
        };
        _context.Measures = m => Measure(m.Name);
        _context.SetRoot("school", school);
        _context.SetRoot("cohorts", cohorts);
    }

    /// <summary>The measures of a policy by name: its own, its parents' and the standard model's.</summary>
    public static IReadOnlyDictionary<string, MeasureSymbol> MeasureTable(BoundPolicy policy) =>
        policy.Measures.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public object? Measure(string name)
    {
        if (_values.TryGetValue(name, out var value)) return value;
        if (!_measures.TryGetValue(name, out var measure) || measure.Expression is null) throw new EvaluationException($"no measure '{name}'");
        if (!_evaluating.Add(name)) throw new EvaluationException($"measure '{name}' depends on itself");
        try
        {
            value = Evaluator.Evaluate(measure.Expression, _context);
        }
        finally
        {
            _evaluating.Remove(name);
        }
        _values[name] = value;
        return value;
    }

    public override object? Baseline(MeasureSymbol measure) => _baseline is null ? Measure(measure.Name) : _baseline(measure.Name);

    public override object? Call(BuiltinFunction function, IReadOnlyList<object?> arguments) => function switch
    {
        BuiltinFunction.FeeCap => FeeCap(),
        BuiltinFunction.WaivedShare => WaivedShare(arguments[0] as EnumMemberSymbol),
        BuiltinFunction.Subsidies => Subsidies(arguments[0] as decimal?, arguments[1] as decimal?),
        BuiltinFunction.StaffShare => InScope() && _policy.StaffShare is { } share ? _context.Parameters(share) : 1m,
        BuiltinFunction.BreaksRules => BreaksRules(),
        BuiltinFunction.InScope => InScope(),
        BuiltinFunction.Elasticity => _assumptions.Elasticity,
        BuiltinFunction.ChargesCap => _assumptions.ChargesCap,
        _ => throw new EvaluationException($"{function} is not a model function"),
    };

    private bool Holds(BoundExpression? condition) => condition is null || Evaluator.Evaluate(condition, _context) is true;

    /// <summary>The policy and every policy it extends apply to the school.</summary>
    public bool InScope()
    {
        if (_inScope is { } known) return known;
        var applies = true;
        for (var p = _policy.Symbol; p is not null && applies; p = p.Parent)
            applies = Holds(p.Applies);
        _inScope = applies;
        return applies;
    }

    /// <summary>
    /// The cap per student per month: the smallest applying cap of the whole fee; the sum of the segment caps
    /// when every segment group has one; the smaller of the two when both exist; 0 when free; absent otherwise.
    /// </summary>
    private object? FeeCap()
    {
        if (!InScope()) return null;
        if (_policy.Rules.Any(r => r.Form == SectionItemForm.Free && Holds(r.Condition))) return 0m;
        var groups = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var cap in _policy.Caps)
        {
            var key = cap.GroupKey;
            if (!groups.ContainsKey(key))
            {
                groups[key] = null;
                order.Add(key);
            }
            if (!CapApplies(cap) || cap.IsNone) continue;
            var value = _context.Parameters(cap.Parameter!) as decimal?;
            if (value is null) continue;
            var monthly = _context.Calendar.ConvertRate(value.Value, cap.Unit!.Unit!.Value, TimeUnit.Month, _context.EffectivePeriodsPerDay);
            groups[key] = groups[key] is { } current ? Math.Min(current, monthly) : monthly;
        }
        decimal? whole = groups.TryGetValue(string.Empty, out var general) ? general : null;
        var parts = order.Where(k => k.Length > 0).ToList();
        decimal? sum = null;
        if (parts.Count > 0 && parts.All(k => groups[k] is not null))
        {
            sum = 0m;
            foreach (var k in parts) sum += groups[k]!.Value;
        }
        if (whole is { } w && sum is { } s) return Math.Min(w, s);
        return whole ?? sum;
    }

    /// <summary>A cap applies when its condition holds and no exception to it does.</summary>
    private bool CapApplies(BoundCap cap) =>
        Holds(cap.When) && !_policy.Caps.Any(c => c.ExceptionTarget == cap && c.When is not null && Holds(c.When));

    private decimal WaivedShare(EnumMemberSymbol? category)
    {
        if (category is null || !InScope()) return 0m;
        var share = 0m;
        foreach (var waiver in _policy.Waivers)
            if (waiver.Category == category && Holds(waiver.When))
                share += waiver.Share;
        return Math.Min(share, 1m);
    }

    /// <summary>Each applying subsidy line's cost a year, in the policy's order, added up.</summary>
    private object? Subsidies(decimal? participants, decimal? familyPayments)
    {
        if (!InScope()) return 0m;
        var costs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var total = 0m;
        foreach (var line in _policy.Subsidies)
        {
            if (!Holds(line.When)) continue;
            var value = _context.Parameters(line.Parameter) as decimal?;
            decimal? cost = line.Kind switch
            {
                SubsidyKind.PerStudent when value is { } v && participants is { } p =>
                    _context.Calendar.ConvertRate(v, ((MoneyType)line.Parameter.Type).Unit!.Value, TimeUnit.Year, _context.EffectivePeriodsPerDay) * p,
                SubsidyKind.ShareOfFamilyPayments when value is { } v && familyPayments is { } f => v * f,
                SubsidyKind.ShareOfSubsidy when value is { } v => v * (costs.TryGetValue(line.Of!, out var matched) ? matched : 0m),
                _ => null,
            };
            if (cost is null) continue;
            costs[line.Id] = cost.Value;
            total += cost.Value;
        }
        return total;
    }

    /// <summary>A rule the row decides is broken: the rules run on the plan the row describes (<see cref="PlanValues.FromDistrictRow"/>).</summary>
    private bool BreaksRules()
    {
        if (!InScope()) return false;
        var plan = PlanValues.FromDistrictRow(_school);
        var context = new EvaluationContext(_context.Parameters, _context.Calendar) { PeriodsPerDay = _context.PeriodsPerDay };
        context.SetRoot("plan", plan);
        context.SetRoot("school", plan["school"]);
        var broken = false;
        PolicyInterpreter.RunRules(_policy, RuleList(_policy), context, trace => broken |= trace.Outcome == RuleOutcome.Broken, explain: false);
        return broken;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BoundPolicy, List<(BoundRule, RuleInfo)>> s_rules = new();

    private static List<(BoundRule, RuleInfo)> RuleList(BoundPolicy policy) =>
        s_rules.GetValue(policy, p => p.Rules.Select(r => (r, RuleInfos.From(r))).ToList());
}
