using PolicyLang.Binding;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Model;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation;

public sealed class SimulationOptions
{
    public SimulationEngineKind Engine { get; init; } = SimulationEngineKind.Compiled;
    /// <summary>Parameters take their values on this date (their first value when null).</summary>
    public DateTime? AsOf { get; init; }
    /// <summary>Fraction of schools done, 0..1.</summary>
    public IProgress<double>? Progress { get; init; }
    /// <summary>Threads for the compiled engine; all cores when null.</summary>
    public int? Threads { get; init; }
    /// <summary>
    /// The policy's compiled assembly, when its compile (or cache load) was started earlier — policyc starts it beside
    /// the loading of the data; compiled here when null.
    /// </summary>
    public Task<CompiledPolicy>? Compiled { get; init; }
    /// <summary>
    /// Whether every measure of every school is kept (true, the default), as per-school outputs and the HTML report need;
    /// false keeps per school only what the terminal report reads (<see cref="Simulator.ShownMeasures"/>) and computes the
    /// rest without keeping it: a 200,000-school run then writes about half the memory.
    /// </summary>
    public bool PerSchool { get; init; } = true;
}

/// <summary>Simulates a policy over district data: the baseline and each scenario, side by side.</summary>
public static class Simulator
{
    public static SimulationResult Run(BoundPolicy policy, DistrictData data, IReadOnlyList<SimulationScenario> scenarios, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ISimulationEngine engine = options.Engine == SimulationEngineKind.Interpreter
            ? new InterpretedEngine(policy)
            : new CompiledEngine(options.Compiled?.GetAwaiter().GetResult() ?? CompiledPolicy.Compile(policy)) { Threads = options.Threads };
        SimulationTrace.Step("compile (or load the cached assembly)", clock);
        return Run(policy.Symbol.Name, engine, data, scenarios, options);
    }

    /// <summary>The scenarios (after the baseline) on an engine made already, such as a prepared simulation's compiled policy.</summary>
    public static SimulationResult Run(string policyName, ISimulationEngine engine, DistrictData data, IReadOnlyList<SimulationScenario> scenarios, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var all = new List<SimulationScenario> { SimulationScenario.Baseline };
        all.AddRange(scenarios);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<string, bool>? keep = options.PerSchool ? null : ShownMeasures.Contains;
        var columns = engine.Run(data, all, options.AsOf, options.Progress, keep);
        SimulationTrace.Step($"simulate {all.Count} scenarios", clock);
        // Each scenario's measures and totals on their own: side by side on the cores.
        var results = new ScenarioResult[all.Count];
        var notKept = keep is null ? null : new decimal[data.SchoolCount];
        Parallel.For(0, all.Count, k => results[k] = new ScenarioResult(all[k].Name, all[k].Label, Measures(columns, k, data.SchoolCount, keep, notKept)) { SweepValue = all[k].SweepValue });
        var result = new SimulationResult(policyName, data, results[0], results.Skip(1).ToList());
        SimulationTrace.Step("results and totals", clock);
        return result;
    }

    /// <summary>The measures the terminal report reads of each school (per school or in the totals).</summary>
    public static readonly IReadOnlySet<string> ShownMeasures = new HashSet<string>(StringComparer.Ordinal)
    {
        "fee_cap", "participants", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant",
    };

    /// <summary>
    /// One scenario's columns as the standard model's measures plus the policy's own: the columns themselves (a school
    /// without a value has 0 in an amount), not copies. With <paramref name="keep"/>, a standard measure it left out reads
    /// as <paramref name="notKept"/> (zeros) and the policy's own measures it left out are not there.
    /// </summary>
    public static SchoolMeasures Measures(MeasureColumns columns, int scenario, int schools, Func<string, bool>? keep = null, decimal[]? notKept = null)
    {
        var byName = new Dictionary<string, MeasureColumn>(StringComparer.Ordinal);
        for (var m = 0; m < columns.Names.Count; m++)
            if (keep is null || keep(columns.Names[m]))
                byName[columns.Names[m]] = columns.Values[scenario][m];
        decimal[] Amounts(string name) =>
            byName.TryGetValue(name, out var column) ? column.Values : keep is not null && !keep(name) ? notKept ?? new decimal[schools] : new decimal[schools];
        var noncompliant = new bool[schools];
        if (byName.TryGetValue("noncompliant", out var breaks))
            for (var i = 0; i < schools; i++) noncompliant[i] = !breaks.Absent[i] && breaks.Values[i] == 1m;
        var measures = new SchoolMeasures(
            byName.TryGetValue("fee_cap", out var cap) ? cap : MeasureColumn.Empty(schools),
            Amounts("charged_fee"), Amounts("participants"), Amounts("waived"), Amounts("family_payments"), Amounts("subsidy_cost"),
            Amounts("school_revenue"), Amounts("staff_pool"), noncompliant) { PerSchool = keep is null };
        foreach (var (name, column) in byName)
            if (!StandardColumns.Contains(name))
                measures.Extra[name] = column;
        return measures;
    }

    /// <summary>The standard model's measures that <see cref="SchoolMeasures"/> holds in its own properties.</summary>
    private static readonly HashSet<string> StandardColumns = new(StringComparer.Ordinal)
    {
        "fee_cap", "charged_fee", "participants", "waived", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant",
    };
}
