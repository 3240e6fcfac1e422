using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.Emit;

public static partial class PolicyEmitter
{
    private sealed partial class Writer
    {
        /// <summary>
        /// Opens a simulation method, marked to be compiled fully before the first school instead of starting as
        /// tier-0 code (the generated assembly is not precompiled, and a national run is over before tiering catches
        /// up). MethodImplOptions.AggressiveOptimization by its value, which every target framework compiles.
        /// </summary>
        private void OpenSimulationMethod(string signature)
        {
            _w.Line("[System.Runtime.CompilerServices.MethodImpl((System.Runtime.CompilerServices.MethodImplOptions)512)] // AggressiveOptimization");
            _w.Open(signature);
        }

        /// <summary>
        /// The simulator: the policy's measures (the standard model's and its own) as straight-line C# over one
        /// school row at a time, reading the district data's columns through <c>SchoolRow</c>; the model's
        /// functions (cap_for_school, subsidies, breaks_rules, …) as methods over the policy's sections and the
        /// rules projected onto the row. Scenario-invariant measures are computed once per school, under the baseline.
        /// </summary>
        private void WriteSimulation()
        {
            var table = SimulationMeasures.Table(_policy);
            var order = SimulationMeasures.DependencyOrder(table, out _)
                        ?? throw new InvalidOperationException("measures read each other; the binder reports this");
            var reported = SimulationMeasures.Reported(_policy);
            var baselineReferenced = SimulationMeasures.BaselineReferenced(table);
            var index = order.Select((m, i) => (m, i)).ToDictionary(x => x.m.Name, x => x.i, StringComparer.Ordinal);
            var invariant = Invariants(order, table);

            _w.Line("// ------------------------------------------------------------------ simulation");
            _w.Line();
            _w.Line("/// <summary>The measures the simulator reports for each school, in the order of its results.</summary>");
            _w.Line($"public static IReadOnlyList<string> SimulationMeasures {{ get; }} = new string[] {{ {string.Join(", ", reported.Select(m => Names.Literal(m.Name)))} }};");
            _w.Line();
            _w.Line("/// <summary>");
            _w.Line("/// Simulates schools [start, end) of the district data under each scenario; scenario 0 is the baseline, whose");
            _w.Line("/// values baseline() reads. results[s][m] receives reported measure m of school i under scenario s at i");
            _w.Line("/// (yes/no as 1/0).");
            _w.Line("/// </summary>");
            OpenSimulationMethod($"public static void Simulate(DistrictData data, {_className}[] scenarios, ScenarioAssumptions[] assumptions, MeasureColumn[][] results, int start, int end)");
            _w.Line($"var shared = new decimal?[{Math.Max(order.Count, 1)}];");
            _w.Open("for (var i = start; i < end; i++)");
            _w.Line("var row = new SchoolRow(data, i);");
            _w.Line("for (var s = 0; s < scenarios.Length; s++)");
            _w.Line("    scenarios[s].SimulateSchool(row, assumptions[s], s == 0, shared, results[s], i);");
            _w.Close();
            _w.Close();
            _w.Line();

            var locals = order.ToDictionary(m => m.Name, m => "measure_" + index[m.Name], StringComparer.Ordinal);
            var emitter = SimulationEmitter(locals, table, index);
            OpenSimulationMethod("private void SimulateSchool(in SchoolRow row, ScenarioAssumptions assumptions, bool first, decimal?[] shared, MeasureColumn[] results, int i)");
            _w.Line("var _periodsPerDay = row.PeriodsPerDay;");
            _w.Line("var inScope = SimInScope(row);");
            foreach (var measure in order)
            {
                var local = locals[measure.Name];
                var type = LocalType(measure.Type);
                var k = index[measure.Name];
                _w.Line($"// {measure.Name.Replace("\n", " ")}");
                _w.Line($"{type} {local};");
                var stored = invariant.Contains(measure.Name) && SimulationMeasures.IsReported(measure.Type) && measure.Type.Kind != TypeKind.Bool;
                if (stored) _w.Open("if (first)");
                else _w.Open("");
                var prelude = new List<string>();
                var value = emitter.Emit(measure.Expression!, prelude);
                foreach (var line in prelude) _w.Line(line);
                _w.Line($"{local} = {value.Code};");
                if (stored) _w.Line($"shared[{k}] = {local};");
                _w.Close();
                if (stored) _w.Line($"else {local} = shared[{k}];");
                else if (baselineReferenced.Contains(measure.Name)) _w.Line($"if (first) shared[{k}] = {local};");
            }
            for (var r = 0; r < reported.Count; r++)
            {
                var local = locals[reported[r].Name];
                _w.Line($"results[{r}].Set(i, {local});");
            }
            _w.Close();
            _w.Line();
            WriteModelFunctions();
        }

