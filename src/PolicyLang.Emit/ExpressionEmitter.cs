using System.Globalization;
using PolicyLang.Binding;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Emit;

/// <summary>An emitted C# expression: its code, its policy type and whether it may be absent (null).</summary>
internal readonly struct Cs
{
    public Cs(string code, PolicyType type, bool nullable)
    {
        Code = code;
        Type = type;
        Nullable = nullable;
    }

    public string Code { get; }
    public PolicyType Type { get; }
    public bool Nullable { get; }
}

/// <summary>
/// Turns bound expressions into C# with the interpreter's semantics. Quantifiers and aggregates become loops
/// written into a prelude of statements before the expression that uses them; absent values flow through
/// nullable types and <c>Ops</c>. Static knowledge of what cannot be absent keeps the common case plain C#.
/// </summary>
internal sealed class ExpressionEmitter
{
    private readonly Func<ParameterSymbol, string> _parameter;
    private readonly Func<object?, PolicyType, string> _constant;
    private readonly Dictionary<VariableSymbol, string> _variables = new();
    private int _temp;

    public ExpressionEmitter(Func<ParameterSymbol, string> parameter, Func<object?, PolicyType, string> constant)
    {
        _parameter = parameter;
        _constant = constant;
    }

    /// <summary>How roots read in a simulation (the district row); plan and plan.School otherwise.</summary>
    public Func<RootSymbol, string>? Roots { get; set; }
    /// <summary>How measures read in a simulation.</summary>
    public Func<MeasureSymbol, Cs>? Measures { get; set; }
    /// <summary>How the simulation model's functions are called.</summary>
    public Func<BoundCall, List<string>, Cs>? ModelCalls { get; set; }

    public string Temp(string prefix) => $"{prefix}{++_temp}";

    /// <summary>Class-level fields the emitted code reads (constant member ranges), shared by a class's emitters.</summary>
    public Dictionary<string, string>? Statics { get; set; }

    /// <summary>
    /// When set (Validate), service values derived from the segments (start, end, daily duration, all segments)
    /// are read once per plan: each becomes a local, filled on first use (<c>??=</c>), so a rule that does not
    /// run costs nothing. The key is the C# read, the value the local's declaration and name.
    /// </summary>
    public Dictionary<string, (string Declaration, string Name)>? Cached { get; set; }

    /// <summary>The members of an enum range: a static field when both bounds are constants.</summary>
    private string Members(BoundBinary range, List<string> prelude)
    {
        var type = TypeMap.ClrType(range.Left.Type);
        var call = $"Ops.Members<{type}>({Emit(range.Left, prelude).Code}, {Emit(range.Right, prelude).Code})";
        if (Statics is null || range.Left is not BoundLiteral || range.Right is not BoundLiteral) return call;
        if (!Statics.TryGetValue(call, out var field))
        {
            field = $"s_members{Statics.Count}";
            Statics[call] = field;
        }
        return field;
    }

    /// <summary>
    /// The lines that open a loop over a list by index (no enumerator is allocated); the body follows, then "}".
    /// </summary>
    public IEnumerable<string> OpenLoop(string variable, string source)
    {
        var list = Temp("l");
        var index = Temp("i");
        yield return $"var {list} = {source};";
        yield return $"for (var {index} = 0; {index} < {list}.Count; {index}++)";
        yield return "{";
        yield return $"var {variable} = {list}[{index}];";
    }

