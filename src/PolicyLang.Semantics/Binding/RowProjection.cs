using System.Collections.Immutable;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>
/// Specialises a policy's rules to one row of district data, for the compiled simulator's breaks_rules():
/// the plan a row describes (<see cref="PlanValues.FromDistrictRow"/>: the school, one segment from dismissal
/// to the end of service, one monthly fee, the participants, nothing else) is substituted into each rule
/// statically, quantifiers over its one-element lists are unrolled, and everything the row does not hold
/// becomes absent and folds away under three-valued logic. What remains reads only the row and the
/// parameters. The interpreter runs the original rules on that plan instead; the differential tests check
/// that the two agree.
/// </summary>
public static class RowProjection
{
    /// <summary>
    /// For each rule a district row can decide: a condition over the row (<c>school</c> is the district row)
    /// that is true exactly when the row breaks the rule. Rules that no row can break are left out.
    /// </summary>
    public static ImmutableArray<(BoundRule Rule, BoundExpression Broken)> Project(BoundPolicy policy)
    {
        var result = ImmutableArray.CreateBuilder<(BoundRule, BoundExpression)>();
        foreach (var rule in policy.Rules)
        {
            var broken = new Projector().Rule(rule);
            if (broken is BoundLiteral { Value: false or null }) continue;
            result.Add((rule, broken));
        }
        return result.ToImmutable();
    }

    /// <summary>A projected value: an expression over the row, or a record or list of the described plan.</summary>
    private abstract class Value
    {
    }

    private sealed class Expr : Value
    {
        public Expr(BoundExpression e) => E = e;
        public BoundExpression E { get; }
    }

    private sealed class Record : Value
    {
        public Record(RecordSymbol symbol) => Symbol = symbol;
        public RecordSymbol Symbol { get; }
    }

    private sealed class ListOf : Value
    {
        public ListOf(IReadOnlyList<Value> items) => Items = items;
        public IReadOnlyList<Value> Items { get; }
    }

    /// <summary>The projection could not follow the expression (the row does not decide it).</summary>
    private sealed class Unknown : Exception
    {
    }

    private static readonly BoundExpression Row = new BoundRoot(null, PlanSchema.DistrictSchoolRoot);

    private static BoundExpression RowField(string name) =>
        new BoundField(null, Row, PlanSchema.DistrictSchool.Lookup(name) ?? throw new InvalidOperationException(name));

    private static BoundExpression Null(PolicyType type) => new BoundLiteral(null, null, type);
    private static BoundExpression Bool(bool value) => new BoundLiteral(null, value, PolicyType.Bool);
    private static bool IsNull(BoundExpression e) => e is BoundLiteral { Value: null };
    private static BoundExpression IsTrue(BoundExpression e) => e is BoundLiteral { Value: var v } ? Bool(v is true) : new BoundUnary(null, BoundUnaryOperator.IsTrue, e);

    private static BoundExpression Not(BoundExpression e) => e is BoundLiteral { Value: var v }
        ? (v is bool b ? Bool(!b) : Null(PolicyType.Bool))
        : new BoundUnary(null, BoundUnaryOperator.Not, e);

    /// <summary>Three-valued 'and' with constant operands folded.</summary>
    private static BoundExpression And(BoundExpression l, BoundExpression r)
    {
        if (l is BoundLiteral { Value: false } || r is BoundLiteral { Value: false }) return Bool(false);
        if (l is BoundLiteral { Value: true }) return r;
        if (r is BoundLiteral { Value: true }) return l;
        if (IsNull(l) && IsNull(r)) return l;
        return new BoundBinary(null, l, BoundBinaryOperator.And, r, PolicyType.Bool);
    }

    private static BoundExpression Or(BoundExpression l, BoundExpression r)
    {
        if (l is BoundLiteral { Value: true } || r is BoundLiteral { Value: true }) return Bool(true);
        if (l is BoundLiteral { Value: false }) return r;
        if (r is BoundLiteral { Value: false }) return l;
        if (IsNull(l) && IsNull(r)) return l;
        return new BoundBinary(null, l, BoundBinaryOperator.Or, r, PolicyType.Bool);
    }

    private static BoundExpression Cond(BoundExpression condition, BoundExpression whenTrue, BoundExpression whenFalse)
    {
        if (condition is BoundLiteral { Value: true }) return whenTrue;
        if (condition is BoundLiteral { Value: false }) return whenFalse;
        if (IsNull(condition)) return Null(whenTrue.Type);
        return new BoundConditional(null, condition, whenTrue, whenFalse);
    }