        private static string LocalType(PolicyType type) => TypeMap.IsValueType(type) ? TypeMap.Nullable(type) : TypeMap.ClrType(type) + "?";

        /// <summary>An expression emitter over the district row: roots, measures (by name) and the model's functions.</summary>
        private ExpressionEmitter SimulationEmitter(IReadOnlyDictionary<string, string>? locals, IReadOnlyDictionary<string, MeasureSymbol>? table, IReadOnlyDictionary<string, int>? index)
        {
            var emitter = new ExpressionEmitter(p => _parameters[p].Field, Constant)
            {
                Statics = _statics,
                Roots = root => root == PlanSchema.CohortsRoot ? "row.Cohorts"
                    : root == PlanSchema.PlanRoot ? throw new InvalidOperationException("a measure cannot read the plan")
                    : "row",
            };
            if (locals is not null)
            {
                emitter.Measures = m => new Cs(locals[m.Name], table![m.Name].Type, true);
                emitter.ModelCalls = (call, prelude) => ModelCall(call, prelude, emitter, locals, index!);
            }
            return emitter;
        }

        private Cs ModelCall(BoundCall call, List<string> prelude, ExpressionEmitter emitter, IReadOnlyDictionary<string, string> locals, IReadOnlyDictionary<string, int> index)
        {
            switch (call.Function)
            {
                case BuiltinFunction.FeeCap:
                    return new Cs("SimCapForSchool(row, inScope, _periodsPerDay)", call.Type, true);
                case BuiltinFunction.WaivedShare:
                {
                    var category = emitter.Emit(call.Arguments[0], prelude);
                    return new Cs($"SimWaivedShare(row, inScope, {ExpressionEmitter.Nullable(category)})", call.Type, false);
                }
                case BuiltinFunction.Subsidies:
                {
                    var participants = emitter.Emit(call.Arguments[0], prelude);
                    var payments = emitter.Emit(call.Arguments[1], prelude);
                    return new Cs($"SimSubsidies(row, inScope, {ExpressionEmitter.Nullable(participants)}, {ExpressionEmitter.Nullable(payments)}, _periodsPerDay)", call.Type, false);
                }
                case BuiltinFunction.StaffShare:
                    return new Cs("SimStaffShare(inScope)", call.Type, false);
                case BuiltinFunction.BreaksRules:
                    return new Cs("SimBreaksRules(row, inScope, _periodsPerDay)", call.Type, false);
                case BuiltinFunction.InScope:
                    return new Cs("inScope", call.Type, false);
                case BuiltinFunction.Elasticity:
                    return new Cs("assumptions.Elasticity", call.Type, false);
                case BuiltinFunction.ChargesCap:
                    return new Cs("assumptions.ChargesCap", call.Type, false);
                default:
                {
                    var name = ((BoundMeasure)call.Arguments[0]).Measure.Name;
                    return new Cs($"(first ? {locals[name]} : shared[{index[name]}])", call.Type, true);
                }
            }
        }

        /// <summary>
        /// Measures whose value is the same in every scenario: they read no parameter, no calendar conversion and
        /// no scenario-dependent model function (directly or through other measures).
        /// </summary>
        private HashSet<string> Invariants(IReadOnlyList<MeasureSymbol> order, IReadOnlyDictionary<string, MeasureSymbol> table)
        {
            var applies = new List<BoundExpression>();
            for (var p = _policy.Symbol; p is not null; p = p.Parent)
                if (p.Applies is not null) applies.Add(p.Applies);
            var scopeInvariant = applies.All(Closed);
            var waiversInvariant = scopeInvariant && _policy.Waivers.All(w => w.When is null || Closed(w.When));
            var result = new HashSet<string>(StringComparer.Ordinal);
            bool Invariant(BoundExpression e)
            {
                switch (e)
                {
                    case BoundParameter:
                    case BoundConversion { Conversion: not ConversionKind.Identity }:
                        return false;
                    case BoundMeasure m:
                        return result.Contains(m.Measure.Name);
                    case BoundCall c when BuiltinFunctionFacts.IsModelFunction(c.Function):
                        if (c.Function == BuiltinFunction.WaivedShare && !waiversInvariant) return false;
                        if (c.Function == BuiltinFunction.InScope && !scopeInvariant) return false;
                        if (c.Function is not (BuiltinFunction.WaivedShare or BuiltinFunction.InScope)) return false;
                        break;
                }
                return e.Children.All(Invariant);
            }
            foreach (var m in order)
                if (m.Expression is not null && Invariant(m.Expression))
                    result.Add(m.Name);
            return result;
        }

