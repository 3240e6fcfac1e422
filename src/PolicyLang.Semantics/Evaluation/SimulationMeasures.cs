using PolicyLang.Binding;
using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.Evaluation;

/// <summary>
/// The measures of a policy as a simulation sees them: one table by name (a redefinition replaces the
/// standard model's or a parent's everywhere), the order they are computed in, and the ones reported.
/// Interpreter and compiled simulator both take them from here, so they agree on names and order.
/// </summary>
public static class SimulationMeasures
{
    /// <summary>Each measure name once: the policy's own, then its parents', then the standard model's.</summary>
    public static IReadOnlyDictionary<string, MeasureSymbol> Table(BoundPolicy policy) => SchoolSimulation.MeasureTable(policy);

    /// <summary>Measures whose values a simulation reports: numbers, amounts, percentages and yes/no.</summary>
    public static bool IsReported(PolicyType type) => type.IsQuantity || type.Kind == TypeKind.Bool;

    /// <summary>The reported measures: the standard model's in the prelude's order, then the policy's others in the order declared.</summary>
    public static IReadOnlyList<MeasureSymbol> Reported(BoundPolicy policy)
    {
        var table = Table(policy);
        var standard = Prelude.Measures.Select(m => m.Name.Text).Where(table.ContainsKey).Select(n => table[n]);
        var others = policy.Measures.Where(m => !Prelude.Names.Contains(m.Name) && table[m.Name] == m);
        return standard.Concat(others).Where(m => IsReported(m.Type)).ToList();
    }

    /// <summary>A reported value as a decimal: yes/no as 1/0.</summary>
    public static decimal? ToDecimal(object? value) => value switch
    {
        decimal d => d,
        bool b => b ? 1m : 0m,
        _ => null,
    };

    /// <summary>Names a measure reads (other measures, and those it reads through baseline()).</summary>
    public static IEnumerable<string> References(BoundExpression expression)
    {
        if (expression is BoundMeasure m) yield return m.Measure.Name;
        foreach (var child in expression.Children)
            foreach (var name in References(child))
                yield return name;
    }

    /// <summary>Measures read through baseline() anywhere in the table.</summary>
    public static ISet<string> BaselineReferenced(IReadOnlyDictionary<string, MeasureSymbol> table)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        void Visit(BoundExpression e)
        {
            if (e is BoundCall { Function: BuiltinFunction.Baseline } call && call.Arguments[0] is BoundMeasure m) result.Add(m.Measure.Name);
            foreach (var c in e.Children) Visit(c);
        }
        foreach (var m in table.Values)
            if (m.Expression is not null)
                Visit(m.Expression);
        return result;
    }

    /// <summary>
    /// Every measure after the measures it reads; null and the names on the cycle when measures read each other
    /// (possible only through a redefinition in a policy that extends another).
    /// </summary>
    public static IReadOnlyList<MeasureSymbol>? DependencyOrder(IReadOnlyDictionary<string, MeasureSymbol> table, out IReadOnlyList<string> cycle)
    {
        var order = new List<MeasureSymbol>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        IReadOnlyList<string>? found = null;
        void Visit(string name)
        {
            if (found is not null || !table.TryGetValue(name, out var measure)) return;
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1) found = path.SkipWhile(p => p != name).Append(name).ToList();
                return;
            }
            state[name] = 1;
            path.Add(name);
            if (measure.Expression is not null)
                foreach (var dependency in References(measure.Expression).Distinct())
                    Visit(dependency);
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            order.Add(measure);
        }
        foreach (var name in table.Keys) Visit(name);
        cycle = found ?? Array.Empty<string>();
        return found is null ? order : null;
    }
}
