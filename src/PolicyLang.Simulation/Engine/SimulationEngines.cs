using PolicyLang.Binding;
using PolicyLang.Emit;
using PolicyLang.Evaluation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Symbols;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Engine;

/// <summary>Reported measures for every school under every scenario: values[scenario][measure], a column of schools.</summary>
public sealed class MeasureColumns
{
    public MeasureColumns(IReadOnlyList<string> names, MeasureColumn[][] values)
    {
        Names = names;
        Values = values;
    }

    public IReadOnlyList<string> Names { get; }
    public MeasureColumn[][] Values { get; }

    /// <summary>
    /// A column for each measure under each scenario; a measure <paramref name="keep"/> (all when null) leaves out is
    /// still computed, but written to one scratch column that every such measure of every scenario shares and nothing
    /// reads (each school's values land on the one thread that computes that school), so that a run keeps per school
    /// only what it shows.
    /// </summary>
    public static MeasureColumn[][] Allocate(int scenarios, IReadOnlyList<string> measures, int schools, Func<string, bool>? keep = null)
    {
        MeasureColumn? scratch = null;
        var values = new MeasureColumn[scenarios][];
        for (var s = 0; s < scenarios; s++)
        {
            values[s] = new MeasureColumn[measures.Count];
            for (var m = 0; m < measures.Count; m++)
                values[s][m] = keep is null || keep(measures[m]) ? new MeasureColumn(schools) : scratch ??= new MeasureColumn(schools);
        }
        return values;
    }
}

public enum SimulationEngineKind
{
    /// <summary>The policy compiled through Roslyn into column-wise code (the default).</summary>
    Compiled,
    /// <summary>The bound measures evaluated school by school: the reference semantics.</summary>
    Interpreter,
}

/// <summary>Runs a policy's measures over district data under a baseline and scenarios (the baseline first).</summary>
public interface ISimulationEngine
{
    /// <summary>
    /// The measures of every school under each scenario; only those <paramref name="keep"/> keeps (all when it is null)
    /// hold their values: the others are computed and not kept (<see cref="MeasureColumns.Allocate"/>).
    /// </summary>
    MeasureColumns Run(DistrictData data, IReadOnlyList<SimulationScenario> scenarios, DateTime? asOf, IProgress<double>? progress,
        Func<string, bool>? keep = null);
}

/// <summary>
/// The reference: each school's measures evaluated from the bound policy by <see cref="SchoolSimulation"/>,
/// under the baseline and then each scenario (which reads the baseline's values through baseline()).
/// </summary>
public sealed class InterpretedEngine : ISimulationEngine
{
    private readonly BoundPolicy _policy;

    public InterpretedEngine(BoundPolicy policy) => _policy = policy;

    public MeasureColumns Run(DistrictData data, IReadOnlyList<SimulationScenario> scenarios, DateTime? asOf, IProgress<double>? progress,
        Func<string, bool>? keep = null)
    {
        if (scenarios.Any(s => s.IsPrepared)) throw new ArgumentException("a prepared scenario runs on the compiled engine only", nameof(scenarios));
        var table = SimulationMeasures.Table(_policy);
        var reported = SimulationMeasures.Reported(_policy);
        var values = MeasureColumns.Allocate(scenarios.Count, reported.Select(m => m.Name).ToList(), data.SchoolCount, keep);
        var parameters = scenarios.Select(s => new ParameterValues(_policy, asOf, s.Overrides)).ToList();
        var step = Math.Max(1, data.SchoolCount / 100);
        for (var i = 0; i < data.SchoolCount; i++)
        {
            var (school, cohorts) = PlanValues.FromDistrict(data, i);
            SchoolSimulation? baseline = null;
            for (var s = 0; s < scenarios.Count; s++)
            {
                var simulation = new SchoolSimulation(_policy, table, parameters[s], scenarios[s].Assumptions, school, cohorts,
                    baseline is null ? null : baseline.Measure);
                baseline ??= simulation;
                for (var m = 0; m < reported.Count; m++)
                    values[s][m].Set(i, SimulationMeasures.ToDecimal(simulation.Measure(reported[m].Name)));
            }
            if (progress is not null && (i + 1) % step == 0) progress.Report((double)(i + 1) / data.SchoolCount);
        }
        progress?.Report(1);
        return new MeasureColumns(reported.Select(m => m.Name).ToList(), values);
    }
}

