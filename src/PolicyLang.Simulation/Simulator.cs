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
}

/// <summary>Simulates a policy over district data: the baseline and each scenario, side by side.</summary>
public static class Simulator
{
    public static SimulationResult Run(BoundPolicy policy, DistrictData data, IReadOnlyList<SimulationScenario> scenarios, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var all = new List<SimulationScenario> { SimulationScenario.Baseline };
        all.AddRange(scenarios);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ISimulationEngine engine = options.Engine == SimulationEngineKind.Interpreter
            ? new InterpretedEngine(policy)
            : new CompiledEngine(policy, options.Compiled?.GetAwaiter().GetResult() ?? CompiledPolicy.Compile(policy)) { Threads = options.Threads };
        SimulationTrace.Step("compile (or load the cached assembly)", clock);
        var columns = engine.Run(data, all, options.AsOf, options.Progress);
        SimulationTrace.Step($"simulate {all.Count} scenarios", clock);
        var results = all.Select((s, k) => new ScenarioResult(s.Name, s.Label, Measures(columns, k, data.SchoolCount)) { SweepValue = s.SweepValue }).ToList();
        var result = new SimulationResult(policy.Symbol.Name, data, results[0], results.Skip(1).ToList());
        SimulationTrace.Step("results and totals", clock);
        return result;
    }

    /// <summary>One scenario's columns as the standard model's measures plus the policy's own.</summary>
    public static SchoolMeasures Measures(MeasureColumns columns, int scenario, int schools)
    {
        var measures = new SchoolMeasures(schools);
        for (var m = 0; m < columns.Names.Count; m++)
        {
            var values = columns.Values[scenario][m];
            switch (columns.Names[m])
            {
                case "fee_cap": Array.Copy(values, measures.Cap, schools); break;
                case "charged_fee": Fill(values, measures.ChargedFee); break;
                case "participants": Fill(values, measures.Participants); break;
                case "waived": Fill(values, measures.Waived); break;
                case "family_payments": Fill(values, measures.FamilyPayments); break;
                case "subsidy_cost": Fill(values, measures.SubsidyCost); break;
                case "school_revenue": Fill(values, measures.SchoolRevenue); break;
                case "staff_pool": Fill(values, measures.StaffPool); break;
                case "noncompliant":
                    for (var i = 0; i < schools; i++) measures.Noncompliant[i] = values[i] == 1m;
                    break;
                default: measures.Extra[columns.Names[m]] = values; break;
            }
        }
        return measures;
    }

    private static void Fill(decimal?[] from, decimal[] to)
    {
        for (var i = 0; i < to.Length; i++) to[i] = from[i] ?? 0m;
    }
}
