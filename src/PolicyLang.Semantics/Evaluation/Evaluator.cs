using PolicyLang.Binding;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Runtime.Compiled;
using PolicyLang.Types;

namespace PolicyLang.Evaluation;

/// <summary>Raised when an expression reads something the evaluation context does not provide.</summary>
public sealed class EvaluationException : Exception
{
    public EvaluationException(string message) : base(message) { }
}

/// <summary>What an evaluation can read: parameter values, roots (plan, school, cohorts), measures, the calendar.</summary>
public sealed class EvaluationContext
{
    private readonly Dictionary<VariableSymbol, object?> _variables = new();
    private readonly Dictionary<string, object?> _roots = new(StringComparer.Ordinal);

    public EvaluationContext(Func<ParameterSymbol, object?> parameters, Calendar calendar)
    {
        Parameters = parameters;
        Calendar = calendar;
    }

    public Func<ParameterSymbol, object?> Parameters { get; }
    public Func<MeasureSymbol, object?>? Measures { get; set; }
    public Calendar Calendar { get; set; }
    /// <summary>Periods a day for converting per-period rates; the calendar's unless the data says.</summary>
    public decimal? PeriodsPerDay { get; set; }

    public void SetRoot(string name, object? value) => _roots[name] = value;

    public object? Root(RootSymbol root) =>
        _roots.TryGetValue(root.Name, out var v) ? v : throw new EvaluationException($"'{root.Name}' is not available here");

    public bool HasRoot(string name) => _roots.ContainsKey(name);

    internal object? Variable(VariableSymbol v) => _variables.TryGetValue(v, out var value) ? value : throw new EvaluationException($"variable '{v.Name}' is unbound");

    public void BindVariable(VariableSymbol v, object? value) => _variables[v] = value;
    public void UnbindVariable(VariableSymbol v) => _variables.Remove(v);
    internal void Bind(VariableSymbol v, object? value) => _variables[v] = value;
    internal void Unbind(VariableSymbol v) => _variables.Remove(v);

    public decimal EffectivePeriodsPerDay => PeriodsPerDay ?? Calendar.PeriodsPerDay;

    /// <summary>The simulation model behind cap_for_school(), subsidies(), baseline(), … (measures only).</summary>
    public ModelContext? Model { get; set; }
}