        /// <summary>No parameter and no calendar conversion anywhere in the expression.</summary>
        private static bool Closed(BoundExpression e) =>
            e is not BoundParameter && e is not BoundConversion { Conversion: not ConversionKind.Identity } && e.Children.All(Closed);

        /// <summary>The model's functions as methods, with the interpreter's semantics (SchoolSimulation).</summary>
        private void WriteModelFunctions()
        {
            var emitter = SimulationEmitter(null, null, null);
            string Holds(BoundExpression? condition, List<string> prelude) =>
                condition is null ? "true" : ExpressionEmitter.Truth(emitter.Emit(condition, prelude));
            void Statements(List<string> prelude)
            {
                foreach (var line in prelude) _w.Line(line);
            }

            // in_scope(): the policy and every policy it extends apply.
            OpenSimulationMethod("private bool SimInScope(in SchoolRow row)");
            _w.Line("var _periodsPerDay = row.PeriodsPerDay;");
            for (var p = _policy.Symbol; p is not null; p = p.Parent)
            {
                if (p.Applies is null) continue;
                var prelude = new List<string>();
                var holds = Holds(p.Applies, prelude);
                _w.Open("");
                Statements(prelude);
                _w.Line($"if (!({holds})) return false;");
                _w.Close();
            }
            _w.Line("return true;");
            _w.Close();
            _w.Line();

            // cap_for_school()
            OpenSimulationMethod("private decimal? SimCapForSchool(in SchoolRow row, bool inScope, decimal _periodsPerDay)");
            _w.Line("if (!inScope) return null;");
            var alwaysFree = false;
            foreach (var free in _policy.Rules.Where(r => r.Form == Syntax.SectionItemForm.Free))
            {
                var prelude = new List<string>();
                var holds = Holds(free.Condition, prelude);
                if (holds == "true" && prelude.Count == 0)
                {
                    // A free service without a condition: the rest would be unreachable.
                    alwaysFree = true;
                    break;
                }
                _w.Open("");
                Statements(prelude);
                _w.Line($"if ({holds}) return 0m;");
                _w.Close();
            }
            if (alwaysFree)
            {
                _w.Line("return 0m;");
                _w.Close();
                _w.Line();
            }
            else
            {
                WriteCapGroups(Holds, Statements);
            }
            WriteOtherModelFunctions(emitter, Holds, Statements);
        }

        private void WriteCapGroups(Func<BoundExpression?, List<string>, string> Holds, Action<List<string>> Statements)
        {
            var groups = new List<string>();
            foreach (var cap in _policy.Caps)
                if (!groups.Contains(cap.GroupKey))
                    groups.Add(cap.GroupKey);
            for (var g = 0; g < groups.Count; g++) _w.Line($"decimal? group_{g} = null;");
            foreach (var cap in _policy.Caps)
            {
                if (cap.IsNone) continue;
                var g = groups.IndexOf(cap.GroupKey);
                var prelude = new List<string>();
                var tests = new List<string> { Holds(cap.When, prelude) };
                foreach (var exception in _policy.Caps.Where(c => c.ExceptionTarget == cap && c.When is not null))
                    tests.Add($"!({Holds(exception.When, prelude)})");
                _w.Open("");
                Statements(prelude);
                _w.Open($"if ({string.Join(" && ", tests)})");
                _w.Line($"var v = _calendar.ConvertRate({_parameters[cap.Parameter!].Field}, TimeUnit.{cap.Unit!.Unit}, TimeUnit.Month, _periodsPerDay);");
                _w.Line($"group_{g} = group_{g} is {{ }} current ? Math.Min(current, v) : v;");
                _w.Close();
                _w.Close();
            }
            var general = groups.IndexOf(string.Empty);
            var parts = Enumerable.Range(0, groups.Count).Where(g => g != general).ToList();
            _w.Line($"decimal? whole = {(general >= 0 ? "group_" + general : "null")};");
            _w.Line(parts.Count == 0
                ? "decimal? sum = null;"
                : $"decimal? sum = {string.Join(" && ", parts.Select(g => $"group_{g} is not null"))} ? 0m{string.Concat(parts.Select(g => $" + group_{g}.Value"))} : (decimal?)null;");
            _w.Line("if (whole is { } w && sum is { } t) return Math.Min(w, t);");
            _w.Line("return whole ?? sum;");
            _w.Close();
            _w.Line();
        }