    /// <summary>A subtree with no row, parameter or variable in it is evaluated now.</summary>
    private static BoundExpression Fold(BoundExpression e)
    {
        if (e is BoundLiteral || !IsClosed(e)) return e;
        try
        {
            var context = new EvaluationContext(_ => throw new EvaluationException("parameter"), Calendar.Default);
            return new BoundLiteral(null, Evaluator.Evaluate(e, context), e.Type);
        }
        catch (EvaluationException)
        {
            return e;
        }
    }

    private static bool IsClosed(BoundExpression e) =>
        e is not (BoundRoot or BoundParameter or BoundVariable or BoundMeasure or BoundError)
        && !(e is BoundCall c && BuiltinFunctionFacts.IsModelFunction(c.Function))
        && !(e is BoundConversion { Conversion: ConversionKind.Rate or ConversionKind.FeeToRate or ConversionKind.DurationRate })
        && e.Children.All(IsClosed);

    private sealed class Projector
    {
        private readonly Dictionary<VariableSymbol, Value> _variables = new();

        public BoundExpression Rule(BoundRule rule)
        {
            try
            {
                var condition = rule.Condition is null ? Bool(true) : IsTrue(Scalar(rule.Condition));
                if (rule.Source is null) return And(condition, IsTrue(Not(Scalar(rule.Check))));
                var any = Bool(false);
                foreach (var item in Items(rule.Source))
                {
                    _variables[rule.Variable!] = item;
                    var filter = rule.Filter is null ? Bool(true) : IsTrue(Scalar(rule.Filter));
                    any = Or(any, And(filter, IsTrue(Not(Scalar(rule.Check)))));
                }
                _variables.Remove(rule.Variable!);
                return And(condition, any);
            }
            catch (Unknown)
            {
                return Bool(false);
            }
        }

        /// <summary>The elements a quantifier, aggregate or rule goes through: the plan's lists, or constants.</summary>
        private IReadOnlyList<Value> Items(BoundExpression source)
        {
            var projected = Project(source);
            if (projected is ListOf list) return list.Items;
            if (projected is Expr { E: BoundLiteral { Value: null } }) return Array.Empty<Value>();
            if (projected is Expr { E: var e } && IsClosed(e))
            {
                var folded = Fold(e);
                var element = source.Type.ElementType ?? PolicyType.Text;
                switch (folded)
                {
                    case BoundLiteral { Value: IReadOnlyList<object?> values }:
                        return values.Select(v => (Value)new Expr(new BoundLiteral(null, v, element))).ToList();
                    case BoundLiteral { Value: RangeValue { Low: EnumMemberSymbol lo, High: EnumMemberSymbol hi } }:
                        return lo.Owner.Members.Where(m => m.Ordinal >= lo.Ordinal && m.Ordinal <= hi.Ordinal)
                            .Select(m => (Value)new Expr(new BoundLiteral(null, m, element))).ToList();
                }
            }
            throw new Unknown();
        }

        private BoundExpression Scalar(BoundExpression e) => Project(e) is Expr x ? x.E : throw new Unknown();

        private Value Project(BoundExpression e)
        {
            switch (e)
            {
                case BoundRoot root:
                    return root.Root == PlanSchema.PlanRoot ? new Record(PlanSchema.Plan)
                        : root.Root == PlanSchema.SchoolRoot ? new Record(PlanSchema.School)
                        : throw new Unknown();
                case BoundVariable v:
                    return _variables.TryGetValue(v.Variable, out var bound) ? bound : throw new Unknown();
                case BoundField f:
                    return Field(Project(f.Receiver), f);
                case BoundConversion { Conversion: ConversionKind.FeeToRate } c:
                {
                    if (Project(c.Operand) is not Record { Symbol: var r } || r != PlanSchema.Fee) throw new Unknown();
                    return new Expr(new BoundConversion(null, RowField("fee_per_month"), ConversionKind.Rate, c.Type));
                }
                case BoundQuantifier q:
                    return new Expr(Quantifier(q));
                case BoundAggregate a:
                    return new Expr(Aggregate(a));
                default:
                    return new Expr(Fold(Rebuild(e)));
            }
        }