/// <summary>
/// The reference semantics of PolicyLang expressions. Absent values (a null JSON field, a missing evening
/// study) propagate: arithmetic and comparisons on them give null, 'and'/'or' follow three-valued logic,
/// and a rule whose check is null does not apply.
/// </summary>
public static class Evaluator
{
    public static object? Evaluate(BoundExpression expression, EvaluationContext context)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case BoundLiteral literal:
                return literal.Value;
            case BoundParameter parameter:
                return context.Parameters(parameter.Parameter);
            case BoundMeasure measure:
                return context.Measures is { } measures ? measures(measure.Measure) : throw new EvaluationException($"measure '{measure.Measure.Name}' is not available here");
            case BoundRoot root:
                return context.Root(root.Root);
            case BoundVariable variable:
                return context.Variable(variable.Variable);
            case BoundField field:
                return Field(Evaluate(field.Receiver, context), field.Field, context);
            case BoundIndex index:
            {
                var map = Evaluate(index.Receiver, context) as IReadOnlyDictionary<string, object?>;
                var key = Evaluate(index.Index, context);
                if (map is null || key is null) return null;
                var name = key is EnumMemberSymbol m ? m.Name : Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                return map.TryGetValue(name, out var v) ? v : 0m;
            }
            case BoundUnary unary:
            {
                var operand = Evaluate(unary.Operand, context);
                if (unary.Operator == BoundUnaryOperator.IsTrue) return operand is true;
                if (operand is null) return null;
                return unary.Operator == BoundUnaryOperator.Not ? !(bool)operand : -(decimal)operand;
            }
            case BoundBinary binary:
                return Binary(binary, context);
            case BoundConversion conversion:
                return Conversion(conversion, context);
            case BoundCall call:
                return Call(call, context);
            case BoundAggregate aggregate:
                return Aggregate(aggregate, context);
            case BoundQuantifier quantifier:
                return Quantifier(quantifier, context);
            case BoundConditional conditional:
            {
                var condition = Evaluate(conditional.Condition, context);
                if (condition is null) return null;
                return (bool)condition ? Evaluate(conditional.WhenTrue, context) : Evaluate(conditional.WhenFalse, context);
            }
            case BoundSet set:
            {
                var items = new List<object?>();
                foreach (var e in set.Elements)
                {
                    var v = Evaluate(e, context);
                    if (v is RangeValue r && r.Low is EnumMemberSymbol lo && r.High is EnumMemberSymbol hi)
                        items.AddRange(lo.Owner.Members.Where(x => x.Ordinal >= lo.Ordinal && x.Ordinal <= hi.Ordinal));
                    else if (!items.Any(x => ValueEquals(x, v)))
                        items.Add(v);
                }
                return items;
            }
            default:
                throw new EvaluationException("this expression has errors");
        }
    }

    /// <summary>Reads a field of a record value, computing derived fields (service.end, fee.monthly, …).</summary>
    public static object? Field(object? receiver, FieldSymbol field, EvaluationContext context)
    {
        if (receiver is not RecordValue record) return null;
        if (!field.IsDerived) return record[field.Name];
        switch (field.Name)
        {
            case "duration" when record.Record == PlanSchema.Segment:
                return record["start"] is TimeOfDay s && record["end"] is TimeOfDay e ? (decimal)(e.Minutes - s.Minutes) : null;
            case "start" when record.Record == PlanSchema.Service:
            {
                var segments = Segments(record, includeEvening: false);
                return segments.Count == 0 ? record["dismissal"] : segments.Min(x => x.start);
            }
            case "end" when record.Record == PlanSchema.Service:
            {
                var segments = Segments(record, includeEvening: false);
                return segments.Count == 0 ? record["dismissal"] : segments.Max(x => x.end);
            }
            case "daily_duration" when record.Record == PlanSchema.Service:
            {
                var segments = Segments(record, includeEvening: false);
                if (segments.Count == 0) return 0m;
                return (decimal)(segments.Max(x => x.end).Minutes - segments.Min(x => x.start).Minutes);
            }
            case "all_segments" when record.Record == PlanSchema.Service:
            {
                var list = new List<object?>();
                if (record["segments"] is IReadOnlyList<object?> segments) list.AddRange(segments);
                if (record["evening_study"] is RecordValue evening)
                {
                    var copy = new RecordValue(PlanSchema.Segment, evening.Fields.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
                    copy["kind"] = PlanSchema.SegmentKind.Lookup("evening_study");
                    list.Add(copy);
                }
                return list;
            }
            case "monthly" when record.Record == PlanSchema.Fee:
                return FeeAsRate(record, TimeUnit.Month, context);
            default:
                return null;
        }
    }

    private static List<(TimeOfDay start, TimeOfDay end)> Segments(RecordValue service, bool includeEvening)
    {
        var result = new List<(TimeOfDay, TimeOfDay)>();
        if (service["segments"] is IReadOnlyList<object?> segments)
            foreach (var s in segments.OfType<RecordValue>())
                if (s["start"] is TimeOfDay a && s["end"] is TimeOfDay b)
                    result.Add((a, b));
        if (includeEvening && service["evening_study"] is RecordValue e && e["start"] is TimeOfDay es && e["end"] is TimeOfDay ee)
            result.Add((es, ee));
        return result;
    }

    /// <summary>A plan fee (amount per its 'per') as a rate per student per the given unit.</summary>
    public static object? FeeAsRate(RecordValue fee, TimeUnit unit, EvaluationContext context)
    {
        if (fee["amount"] is not decimal amount || fee["per"] is not EnumMemberSymbol per) return null;
        var from = per.Name switch
        {
            "period" => TimeUnit.Period,
            "day" => TimeUnit.Day,
            "month" => TimeUnit.Month,
            "semester" => TimeUnit.Semester,
            _ => TimeUnit.Year,
        };
        return context.Calendar.ConvertRate(amount, from, unit, context.EffectivePeriodsPerDay);
    }

    private static object? Binary(BoundBinary binary, EvaluationContext context)
    {
        switch (binary.Operator)
        {
            case BoundBinaryOperator.And:
            {
                var l = Evaluate(binary.Left, context);
                if (l is false) return false;
                var r = Evaluate(binary.Right, context);
                if (r is false) return false;
                return l is null || r is null ? null : true;
            }
            case BoundBinaryOperator.Or:
            {
                var l = Evaluate(binary.Left, context);
                if (l is true) return true;
                var r = Evaluate(binary.Right, context);
                if (r is true) return true;
                return l is null || r is null ? null : false;
            }
        }

        var left = Evaluate(binary.Left, context);
        var right = Evaluate(binary.Right, context);
        if (binary.Operator == BoundBinaryOperator.Range)
            return left is null || right is null ? null : new RangeValue(left, right);
        if (left is null || right is null) return null;

        switch (binary.Operator)
        {
            case BoundBinaryOperator.Add:
                if (left is TimeOfDay t1 && right is decimal d1) return new TimeOfDay(t1.Minutes + (int)Math.Round(d1));
                if (left is decimal d2 && right is TimeOfDay t2) return new TimeOfDay(t2.Minutes + (int)Math.Round(d2));
                return (decimal)left + (decimal)right;
            case BoundBinaryOperator.Subtract:
                if (left is TimeOfDay a && right is TimeOfDay b) return (decimal)(a.Minutes - b.Minutes);
                if (left is TimeOfDay t && right is decimal d) return new TimeOfDay(t.Minutes - (int)Math.Round(d));
                return (decimal)left - (decimal)right;
            case BoundBinaryOperator.Multiply:
                return (decimal)left * (decimal)right;
            case BoundBinaryOperator.Divide:
                return (decimal)right == 0m ? null : (decimal)left / (decimal)right;
            case BoundBinaryOperator.Equal:
                return ValueEquals(left, right);
            case BoundBinaryOperator.NotEqual:
                return !ValueEquals(left, right);
            case BoundBinaryOperator.Less:
                return CompareValues(left, right) < 0;
            case BoundBinaryOperator.LessOrEqual:
                return CompareValues(left, right) <= 0;
            case BoundBinaryOperator.Greater:
                return CompareValues(left, right) > 0;
            case BoundBinaryOperator.GreaterOrEqual:
                return CompareValues(left, right) >= 0;
            case BoundBinaryOperator.In:
                return Contains(right, left);
            case BoundBinaryOperator.NotIn:
                return !Contains(right, left);
            default:
                throw new EvaluationException("unknown operator");
        }
    }

    public static bool Contains(object container, object value)
    {
        if (container is RangeValue range)
            return CompareValues(value, range.Low) >= 0 && CompareValues(value, range.High) <= 0;
        if (container is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                if (item is RangeValue r && Contains(r, value)) return true;
                if (ValueEquals(item, value)) return true;
            }
        }
        return false;
    }

    public static bool ValueEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is decimal x && b is decimal y) return x == y;
        if (a is IReadOnlyList<object?> la && b is IReadOnlyList<object?> lb)
            return la.Count == lb.Count && la.All(i => lb.Any(j => ValueEquals(i, j)));
        return a.Equals(b);
    }

    public static int CompareValues(object a, object b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (TimeOfDay x, TimeOfDay y) => x.CompareTo(y),
        (DateTime x, DateTime y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (EnumMemberSymbol x, EnumMemberSymbol y) => x.Ordinal.CompareTo(y.Ordinal),
        (bool x, bool y) => x.CompareTo(y),
        _ => throw new EvaluationException($"cannot compare {a.GetType().Name} with {b.GetType().Name}"),
    };

    private static object? Conversion(BoundConversion conversion, EvaluationContext context)
    {
        switch (conversion.Conversion)
        {
            case ConversionKind.Identity:
            {
                var v = Evaluate(conversion.Operand, context);
                if (v is RangeValue r && r.Low is EnumMemberSymbol lo && r.High is EnumMemberSymbol hi)
                    return lo.Owner.Members.Where(x => x.Ordinal >= lo.Ordinal && x.Ordinal <= hi.Ordinal).Cast<object?>().ToList();
                return v;
            }
            case ConversionKind.Rate:
            {
                var v = Evaluate(conversion.Operand, context);
                if (v is null) return null;
                var from = ((MoneyType)conversion.Operand.Type).Unit!.Value;
                var to = ((MoneyType)conversion.Type).Unit!.Value;
                return context.Calendar.ConvertRate((decimal)v, from, to, context.EffectivePeriodsPerDay);
            }
            case ConversionKind.DurationRate:
            {
                var v = Evaluate(conversion.Operand, context);
                if (v is null) return null;
                var from = ((DurationRateType)conversion.Operand.Type).Unit;
                var to = ((DurationRateType)conversion.Type).Unit;
                return context.Calendar.ConvertRate((decimal)v, from, to, context.EffectivePeriodsPerDay);
            }
            case ConversionKind.FeeToRate:
            {
                var fee = Evaluate(conversion.Operand, context) as RecordValue;
                return fee is null ? null : FeeAsRate(fee, ((MoneyType)conversion.Type).Unit!.Value, context);
            }
            default:
            {
                var v = Evaluate(conversion.Operand, context);
                var length = conversion.PeriodLength is null ? null : Evaluate(conversion.PeriodLength, context);
                if (v is RangeValue r)
                    return length is decimal l2 ? new RangeValue((decimal)r.Low * l2, (decimal)r.High * l2) : null;
                return v is decimal count && length is decimal l ? count * l : null;
            }
        }
    }

    private static object? Call(BoundCall call, EvaluationContext context)
    {
        if (BuiltinFunctionFacts.IsModelFunction(call.Function))
        {
            var model = context.Model ?? throw new EvaluationException($"{call.Function} is only available in a simulation");
            if (call.Function == BuiltinFunction.Baseline) return model.Baseline(((BoundMeasure)call.Arguments[0]).Measure);
            var values = call.Arguments.Select(a => Evaluate(a, context)).ToList();
            return model.Call(call.Function, values);
        }
        var args = call.Arguments.Select(a => Evaluate(a, context)).ToList();
        switch (call.Function)
        {
            case BuiltinFunction.Min:
            case BuiltinFunction.Max:
            {
                var values = args.Count == 1 && args[0] is IReadOnlyList<object?> list ? list.ToList() : args;
                if (values.Count == 0 || values.Any(v => v is null)) return null;
                var best = values[0]!;
                foreach (var v in values.Skip(1))
                {
                    var c = CompareValues(v!, best);
                    if (call.Function == BuiltinFunction.Min ? c < 0 : c > 0) best = v!;
                }
                return best;
            }
            case BuiltinFunction.Abs:
                return args[0] is decimal a ? Math.Abs(a) : null;
            case BuiltinFunction.Round:
                return args[0] is decimal r ? Math.Round(r, args.Count > 1 && args[1] is decimal digits ? (int)digits : 0, MidpointRounding.AwayFromZero) : null;
            case BuiltinFunction.Count:
                return args[0] is IReadOnlyList<object?> l ? (decimal)l.Count : 0m;
            case BuiltinFunction.Sum:
                return args[0] is IReadOnlyList<object?> s ? s.OfType<decimal>().Sum() : 0m;
            case BuiltinFunction.Pow:
                return args[0] is decimal x && args[1] is decimal y ? Ops.Pow(x, y) : null;
            case BuiltinFunction.Contains:
                return args[0] is IReadOnlyList<object?> c2 && args[1] is not null ? Contains(c2, args[1]!) : (object?)null;
            default:
                return args[0] is not null;
        }
    }

    private static IEnumerable<object?> Items(object? source) => source switch
    {
        IReadOnlyList<object?> list => list,
        RangeValue { Low: EnumMemberSymbol lo, High: EnumMemberSymbol hi } => lo.Owner.Members.Where(x => x.Ordinal >= lo.Ordinal && x.Ordinal <= hi.Ordinal),
        _ => Enumerable.Empty<object?>(),
    };

    private static object? Aggregate(BoundAggregate aggregate, EvaluationContext context)
    {
        var source = Evaluate(aggregate.Source, context);
        decimal sum = 0, count = 0;
        object? best = null;
        try
        {
            foreach (var item in Items(source))
            {
                context.Bind(aggregate.Variable, item);
                if (aggregate.Filter is not null && Evaluate(aggregate.Filter, context) is not true) continue;
                count++;
                if (aggregate.Aggregate == AggregateKind.Count) continue;
                var value = Evaluate(aggregate.Selector!, context);
                if (value is null) continue;
                if (aggregate.Aggregate == AggregateKind.Sum) sum += (decimal)value;
                else if (best is null || (aggregate.Aggregate == AggregateKind.Min ? CompareValues(value, best) < 0 : CompareValues(value, best) > 0)) best = value;
            }
        }
        finally
        {
            context.Unbind(aggregate.Variable);
        }
        return aggregate.Aggregate switch
        {
            AggregateKind.Count => count,
            AggregateKind.Sum => sum,
            _ => best,
        };
    }

    private static object? Quantifier(BoundQuantifier quantifier, EvaluationContext context)
    {
        var source = Evaluate(quantifier.Source, context);
        var sawUnknown = false;
        try
        {
            foreach (var item in Items(source))
            {
                context.Bind(quantifier.Variable, item);
                if (quantifier.Filter is not null)
                {
                    var f = Evaluate(quantifier.Filter, context);
                    if (f is not true) continue;
                }
                var p = quantifier.Predicate is null ? true : Evaluate(quantifier.Predicate, context);
                if (p is null)
                {
                    sawUnknown = true;
                    continue;
                }
                var holds = (bool)p;
                switch (quantifier.Quantifier)
                {
                    case QuantifierKind.Any when holds: return true;
                    case QuantifierKind.All when !holds: return false;
                    case QuantifierKind.No when holds: return false;
                }
            }
        }
        finally
        {
            context.Unbind(quantifier.Variable);
        }
        if (sawUnknown && quantifier.Quantifier == QuantifierKind.Any) return null;
        return quantifier.Quantifier != QuantifierKind.Any;
    }
}