/// <summary>
/// The policy compiled through Roslyn (cached on disk): its generated <c>Simulate</c> runs every scenario over
/// each school row in one pass, on chunks of schools in parallel.
/// </summary>
public sealed class CompiledEngine : ISimulationEngine
{
    private readonly CompiledPolicy _compiled;

    public CompiledEngine(CompiledPolicy compiled) => _compiled = compiled;

    public int? Threads { get; init; }

    /// <summary>
    /// Compiles the generated simulation's methods (and the policy's constructors) to machine code on a pool thread, so
    /// that the simulation does not start by waiting for the JIT: policyc calls this while the district data loads and
    /// does not wait for it (a method not prepared yet is compiled when first called, as ever).
    /// </summary>
    /// <returns>The names of the methods compiled.</returns>
    public static Task<List<string>> Prepare(CompiledPolicy compiled) => Task.Run(() =>
    {
        var prepared = new List<string>();
        const System.Reflection.BindingFlags declared = System.Reflection.BindingFlags.DeclaredOnly | System.Reflection.BindingFlags.Public
            | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static;
        var type = compiled.Type;
        // The simulation, the policy's constructors and what makes its parameters (not the parameters record's printing,
        // equality and hashing, which a simulation never calls).
        var parameters = type.GetNestedType("Parameters", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic);
        var methods = type.GetMethods(declared).Where(m => m.Name.StartsWith("Sim", StringComparison.Ordinal)).Cast<System.Reflection.MethodBase>()
            .Concat(type.GetConstructors(declared))
            .Concat(parameters?.GetMethods(declared).Where(m => m.Name == "Create") ?? Enumerable.Empty<System.Reflection.MethodInfo>())
            .Concat(parameters?.GetConstructors(declared) ?? Array.Empty<System.Reflection.ConstructorInfo>());
        foreach (var method in methods)
        {
            if (method.IsAbstract || method.ContainsGenericParameters) continue;
            System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(method.MethodHandle);
            prepared.Add(method.DeclaringType!.Name + "." + method.Name);
        }
        return prepared;
    });

    public MeasureColumns Run(DistrictData data, IReadOnlyList<SimulationScenario> scenarios, DateTime? asOf, IProgress<double>? progress,
        Func<string, bool>? keep = null)
    {
        var type = _compiled.Type;
        var names = (IReadOnlyList<string>)type.GetProperty("SimulationMeasures")!.GetValue(null)!;
        var simulate = type.GetMethod("Simulate")!;
        var instances = Array.CreateInstance(type, scenarios.Count);
        for (var s = 0; s < scenarios.Count; s++)
            instances.SetValue(_compiled.CreateInstance(asOf, scenarios[s].RuntimeOverrides), s);
        var assumptions = scenarios.Select(s => s.Assumptions).ToArray();
        var values = MeasureColumns.Allocate(scenarios.Count, names, data.SchoolCount, keep);

        var n = data.SchoolCount;
        var threads = Math.Max(1, Threads ?? Environment.ProcessorCount);
        var chunk = Math.Max(1024, (n + threads * 8 - 1) / (threads * 8));
        var chunks = (n + chunk - 1) / chunk;
        var done = 0;
        try
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                var start = c * chunk;
                var end = Math.Min(n, start + chunk);
                simulate.Invoke(null, new object[] { data, instances, assumptions, values, start, end });
                var finished = Interlocked.Increment(ref done);
                progress?.Report((double)finished / chunks);
            });
        }
        catch (AggregateException e) when (e.InnerException is System.Reflection.TargetInvocationException { InnerException: { } inner })
        {
            throw new InvalidOperationException("the compiled simulator failed (a policyc bug): " + inner.Message, inner);
        }
        return new MeasureColumns(names, values);
    }
}