    public string Bind(VariableSymbol variable)
    {
        var name = Temp("v_" + Sanitize(variable.Name) + "_");
        _variables[variable] = name;
        return name;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Where(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_')).ToArray();
        return chars.Length == 0 ? "x" : new string(chars);
    }

    // ------------------------------------------------------------------ expressions

    /// <summary>Expressions already computed into locals (a rule's compared values, read again by its report).</summary>
    public Dictionary<BoundExpression, Cs> Computed { get; } = new(); // bound nodes compare by reference

    /// <summary>
    /// Computes <paramref name="e"/> into a local (unless it is a literal or a parameter) that every later
    /// <see cref="Emit"/> of the same node reads.
    /// </summary>
    public void Compute(BoundExpression e, List<string> prelude)
    {
        if (e is BoundLiteral or BoundParameter || Computed.ContainsKey(e)) return;
        var value = Emit(e, prelude);
        var local = Temp("h");
        prelude.Add($"var {local} = {value.Code};");
        Computed[e] = new Cs(local, value.Type, value.Nullable);
    }

    public Cs Emit(BoundExpression e, List<string> prelude)
    {
        if (Computed.TryGetValue(e, out var computed)) return computed;
        switch (e)
        {
            case BoundLiteral l:
                return new Cs(Literal(l.Value, l.Type), l.Type, l.Value is null);
            case BoundParameter p:
                return new Cs(_parameter(p.Parameter), p.Type, false);
            case BoundRoot r:
                if (Roots is not null) return new Cs(Roots(r.Root), r.Type, false);
                return r.Root == PlanSchema.PlanRoot ? new Cs("plan", r.Type, false) : new Cs("plan.School", r.Type, false);
            case BoundMeasure m:
                return Measures is not null ? Measures(m.Measure) : throw new InvalidOperationException("measures are only emitted in a simulation");
            case BoundVariable v:
                return new Cs(_variables[v.Variable], v.Type, false);
            case BoundField f:
                return Field(f, prelude);
            case BoundIndex i:
            {
                var map = Emit(i.Receiver, prelude);
                var key = Emit(i.Index, prelude);
                return new Cs($"Ops.Count({map.Code}, {Nullable(key)})", i.Type, true);
            }
            case BoundUnary u:
            {
                var operand = Emit(u.Operand, prelude);
                if (u.Operator == BoundUnaryOperator.IsTrue)
                    return new Cs(Truth(operand), e.Type, false);
                if (u.Operator == BoundUnaryOperator.Not)
                    return operand.Nullable ? new Cs($"Ops.Not({operand.Code})", e.Type, true) : new Cs($"(!{operand.Code})", e.Type, false);
                return new Cs($"(-{operand.Code})", e.Type, operand.Nullable);
            }
            case BoundBinary b:
                return Binary(b, prelude);
            case BoundConversion c:
                return Conversion(c, prelude);
            case BoundCall c:
                return Call(c, prelude);
            case BoundAggregate a:
                return Aggregate(a, prelude);
            case BoundQuantifier q:
                return Quantifier(q, prelude);
            case BoundConditional c:
            {
                var condition = Emit(c.Condition, prelude);
                var truePrelude = new List<string>();
                var falsePrelude = new List<string>();
                var whenTrue = Emit(c.WhenTrue, truePrelude);
                var whenFalse = Emit(c.WhenFalse, falsePrelude);
                var type = TypeMap.Nullable(c.Type);
                if (truePrelude.Count > 0 || falsePrelude.Count > 0)
                {
                    // A branch needs statements (a loop, a min): evaluate only the branch the condition takes.
                    var result = Temp("c");
                    var test = Temp("k");
                    prelude.Add($"{(TypeMap.IsValueType(c.Type) ? type : TypeMap.ClrType(c.Type) + "?")} {result} = null;");
                    prelude.Add($"bool? {test} = {condition.Code};");
                    prelude.Add($"if ({test} == true)");
                    prelude.Add("{");
                    prelude.AddRange(truePrelude);
                    prelude.Add($"{result} = {whenTrue.Code};");
                    prelude.Add("}");
                    prelude.Add($"else if ({test} == false)");
                    prelude.Add("{");
                    prelude.AddRange(falsePrelude);
                    prelude.Add($"{result} = {whenFalse.Code};");
                    prelude.Add("}");
                    return new Cs(result, c.Type, true);
                }
                if (!condition.Nullable && !whenTrue.Nullable && !whenFalse.Nullable)
                    return new Cs($"({condition.Code} ? {whenTrue.Code} : {whenFalse.Code})", c.Type, false);
                return new Cs($"({condition.Code} == true ? ({type}){whenTrue.Code} : {condition.Code} == false ? ({type}){whenFalse.Code} : null)", c.Type, true);
            }
            case BoundSet s:
                return Set(s, prelude);
            default:
                throw new InvalidOperationException($"cannot emit {e.Kind}");
        }
    }

    /// <summary>The expression typed as nullable (for Ops overloads).</summary>
    public static string Nullable(Cs cs) => cs.Nullable || !TypeMap.IsValueType(cs.Type) ? cs.Code : $"({TypeMap.Nullable(cs.Type)}){cs.Code}";

    private string Literal(object? value, PolicyType type) => _constant(value, type);

    private Cs Field(BoundField f, List<string> prelude)
    {
        var receiver = Emit(f.Receiver, prelude);
        var (template, optional) = TypeMap.Field(f.Field);
        if (receiver.Nullable)
        {
            // Only optional records (evening study) are absent receivers: read through '?.'.
            var member = template.Replace("{0}.", "{0}?.").Replace("(decimal){0}", "(decimal?){0}");
            return new Cs(string.Format(CultureInfo.InvariantCulture, member, receiver.Code), f.Type, true);
        }
        var code = string.Format(CultureInfo.InvariantCulture, template, receiver.Code);
        if (Cached is not null && receiver.Code == "plan.Service" && !optional && CachedType(f.Field) is { } clr)
        {
            if (!Cached.TryGetValue(code, out var local))
            {
                var name = Temp("d");
                local = ($"{clr} {name} = null;", name);
                Cached.Add(code, local);
            }
            return new Cs($"({local.Name} ??= {code})", f.Type, false);
        }
        return new Cs(code, f.Type, optional);
    }

    /// <summary>The C# type of a local for a derived service value, or null for a field read directly.</summary>
    private static string? CachedType(FieldSymbol field) => (field.Owner!.Name, field.Name) switch
    {
        ("service", "start" or "end") => "TimeOfDay?",
        ("service", "daily_duration") => "decimal?",
        ("service", "all_segments") => "List<Segment>?",
        _ => null,
    };

    // ------------------------------------------------------------------ operators

    private Cs Binary(BoundBinary b, List<string> prelude)
    {
        switch (b.Operator)
        {
            case BoundBinaryOperator.And:
            case BoundBinaryOperator.Or:
            {
                var l = Emit(b.Left, prelude);
                var r = Emit(b.Right, prelude);
                var and = b.Operator == BoundBinaryOperator.And;
                if (!l.Nullable && !r.Nullable) return new Cs($"({l.Code} {(and ? "&&" : "||")} {r.Code})", b.Type, false);
                return new Cs($"Ops.{(and ? "And" : "Or")}({l.Code}, {r.Code})", b.Type, true);
            }
            case BoundBinaryOperator.In:
            case BoundBinaryOperator.NotIn:
            {
                var membership = Membership(b.Left, b.Right, prelude);
                if (b.Operator == BoundBinaryOperator.In) return membership;
                return membership.Nullable ? new Cs($"Ops.Not({membership.Code})", b.Type, true) : new Cs($"(!{membership.Code})", b.Type, false);
            }
            case BoundBinaryOperator.Range:
                throw new InvalidOperationException("a range is only emitted inside 'in' or a report");
        }

        var left = Emit(b.Left, prelude);
        var right = Emit(b.Right, prelude);
        if (BoundBinary.IsComparison(b.Operator)) return Comparison(b.Operator, left, right);

        var lt = b.Left.Type.Kind;
        var rt = b.Right.Type.Kind;
        var nullable = left.Nullable || right.Nullable;
        switch (b.Operator)
        {
            case BoundBinaryOperator.Add when lt == TypeKind.Time:
                return nullable ? new Cs($"Ops.AddMinutes({left.Code}, {right.Code})", b.Type, true) : new Cs($"{left.Code}.Add({right.Code})", b.Type, false);
            case BoundBinaryOperator.Add when rt == TypeKind.Time:
                return nullable ? new Cs($"Ops.AddMinutes({right.Code}, {left.Code})", b.Type, true) : new Cs($"{right.Code}.Add({left.Code})", b.Type, false);
            case BoundBinaryOperator.Subtract when lt == TypeKind.Time && rt == TypeKind.Time:
                return nullable ? new Cs($"Ops.Minutes({left.Code}, {right.Code})", b.Type, true) : new Cs($"((decimal)({left.Code}.Minutes - {right.Code}.Minutes))", b.Type, false);
            case BoundBinaryOperator.Subtract when lt == TypeKind.Time:
                return nullable ? new Cs($"Ops.SubtractMinutes({left.Code}, {right.Code})", b.Type, true) : new Cs($"{left.Code}.Add(-{right.Code})", b.Type, false);
            case BoundBinaryOperator.Divide:
                return new Cs($"Ops.Div({left.Code}, {right.Code})", b.Type, true);
            // 1 × x is x exactly (decimal: same value and scale; absent stays absent): '1 period' as minutes.
            case BoundBinaryOperator.Multiply when left.Code == "1m" && rt == TypeKind.Number && right.Type.Kind == b.Type.Kind:
                return new Cs(right.Code, b.Type, right.Nullable);
            case BoundBinaryOperator.Multiply when right.Code == "1m" && lt == TypeKind.Number && left.Type.Kind == b.Type.Kind:
                return new Cs(left.Code, b.Type, left.Nullable);
            default:
                var op = b.Operator switch { BoundBinaryOperator.Add => "+", BoundBinaryOperator.Subtract => "-", _ => "*" };
                return new Cs($"({left.Code} {op} {right.Code})", b.Type, nullable);
        }
    }

    private static Cs Comparison(BoundBinaryOperator op, Cs left, Cs right)
    {
        var kind = left.Type.Kind == TypeKind.Error ? right.Type.Kind : left.Type.Kind;
        var nullable = left.Nullable || right.Nullable || !TypeMap.IsValueType(left.Type);
        var name = op switch
        {
            BoundBinaryOperator.Equal => "Eq",
            BoundBinaryOperator.NotEqual => "Eq",
            BoundBinaryOperator.Less => "Lt",
            BoundBinaryOperator.LessOrEqual => "Le",
            BoundBinaryOperator.Greater => "Gt",
            _ => "Ge",
        };
        var negate = op == BoundBinaryOperator.NotEqual;
        if (kind == TypeKind.Enum)
        {
            if (!left.Nullable && !right.Nullable)
            {
                var symbol = op switch
                {
                    BoundBinaryOperator.Equal => "==", BoundBinaryOperator.NotEqual => "!=", BoundBinaryOperator.Less => "<",
                    BoundBinaryOperator.LessOrEqual => "<=", BoundBinaryOperator.Greater => ">", _ => ">=",
                };
                return new Cs($"({left.Code} {symbol} {right.Code})", PolicyType.Bool, false);
            }
            var enumType = TypeMap.ClrType(left.Type);
            var code = op is BoundBinaryOperator.Equal or BoundBinaryOperator.NotEqual
                ? $"Ops.EqEnum<{enumType}>({left.Code}, {right.Code})"
                : $"Ops.CmpEnum<{enumType}>({left.Code}, {right.Code}, {(op switch { BoundBinaryOperator.Less => -2, BoundBinaryOperator.LessOrEqual => -1, BoundBinaryOperator.GreaterOrEqual => 1, _ => 2 })})";
            return new Cs(negate ? $"Ops.Not({code})" : code, PolicyType.Bool, true);
        }
        if (!nullable)
        {
            var symbol = op switch
            {
                BoundBinaryOperator.Equal => "==", BoundBinaryOperator.NotEqual => "!=", BoundBinaryOperator.Less => "<",
                BoundBinaryOperator.LessOrEqual => "<=", BoundBinaryOperator.Greater => ">", _ => ">=",
            };
            return new Cs($"({left.Code} {symbol} {right.Code})", PolicyType.Bool, false);
        }
        var call = $"Ops.{name}({Nullable(left)}, {Nullable(right)})";
        return new Cs(negate ? $"Ops.Not({call})" : call, PolicyType.Bool, true);
    }

    /// <summary>x in {a, b}, x in low..high, x in a list-valued field or parameter.</summary>
    private Cs Membership(BoundExpression valueExpression, BoundExpression container, List<string> prelude)
    {
        var value = Emit(valueExpression, prelude);
        if (container is BoundBinary { Operator: BoundBinaryOperator.Range } range)
            return InRange(value, range, prelude);
        if (container is BoundSet set && set.Elements.All(el => el is BoundLiteral || el is BoundBinary { Operator: BoundBinaryOperator.Range }))
        {
            // A literal set: one chain of comparisons; an absent value gives an absent answer.
            var t = Temp("t");
            var text = value.Type.Kind == TypeKind.Text;
            var parts = set.Elements.Select(element => element is BoundBinary r
                ? $"(Ops.InRangeEnum<{TypeMap.ClrType(value.Type)}>({t}, {Emit(r.Left, prelude).Code}, {Emit(r.Right, prelude).Code}) == true)"
                : text ? $"string.Equals({t}, {Emit(element, prelude).Code}, StringComparison.Ordinal)" : $"{t} == {Emit(element, prelude).Code}").ToList();
            var any = parts.Count == 0 ? "false" : "(" + string.Join(" || ", parts) + ")";
            if (!value.Nullable && !text)
                return new Cs($"({value.Code} is var {t} && {any})", PolicyType.Bool, false);
            return new Cs($"({value.Code} is {{ }} {t} ? {any} : (bool?)null)", PolicyType.Bool, true);
        }
        var list = Emit(container, prelude);
        var listCode = list.Nullable ? $"({list.Code} ?? Array.Empty<{TypeMap.ClrType(container.Type.ElementType!)}>())" : list.Code;
        if (value.Type.Kind == TypeKind.Text)
            return new Cs($"Ops.In({value.Code}, {listCode})", PolicyType.Bool, true);
        return new Cs($"Ops.In<{TypeMap.ClrType(value.Type)}>({Nullable(value)}, {listCode})", PolicyType.Bool, true);
    }

    private Cs InRange(Cs value, BoundBinary range, List<string> prelude)
    {
        var low = Emit(range.Left, prelude);
        var high = Emit(range.Right, prelude);
        if (value.Type.Kind == TypeKind.Enum)
            return new Cs($"Ops.InRangeEnum<{TypeMap.ClrType(value.Type)}>({Nullable(value)}, {low.Code}, {high.Code})", PolicyType.Bool, true);
        if (!value.Nullable && !low.Nullable && !high.Nullable)
            return new Cs($"({value.Code} >= {low.Code} && {value.Code} <= {high.Code})", PolicyType.Bool, false);
        return new Cs($"Ops.InRange({Nullable(value)}, {Nullable(low)}, {Nullable(high)})", PolicyType.Bool, true);
    }

    private static bool IsSimple(string code) => code.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    private Cs Conversion(BoundConversion c, List<string> prelude)
    {
        switch (c.Conversion)
        {
            case ConversionKind.Identity when c.Operand is BoundBinary { Operator: BoundBinaryOperator.Range } range:
                return new Cs(Members(range, prelude), c.Type, false);
            case ConversionKind.Identity:
            {
                var operand = Emit(c.Operand, prelude);
                return new Cs(operand.Code, c.Type, operand.Nullable);
            }
            case ConversionKind.Rate:
            case ConversionKind.DurationRate:
            {
                var operand = Emit(c.Operand, prelude);
                var from = c.Operand.Type is MoneyType m ? m.Unit!.Value : ((DurationRateType)c.Operand.Type).Unit;
                var to = c.Type is MoneyType t ? t.Unit!.Value : ((DurationRateType)c.Type).Unit;
                return operand.Nullable
                    ? new Cs($"Ops.ConvertRate(_calendar, {operand.Code}, TimeUnit.{from}, TimeUnit.{to}, _periodsPerDay)", c.Type, true)
                    : new Cs($"_calendar.ConvertRate({operand.Code}, TimeUnit.{from}, TimeUnit.{to}, _periodsPerDay)", c.Type, false);
            }
            case ConversionKind.FeeToRate:
            {
                var fee = Emit(c.Operand, prelude);
                var unit = ((MoneyType)c.Type).Unit!.Value;
                return new Cs($"{fee.Code}.Rate(TimeUnit.{unit}, _calendar, _periodsPerDay)", c.Type, false);
            }
            default:
            {
                var operand = Emit(c.Operand, prelude);
                var length = Emit(c.PeriodLength!, prelude);
                // 1 period is the period length exactly (decimal 1m × x keeps x's value and scale).
                if (operand.Code == "1m") return new Cs(length.Code, c.Type, length.Nullable);
                return new Cs($"({operand.Code} * {length.Code})", c.Type, operand.Nullable || length.Nullable);
            }
        }
    }

    private Cs Call(BoundCall c, List<string> prelude)
    {
        if (BuiltinFunctionFacts.IsModelFunction(c.Function))
            return ModelCalls is not null ? ModelCalls(c, prelude) : throw new InvalidOperationException($"{c.Function} is only emitted in a simulation");
        var args = c.Arguments.Select(a => Emit(a, prelude)).ToList();
        switch (c.Function)
        {
            case BuiltinFunction.Min:
            case BuiltinFunction.Max:
            {
                var name = c.Function == BuiltinFunction.Min ? "Min" : "Max";
                var type = TypeMap.ClrType(c.Type);
                if (args.Count == 1)
                {
                    var best = Temp("m");
                    prelude.Add($"{type}? {best} = null;");
                    prelude.Add($"var {best}any = false;");
                    var item = Temp("e");
                    prelude.AddRange(OpenLoop(item, args[0].Code));
                    prelude.Add($"if (!{best}any || {item} {(name == "Min" ? "<" : ">")} {best}) {best} = {item}; {best}any = true;");
                    prelude.Add("}");
                    return new Cs(best, c.Type, true);
                }
                // Two or more values: absent when any is (the interpreter's rule).
                var temps = args.Select(a =>
                {
                    var t = Temp("a");
                    prelude.Add($"{type}? {t} = {a.Code};");
                    return t;
                }).ToList();
                var result = Temp("m");
                prelude.Add($"{type}? {result} = null;");
                prelude.Add($"if ({string.Join(" && ", temps.Select(t => t + " is not null"))}) {{ {result} = {temps[0]}; {string.Join(" ", temps.Skip(1).Select(t => $"if ({t}.Value {(name == "Min" ? "<" : ">")} {result}.Value) {result} = {t};"))} }}");
                return new Cs(result, c.Type, true);
            }
            case BuiltinFunction.Abs:
                return args[0].Nullable ? new Cs($"Ops.Abs({args[0].Code})", c.Type, true) : new Cs($"Math.Abs({args[0].Code})", c.Type, false);
            case BuiltinFunction.Round:
                return new Cs($"Ops.Round({Nullable(args[0])}, {(args.Count > 1 ? Nullable(args[1]) : "(decimal?)0m")})", c.Type, true);
            case BuiltinFunction.Count:
                return new Cs(args[0].Nullable ? $"((decimal)({args[0].Code}?.Count ?? 0))" : $"((decimal){args[0].Code}.Count)", c.Type, false);
            case BuiltinFunction.Sum:
            {
                var sum = Temp("s");
                var item = Temp("e");
                prelude.Add($"decimal {sum} = 0m;");
                prelude.AddRange(OpenLoop(item, args[0].Code));
                prelude.Add($"{sum} += {item};");
                prelude.Add("}");
                return new Cs(sum, c.Type, false);
            }
            case BuiltinFunction.Contains:
                return Membership(c.Arguments[1], c.Arguments[0], prelude);
            case BuiltinFunction.Pow:
                return new Cs($"Ops.Pow({Nullable(args[0])}, {Nullable(args[1])})", c.Type, true);
            default:
                return args[0].Nullable || !TypeMap.IsValueType(args[0].Type)
                    ? new Cs($"({args[0].Code} is not null)", c.Type, false)
                    : new Cs("true", c.Type, false);
        }
    }

    private Cs Set(BoundSet s, List<string> prelude)
    {
        var element = TypeMap.ClrType(s.Type.ElementType!);
        if (s.Elements.Any(e => e is BoundBinary { Operator: BoundBinaryOperator.Range }))
        {
            var list = Temp("l");
            prelude.Add($"var {list} = new List<{element}>();");
            foreach (var e in s.Elements)
            {
                if (e is BoundBinary { Operator: BoundBinaryOperator.Range } r)
                    prelude.Add($"foreach (var x in Ops.Members<{element}>({Emit(r.Left, prelude).Code}, {Emit(r.Right, prelude).Code})) if (!{list}.Contains(x)) {list}.Add(x);");
                else
                    prelude.Add($"if (!{list}.Contains({Emit(e, prelude).Code})) {list}.Add({Emit(e, prelude).Code});");
            }
            return new Cs(list, s.Type, false);
        }
        return new Cs($"new {element}[] {{ {string.Join(", ", s.Elements.Select(e => Emit(e, prelude).Code))} }}", s.Type, false);
    }

    /// <summary>The elements a loop goes through: a list, or the members of an enum range.</summary>
    public string Source(BoundExpression source, List<string> prelude)
    {
        if (source is BoundBinary { Operator: BoundBinaryOperator.Range } range)
            return Members(range, prelude);
        var list = Emit(source, prelude);
        return list.Nullable ? $"({list.Code} ?? Array.Empty<{TypeMap.ClrType(source.Type.ElementType!)}>())" : list.Code;
    }

    // ------------------------------------------------------------------ loops

    private Cs Aggregate(BoundAggregate a, List<string> prelude)
    {
        var source = Source(a.Source, prelude);
        var variable = Bind(a.Variable);
        var result = Temp("g");
        var selectorType = TypeMap.ClrType(a.Type);
        // A count, or a sum of a whole-number field (a count of staff, students), adds up in a long: its decimal is
        // the same value with the same scale (0) as the decimal sum, without a decimal addition per item.
        var whole = a.Aggregate == AggregateKind.Count
            || (a.Aggregate == AggregateKind.Sum && a.Selector is BoundField { Field: var wf } && TypeMap.Field(wf) is { Nullable: false } wt
                && wt.Template.StartsWith("(decimal){0}.", StringComparison.Ordinal));
        var accumulator = whole ? result + "n" : result;
        prelude.Add(whole ? $"long {accumulator} = 0;" : a.Aggregate is AggregateKind.Count or AggregateKind.Sum ? $"decimal {result} = 0m;" : $"{selectorType}? {result} = null;");
        var body = new List<string>();
        if (a.Filter is not null)
        {
            var filter = Emit(a.Filter, body);
            body.Add($"if ({Truth(filter)}) {{");
        }
        else
        {
            body.Add("{");
        }
        switch (a.Aggregate)
        {
            case AggregateKind.Count:
                body.Add($"{accumulator}++;");
                break;
            case AggregateKind.Sum when whole:
            {
                var selector = Emit(a.Selector!, body);
                if (!selector.Code.StartsWith("(decimal)", StringComparison.Ordinal)) throw new InvalidOperationException($"not a whole-number read: {selector.Code}");
                body.Add($"{accumulator} += {selector.Code.Substring("(decimal)".Length)};");
                break;
            }
            case AggregateKind.Sum:
            {
                var selector = Emit(a.Selector!, body);
                body.Add(selector.Nullable ? $"if ({selector.Code} is {{ }} s_{result}) {result} += s_{result};" : $"{result} += {selector.Code};");
                break;
            }
            default:
            {
                var selector = Emit(a.Selector!, body);
                var cmp = a.Aggregate == AggregateKind.Min ? "<" : ">";
                body.Add($"if ({selector.Code} is {{ }} s_{result} && ({result} is null || s_{result} {cmp} {result}.Value)) {result} = s_{result};");
                break;
            }
        }
        body.Add("}");
        prelude.AddRange(OpenLoop(variable, source));
        prelude.AddRange(body);
        prelude.Add("}");
        if (whole) prelude.Add($"decimal {result} = {accumulator};");
        return new Cs(result, a.Type, a.Aggregate is AggregateKind.Min or AggregateKind.Max);
    }

    private Cs Quantifier(BoundQuantifier q, List<string> prelude)
    {
        var source = Source(q.Source, prelude);
        var variable = Bind(q.Variable);
        var result = Temp("q");
        var unknown = result + "u";
        prelude.Add($"bool? {result} = {(q.Quantifier == QuantifierKind.Any ? "false" : "true")};");
        if (q.Quantifier == QuantifierKind.Any) prelude.Add($"var {unknown} = false;");
        var body = new List<string>();
        if (q.Filter is not null)
        {
            var filter = Emit(q.Filter, body);
            body.Add($"if (!({Truth(filter)})) continue;");
        }
        var predicate = q.Predicate is null ? new Cs("true", PolicyType.Bool, false) : Emit(q.Predicate, body);
        var p = Temp("p");
        body.Add($"bool? {p} = {predicate.Code};");
        switch (q.Quantifier)
        {
            case QuantifierKind.Any:
                body.Add($"if ({p} is null) {{ {unknown} = true; continue; }}");
                body.Add($"if ({p} == true) {{ {result} = true; break; }}");
                break;
            case QuantifierKind.All:
                body.Add($"if ({p} == false) {{ {result} = false; break; }}");
                break;
            default:
                body.Add($"if ({p} == true) {{ {result} = false; break; }}");
                break;
        }
        prelude.AddRange(OpenLoop(variable, source));
        prelude.AddRange(body);
        prelude.Add("}");
        if (q.Quantifier == QuantifierKind.Any) prelude.Add($"if ({result} == false && {unknown}) {result} = null;");
        return new Cs(result, PolicyType.Bool, true);
    }

    /// <summary>"This condition holds": true, not false or absent.</summary>
    public static string Truth(Cs condition) => condition.Nullable ? $"{condition.Code} == true" : condition.Code;

    // ------------------------------------------------------------------ reports

    /// <summary>A value as a report shows it (English and Chinese), mirroring the interpreter's formatter.</summary>
    public string Shown(BoundExpression e, List<string> prelude)
    {
        if (e is BoundBinary { Operator: BoundBinaryOperator.Range } range)
            return $"Show.Range({Shown(range.Left, prelude)}, {Shown(range.Right, prelude)})";
        var value = Emit(e, prelude);
        return ShowValue(value.Code, e.Type, value.Nullable);
    }

    public static string ShowValue(string code, PolicyType type, bool nullable)
    {
        var n = nullable || !TypeMap.IsValueType(type) ? code : $"({TypeMap.Nullable(type)}){code}";
        switch (type)
        {
            case MoneyType m:
                return $"Show.Money({n}, RateBasis.{m.Basis}, {(m.Unit is { } u ? "TimeUnit." + u : "null")})";
            case DurationRateType d:
                return $"Show.DurationRate({n}, TimeUnit.{d.Unit})";
            case EnumType e:
                return $"Show.Enum({n}, {TypeMap.EnumNames(e.Symbol)})";
            case CollectionType c when c.Kind is TypeKind.List or TypeKind.Set:
                return $"Show.List({code}, x => {ShowValue("x", c.Element, false)})";
            case RecordType r:
                return $"Show.Record({code}, {Names.Literal(r.Symbol.Name)})";
        }
        return type.Kind switch
        {
            TypeKind.Duration => $"Show.Duration({n})",
            TypeKind.Percent => $"Show.Percent({n})",
            TypeKind.Periods => $"Show.Periods({n})",
            TypeKind.Ratio => $"Show.Ratio({n})",
            TypeKind.Time => $"Show.Time({n})",
            TypeKind.Date => $"Show.Date({n})",
            TypeKind.Text => $"Show.Text({code})",
            TypeKind.Bool => $"Show.Bool({n})",
            _ => $"Show.Number({n})",
        };
    }
}