        /// <summary>A field of the plan the row describes.</summary>
        private static Value Field(Value receiver, BoundField f)
        {
            if (receiver is Expr { E: BoundLiteral { Value: null } }) return new Expr(Null(f.Type));
            if (receiver is not Record record) throw new Unknown();
            var name = f.Field.Name;
            if (record.Symbol == PlanSchema.Plan)
            {
                return name switch
                {
                    "school" => new Record(PlanSchema.School),
                    "service" => new Record(PlanSchema.Service),
                    "fees" => new ListOf(new Value[] { new Record(PlanSchema.Fee) }),
                    "participation" => new Record(PlanSchema.Participation),
                    _ => new Expr(Null(f.Type)),
                };
            }
            if (record.Symbol == PlanSchema.School)
                return name is "id" or "name" or "district" or "stage" or "location" or "ownership" or "students"
                    ? new Expr(RowField(name))
                    : new Expr(Null(f.Type));
            if (record.Symbol == PlanSchema.Service)
            {
                return name switch
                {
                    "dismissal" or "start" => new Expr(RowField("dismissal")),
                    "end" => new Expr(RowField("service_end")),
                    "daily_duration" => new Expr(new BoundConversion(null, Minutes(), ConversionKind.Identity, f.Type)),
                    "segments" or "all_segments" => new ListOf(new Value[] { new Record(PlanSchema.Segment) }),
                    _ => new Expr(Null(f.Type)),
                };
            }
            if (record.Symbol == PlanSchema.Segment)
            {
                return name switch
                {
                    "start" => new Expr(RowField("dismissal")),
                    "end" => new Expr(RowField("service_end")),
                    "duration" => new Expr(Minutes()),
                    _ => new Expr(Null(f.Type)),
                };
            }
            if (record.Symbol == PlanSchema.Fee)
            {
                return name switch
                {
                    "amount" => new Expr(new BoundConversion(null, RowField("fee_per_month"), ConversionKind.Identity, f.Type)),
                    "per" => new Expr(new BoundLiteral(null, PlanSchema.FeePer.Lookup("month"), f.Type)),
                    "monthly" => new Expr(new BoundConversion(null, RowField("fee_per_month"), ConversionKind.Rate, f.Type)),
                    _ => new Expr(Null(f.Type)),
                };
            }
            if (record.Symbol == PlanSchema.Participation)
                return name == "participants" ? new Expr(RowField("participants")) : new Expr(Null(f.Type));
            return new Expr(Null(f.Type));
        }

        /// <summary>The one segment's length: end of service minus dismissal, in minutes.</summary>
        private static BoundExpression Minutes() =>
            new BoundBinary(null, RowField("service_end"), BoundBinaryOperator.Subtract, RowField("dismissal"), PolicyType.Duration);

        /// <summary>
        /// any: true if some element passing the filter satisfies the predicate, else absent if some was absent;
        /// all / no: an absent predicate does not count (the interpreter's rules).
        /// </summary>
        private BoundExpression Quantifier(BoundQuantifier q)
        {
            var items = Items(q.Source);
            BoundExpression result = Bool(q.Quantifier != QuantifierKind.Any);
            foreach (var item in items)
            {
                _variables[q.Variable] = item;
                var filter = q.Filter is null ? Bool(true) : IsTrue(Scalar(q.Filter));
                var p = q.Predicate is null ? Bool(true) : Scalar(q.Predicate);
                result = q.Quantifier switch
                {
                    QuantifierKind.Any => Or(result, Cond(filter, p, Bool(false))),
                    QuantifierKind.All => And(result, Cond(filter, Not(IsTrue(Not(p))), Bool(true))),
                    _ => And(result, Cond(filter, Not(IsTrue(p)), Bool(true))),
                };
            }
            _variables.Remove(q.Variable);
            return result;
        }

