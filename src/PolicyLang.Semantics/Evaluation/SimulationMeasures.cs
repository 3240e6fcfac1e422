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

/// <summary>
/// What a policy's measures read of the cohort table, so district data can be loaded with only that: the
/// columns read, and whether every read is a sum linear in the cohort's counts with factors that depend on the
/// category alone. Then the cohorts of a school may be summed by category before the simulation (the loader can
/// have the database do it) without changing any measure: Σ p·f(category) = Σ_category (Σ p)·f(category).
/// </summary>
public sealed class CohortUse
{
    public bool Grade { get; private set; }
    public bool Category { get; private set; }
    public bool Students { get; private set; }
    public bool Participants { get; private set; }
    /// <summary>Rows may be summed per school and category (grade dropped) without changing a measure.</summary>
    public bool ByCategory { get; private set; } = true;

    /// <summary>
    /// When rows may be summed: the categories (by their English names) whose rows can weigh in a measure. Every sum
    /// over the cohorts gives a row of any other category, or of none, a factor of zero in every scenario (the policy
    /// waives nothing for it), so such rows need not be loaded. Null when any row may weigh.
    /// </summary>
    public IReadOnlyCollection<string>? Categories => ByCategory && !_everyRowWeighs ? _weighed : null;

    private readonly BoundPolicy _policy;
    private readonly HashSet<string> _weighed = new(StringComparer.Ordinal);
    private bool _everyRowWeighs;

    private CohortUse(BoundPolicy policy) => _policy = policy;

    public static CohortUse Of(BoundPolicy policy)
    {
        var use = new CohortUse(policy);
        foreach (var measure in SimulationMeasures.Table(policy).Values)
            if (measure.Expression is not null)
                use.Visit(measure.Expression);
        return use;
    }

    private void Visit(BoundExpression e)
    {
        if (e is BoundAggregate { Source: BoundRoot { Root: var root } } aggregate && root == PlanSchema.CohortsRoot)
        {
            var v = aggregate.Variable;
            if (aggregate.Aggregate != AggregateKind.Sum) ByCategory = false;
            if (aggregate.Filter is { } filter && !OnlyCategory(filter, v)) ByCategory = false;
            if (aggregate.Selector is { } selector && !Linear(selector, v)) ByCategory = false;
            var weighs = Intersect(aggregate.Selector is { } weighed ? Support(weighed, v) : null, aggregate.Filter is { } kept ? FilterSupport(kept, v) : null);
            if (aggregate.Selector is not null && weighs is not null) _weighed.UnionWith(weighs);
            else _everyRowWeighs = true;
            Fields(aggregate, v);
            foreach (var child in aggregate.Children.Skip(1)) VisitInside(child, v);
            return;
        }
        if (e is BoundRoot r && r.Root == PlanSchema.CohortsRoot)
        {
            // Any other use (count(cohorts), a quantifier, …) needs the rows as they are.
            ByCategory = false;
            Grade = Category = Students = Participants = true;
        }
        foreach (var child in e.Children) Visit(child);
    }

    private void VisitInside(BoundExpression e, VariableSymbol v)
    {
        if (e is BoundRoot or BoundAggregate) Visit(e);
        else foreach (var child in e.Children) VisitInside(child, v);
    }

    private void Fields(BoundExpression e, VariableSymbol v)
    {
        if (e is BoundField { Receiver: BoundVariable bv } f && bv.Variable == v)
        {
            switch (f.Field.Name)
            {
                case "grade": Grade = true; break;
                case "category": Category = true; break;
                case "students": Students = true; break;
                default: Participants = true; break;
            }
        }
        foreach (var child in e.Children) Fields(child, v);
    }

    private static bool IsCount(BoundExpression e, VariableSymbol v) =>
        e is BoundField { Receiver: BoundVariable bv, Field.Name: "students" or "participants" } && bv.Variable == v
        || e is BoundConversion { Conversion: ConversionKind.Identity } c && IsCount(c.Operand, v);

    /// <summary>Reads the element only through its category.</summary>
    private static bool OnlyCategory(BoundExpression e, VariableSymbol v)
    {
        if (e is BoundField { Receiver: BoundVariable bv } f && bv.Variable == v) return f.Field.Name == "category";
        if (e is BoundVariable other && other.Variable == v) return false;
        return e.Children.All(c => OnlyCategory(c, v));
    }

