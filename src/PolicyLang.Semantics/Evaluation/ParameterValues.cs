using PolicyLang.Binding;
using PolicyLang.Symbols;

namespace PolicyLang.Evaluation;

/// <summary>
/// The values of a policy's parameters on a date, with a scenario's overrides: each evaluated once, on demand,
/// from its dated values (a parameter may depend on others). Safe to share between threads (an interpreter validating
/// plans in parallel): a value once known is read without a lock; one is worked out by one thread at a time, so that a
/// parameter another thread is evaluating is never taken for one that depends on itself.
/// </summary>
public sealed class ParameterValues
{
    private readonly BoundPolicy _policy;
    private readonly DateTime? _asOf;
    private readonly IReadOnlyDictionary<ParameterSymbol, object?> _overrides;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ParameterSymbol, object?> _values = new();
    // The parameters being evaluated, by the thread that holds the lock (nested evaluations re-enter it).
    private readonly HashSet<ParameterSymbol> _evaluating = new();
    private readonly object _lock = new();

    public ParameterValues(BoundPolicy policy, DateTime? asOf = null, IReadOnlyDictionary<ParameterSymbol, object?>? overrides = null)
    {
        _policy = policy;
        _asOf = asOf;
        _overrides = overrides ?? new Dictionary<ParameterSymbol, object?>();
        Calendar = policy.Calendar(Get);
    }

    public Calendar Calendar { get; }
    public DateTime? AsOf => _asOf;

    public object? Get(ParameterSymbol parameter)
    {
        if (_overrides.TryGetValue(parameter, out var overridden)) return overridden;
        if (_values.TryGetValue(parameter, out var value)) return value;
        lock (_lock)
        {
            if (_values.TryGetValue(parameter, out value)) return value;
            if (!_evaluating.Add(parameter)) throw new EvaluationException($"parameter '{parameter.Name}' depends on itself");
            try
            {
                var context = new EvaluationContext(Get, Calendar.Default);
                value = Evaluator.Evaluate(parameter.ValueAt(_asOf), context);
                _values[parameter] = value;
                return value;
            }
            finally
            {
                _evaluating.Remove(parameter);
            }
        }
    }

    /// <summary>Evaluates a scenario's overrides (their values are constants of the policy).</summary>
    public static IReadOnlyDictionary<ParameterSymbol, object?> Overrides(BoundPolicy policy, BoundScenario scenario, DateTime? asOf = null)
    {
        var baseline = new ParameterValues(policy, asOf);
        var context = new EvaluationContext(baseline.Get, baseline.Calendar);
        return scenario.Sets.ToDictionary(s => s.Parameter, s => Evaluator.Evaluate(s.Value, context));
    }
}