        private BoundExpression Aggregate(BoundAggregate a)
        {
            var items = Items(a.Source);
            if (a.Aggregate is AggregateKind.Min or AggregateKind.Max && items.Count > 1) throw new Unknown();
            BoundExpression result = a.Aggregate switch
            {
                AggregateKind.Sum or AggregateKind.Count => new BoundLiteral(null, 0m, a.Type),
                _ => Null(a.Type),
            };
            foreach (var item in items)
            {
                _variables[a.Variable] = item;
                var filter = a.Filter is null ? Bool(true) : IsTrue(Scalar(a.Filter));
                switch (a.Aggregate)
                {
                    case AggregateKind.Count:
                        result = Add(result, Cond(filter, new BoundLiteral(null, 1m, a.Type), new BoundLiteral(null, 0m, a.Type)));
                        break;
                    case AggregateKind.Sum:
                    {
                        var s = Scalar(a.Selector!);
                        var value = IsNull(s) ? new BoundLiteral(null, 0m, a.Type)
                            : Cond(new BoundCall(null, BuiltinFunction.Exists, ImmutableArray.Create(s), PolicyType.Bool), s, new BoundLiteral(null, 0m, a.Type));
                        result = Add(result, Cond(filter, value, new BoundLiteral(null, 0m, a.Type)));
                        break;
                    }
                    default:
                        result = Cond(filter, Scalar(a.Selector!), Null(a.Type));
                        break;
                }
            }
            _variables.Remove(a.Variable);
            return result;
        }

        private static BoundExpression Add(BoundExpression l, BoundExpression r) => Fold(new BoundBinary(null, l, BoundBinaryOperator.Add, r, l.Type));

        /// <summary>The node over projected children; absent operands make strict operators absent.</summary>
        private BoundExpression Rebuild(BoundExpression e)
        {
            switch (e)
            {
                case BoundLiteral or BoundParameter:
                    return e;
                case BoundUnary u:
                {
                    var operand = Scalar(u.Operand);
                    return u.Operator switch
                    {
                        BoundUnaryOperator.IsTrue => IsTrue(operand),
                        BoundUnaryOperator.Not => Not(operand),
                        _ => IsNull(operand) ? Null(u.Type) : new BoundUnary(null, u.Operator, operand),
                    };
                }
                case BoundBinary b:
                {
                    var l = Scalar(b.Left);
                    var r = Scalar(b.Right);
                    switch (b.Operator)
                    {
                        case BoundBinaryOperator.And: return And(l, r);
                        case BoundBinaryOperator.Or: return Or(l, r);
                    }
                    return IsNull(l) || IsNull(r) ? Null(b.Type) : new BoundBinary(null, l, b.Operator, r, b.Type);
                }
                case BoundConversion c:
                {
                    var operand = Scalar(c.Operand);
                    var length = c.PeriodLength is null ? null : Scalar(c.PeriodLength);
                    if (IsNull(operand) || length is not null && IsNull(length)) return Null(c.Type);
                    return new BoundConversion(null, operand, c.Conversion, c.Type, length);
                }
                case BoundCall call:
                {
                    var args = call.Arguments.Select(Project).ToList();
                    switch (call.Function)
                    {
                        case BuiltinFunction.Exists:
                            return args[0] switch
                            {
                                Record or ListOf => Bool(true),
                                Expr { E: var x } when IsNull(x) => Bool(false),
                                Expr { E: var x } => new BoundCall(null, call.Function, ImmutableArray.Create(x), call.Type),
                                _ => throw new Unknown(),
                            };
                        case BuiltinFunction.Count when args[0] is ListOf list:
                            return new BoundLiteral(null, (decimal)list.Items.Count, call.Type);
                        case BuiltinFunction.Count when args[0] is Expr { E: var x } && IsNull(x):
                            return new BoundLiteral(null, 0m, call.Type);
                        case BuiltinFunction.Sum when args[0] is Expr { E: var x } && IsNull(x):
                            return new BoundLiteral(null, 0m, call.Type);
                    }
                    var scalars = args.Select(a => a is Expr x ? x.E : throw new Unknown()).ToImmutableArray();
                    if (scalars.Any(IsNull)) return Null(call.Type);
                    return new BoundCall(null, call.Function, scalars, call.Type);
                }
                case BoundConditional c:
                {
                    var condition = Scalar(c.Condition);
                    return Cond(condition, Scalar(c.WhenTrue), Scalar(c.WhenFalse));
                }
                case BoundSet s:
                {
                    var elements = s.Elements.Select(Scalar).ToImmutableArray();
                    return new BoundSet(null, elements, s.Type);
                }
                case BoundIndex i:
                {
                    var receiver = Scalar(i.Receiver);
                    var index = Scalar(i.Index);
                    return IsNull(receiver) || IsNull(index) ? Null(i.Type) : new BoundIndex(null, receiver, index, i.Type);
                }
                default:
                    throw new Unknown();
            }
        }
    }
}