    /// <summary>A sum of terms, each one count (students or participants) times factors of the category alone.</summary>
    private static bool Linear(BoundExpression e, VariableSymbol v)
    {
        switch (e)
        {
            case BoundBinary { Operator: BoundBinaryOperator.Add or BoundBinaryOperator.Subtract } b:
                return Linear(b.Left, v) && Linear(b.Right, v);
            case BoundBinary { Operator: BoundBinaryOperator.Multiply } m:
                return IsCount(m.Left, v) && OnlyCategory(m.Right, v) || IsCount(m.Right, v) && OnlyCategory(m.Left, v)
                    || Linear(m.Left, v) && OnlyCategory(m.Right, v) && !Reads(m.Right, v) || Linear(m.Right, v) && OnlyCategory(m.Left, v) && !Reads(m.Left, v);
            case BoundConversion { Conversion: ConversionKind.Identity } c:
                return Linear(c.Operand, v);
            default:
                return IsCount(e, v);
        }
    }

    /// <summary>
    /// The categories for which a term of a sum can be other than zero, by English name; null for any row. A product is
    /// zero where either factor is; a sum or difference where both are; waived_share(c.category) is zero outside the
    /// categories the policy (or a policy it extends) waives, under any condition and in any scenario.
    /// </summary>
    private HashSet<string>? Support(BoundExpression e, VariableSymbol v)
    {
        switch (e)
        {
            case BoundBinary { Operator: BoundBinaryOperator.Add or BoundBinaryOperator.Subtract } b:
                return Support(b.Left, v) is { } l && Support(b.Right, v) is { } r ? new HashSet<string>(l.Union(r), StringComparer.Ordinal) : null;
            case BoundBinary { Operator: BoundBinaryOperator.Multiply } m:
                return Intersect(Support(m.Left, v), Support(m.Right, v));
            case BoundConversion { Conversion: ConversionKind.Identity } c:
                return Support(c.Operand, v);
            case BoundCall { Function: BuiltinFunction.WaivedShare } call when IsCategory(call.Arguments[0], v):
                return new HashSet<string>(_policy.Waivers.Select(w => w.Category.Name), StringComparer.Ordinal);
            default:
                return null;
        }
    }

    /// <summary>
    /// The categories for which a sum's filter can hold, by English name; null for any row. It holds only where its
    /// every 'and' part holds, and where some 'or' part does; c.category == X and c.category in {X, …} hold only for
    /// those categories (not for a row of none, whose category is absent).
    /// </summary>
    private static HashSet<string>? FilterSupport(BoundExpression e, VariableSymbol v)
    {
        switch (e)
        {
            case BoundBinary { Operator: BoundBinaryOperator.And } and:
                return Intersect(FilterSupport(and.Left, v), FilterSupport(and.Right, v));
            case BoundBinary { Operator: BoundBinaryOperator.Or } or:
                return FilterSupport(or.Left, v) is { } l && FilterSupport(or.Right, v) is { } r ? new HashSet<string>(l.Union(r), StringComparer.Ordinal) : null;
            case BoundBinary { Operator: BoundBinaryOperator.Equal } eq when IsCategory(eq.Left, v) && Member(eq.Right) is { } right:
                return new HashSet<string>(StringComparer.Ordinal) { right };
            case BoundBinary { Operator: BoundBinaryOperator.Equal } eq when IsCategory(eq.Right, v) && Member(eq.Left) is { } left:
                return new HashSet<string>(StringComparer.Ordinal) { left };
            case BoundBinary { Operator: BoundBinaryOperator.In, Right: BoundSet set } inSet when IsCategory(inSet.Left, v) && set.Elements.All(x => Member(x) is not null):
                return new HashSet<string>(set.Elements.Select(x => Member(x)!), StringComparer.Ordinal);
            default:
                return null;
        }
    }

    /// <summary>The English name of an enumeration member written as a constant; null for anything else.</summary>
    private static string? Member(BoundExpression e) => e switch
    {
        BoundLiteral { Value: EnumMemberSymbol m } => m.Name,
        BoundConversion { Conversion: ConversionKind.Identity } c => Member(c.Operand),
        _ => null,
    };

    /// <summary>Where both can be other than zero (or hold); null stands for every row.</summary>
    private static HashSet<string>? Intersect(HashSet<string>? a, HashSet<string>? b) =>
        a is null ? b : b is null ? a : new HashSet<string>(a.Intersect(b), StringComparer.Ordinal);

    private static bool IsCategory(BoundExpression e, VariableSymbol v) =>
        e is BoundField { Receiver: BoundVariable bv, Field.Name: "category" } && bv.Variable == v
        || e is BoundConversion { Conversion: ConversionKind.Identity } c && IsCategory(c.Operand, v);

    private static bool Reads(BoundExpression e, VariableSymbol v) =>
        e is BoundVariable bv && bv.Variable == v || e.Children.Any(c => Reads(c, v));
}