/// <summary>Folds expressions that need no plan: literals, parameters (their first value) and arithmetic on them.</summary>
public static class ConstantFolder
{
    public static bool IsConstant(BoundExpression expression) => FirstNonConstant(expression) is null;

    /// <summary>The first thing that makes the expression depend on a plan or data row, or null.</summary>
    public static BoundExpression? FirstNonConstant(BoundExpression expression)
    {
        if (expression is BoundRoot or BoundMeasure or BoundVariable) return expression;
        if (expression is BoundCall call && BuiltinFunctionFacts.IsModelFunction(call.Function)) return expression;
        if (expression is BoundQuantifier or BoundAggregate)
        {
            var source = expression is BoundQuantifier q ? q.Source : ((BoundAggregate)expression).Source;
            return FirstNonConstant(source);
        }
        foreach (var child in expression.Children)
            if (FirstNonConstant(child) is { } found)
                return found;
        return null;
    }

    public static bool TryFold(BoundExpression expression, out object? value, DateTime? asOf = null, Calendar? calendar = null)
    {
        value = null;
        if (expression.Type.IsError || !IsConstant(expression)) return false;
        var visiting = new HashSet<ParameterSymbol>();
        EvaluationContext? context = null;
        context = new EvaluationContext(p =>
        {
            if (!visiting.Add(p)) throw new EvaluationException("circular");
            try
            {
                return Evaluator.Evaluate(p.ValueAt(asOf), context!);
            }
            finally
            {
                visiting.Remove(p);
            }
        }, calendar ?? Calendar.Default);
        try
        {
            value = Evaluator.Evaluate(expression, context);
            return true;
        }
        catch (EvaluationException)
        {
            return false;
        }
        catch (InvalidCastException)
        {
            return false;
        }
        catch (ArithmeticException)
        {
            return false;
        }
    }
}