        private void WriteOtherModelFunctions(ExpressionEmitter emitter, Func<BoundExpression?, List<string>, string> Holds, Action<List<string>> Statements)
        {

            // waived_share(category)
            OpenSimulationMethod("private decimal SimWaivedShare(in SchoolRow row, bool inScope, Category? category)");
            _w.Line("if (category is null || !inScope) return 0m;");
            _w.Line("var _periodsPerDay = row.PeriodsPerDay;");
            _w.Line("var share = 0m;");
            foreach (var waiver in _policy.Waivers)
            {
                var prelude = new List<string>();
                var holds = Holds(waiver.When, prelude);
                _w.Open($"if (category == {TypeMap.EnumMember(waiver.Category)})");
                Statements(prelude);
                _w.Line($"if ({holds}) share += {Constant(waiver.Share, PolicyType.Percent)};");
                _w.Close();
            }
            _w.Line("return Math.Min(share, 1m);");
            _w.Close();
            _w.Line();

            // subsidies(participants, family_payments)
            OpenSimulationMethod("private decimal SimSubsidies(in SchoolRow row, bool inScope, decimal? participants, decimal? familyPayments, decimal _periodsPerDay)");
            _w.Line("if (!inScope) return 0m;");
            _w.Line("var total = 0m;");
            var lines = _policy.Subsidies;
            for (var k = 0; k < lines.Length; k++) _w.Line($"decimal? cost_{k} = null;");
            for (var k = 0; k < lines.Length; k++)
            {
                var line = lines[k];
                var field = _parameters[line.Parameter].Field;
                var prelude = new List<string>();
                var holds = Holds(line.When, prelude);
                string cost;
                switch (line.Kind)
                {
                    case SubsidyKind.PerStudent:
                        cost = $"participants is {{ }} p ? _calendar.ConvertRate({field}, TimeUnit.{((MoneyType)line.Parameter.Type).Unit}, TimeUnit.Year, _periodsPerDay) * p : (decimal?)null";
                        break;
                    case SubsidyKind.ShareOfFamilyPayments:
                        cost = $"familyPayments is {{ }} f ? {field} * f : (decimal?)null";
                        break;
                    default:
                    {
                        var matched = -1;
                        for (var j = 0; j < k; j++)
                            if (lines[j].Id == line.Of)
                                matched = j;
                        cost = matched < 0 ? $"{field} * 0m" : $"{field} * (cost_{matched} ?? 0m)";
                        break;
                    }
                }
                _w.Open("");
                Statements(prelude);
                _w.Open($"if ({holds})");
                _w.Line($"decimal? cost = {cost};");
                _w.Line($"if (cost is {{ }} x) {{ cost_{k} = x; total += x; }}");
                _w.Close();
                _w.Close();
            }
            _w.Line("return total;");
            _w.Close();
            _w.Line();

            // staff_share()
            _w.Line(_policy.StaffShare is { } share
                ? $"private decimal SimStaffShare(bool inScope) => inScope ? {_parameters[share].Field} : 1m;"
                : "private decimal SimStaffShare(bool inScope) => 1m;");
            _w.Line();

            // breaks_rules(): each rule the row can decide, projected onto the row.
            OpenSimulationMethod("private bool SimBreaksRules(in SchoolRow row, bool inScope, decimal _periodsPerDay)");
            _w.Line("if (!inScope) return false;");
            foreach (var (rule, broken) in RowProjection.Project(_policy))
            {
                var prelude = new List<string>();
                var holds = Holds(broken, prelude);
                _w.Line($"// {rule.Id.Replace("\n", " ")}");
                if (holds == "true" && prelude.Count == 0)
                {
                    // A rule every row breaks: the rest would be unreachable.
                    _w.Line("return true;");
                    _w.Close();
                    return;
                }
                _w.Open("");
                Statements(prelude);
                _w.Line($"if ({holds}) return true;");
                _w.Close();
            }
            _w.Line("return false;");
            _w.Close();
        }
    }
}
