using System.Collections.Immutable;
using System.Globalization;
using PolicyLang.Binding;
using PolicyLang.Diagnostics;
using PolicyLang.Emit;
using PolicyLang.Evaluation;
using PolicyLang.Simulation.Data;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Simulation.Scenarios;

/// <summary>A scenario ready to simulate: parameter overrides (evaluated) and assumptions.</summary>
public sealed class SimulationScenario
{
    public SimulationScenario(string name, string? label, IReadOnlyDictionary<ParameterSymbol, object?> overrides, ScenarioAssumptions assumptions)
    {
        Name = name;
        Label = label;
        Overrides = overrides;
        Assumptions = assumptions;
    }

    /// <summary>
    /// A scenario prepared by an earlier run (<see cref="PreparedSimulations"/>): its overrides only as the compiled
    /// policy takes them, so only the compiled engine can run it.
    /// </summary>
    public static SimulationScenario Prepared(string name, string? label, IReadOnlyDictionary<string, object?> runtimeOverrides, ScenarioAssumptions assumptions,
        decimal? sweepValue = null) =>
        new(name, label, new Dictionary<ParameterSymbol, object?>(), assumptions) { _runtimeOverrides = runtimeOverrides, IsPrepared = true, SweepValue = sweepValue };

    private IReadOnlyDictionary<string, object?>? _runtimeOverrides;

    public string Name { get; }
    public string? Label { get; }
    /// <summary>The overrides as the interpreter takes them; empty for a <see cref="Prepared"/> scenario.</summary>
    public IReadOnlyDictionary<ParameterSymbol, object?> Overrides { get; }
    public ScenarioAssumptions Assumptions { get; }
    /// <summary>For a sweep: the swept value, in the parameter's unit.</summary>
    public decimal? SweepValue { get; init; }
    /// <summary>Made by <see cref="Prepared"/>: the overrides are known only by name, as runtime values.</summary>
    public bool IsPrepared { get; private init; }

    /// <summary>The overrides by parameter name, as a compiled policy's <c>Parameters.Create</c> takes them (<see cref="RuntimeValues"/>).</summary>
    public IReadOnlyDictionary<string, object?> RuntimeOverrides => _runtimeOverrides ??=
        Overrides.ToDictionary(kv => kv.Key.Name, kv => RuntimeValues.ToRuntime(kv.Value, kv.Key.Type), StringComparer.Ordinal);

    /// <summary>The policy as written: no overrides, no assumptions.</summary>
    public static SimulationScenario Baseline { get; } = new("baseline", null, new Dictionary<ParameterSymbol, object?>(), ScenarioAssumptions.None);

    /// <summary>A policy's own scenario block.</summary>
    public static SimulationScenario From(BoundPolicy policy, BoundScenario scenario, DateTime? asOf = null)
    {
        var overrides = ParameterValues.Overrides(policy, scenario, asOf);
        var elasticity = 0m;
        if (scenario.Elasticity is not null && ConstantFolder.TryFold(scenario.Elasticity, out var e, asOf) && e is decimal d) elasticity = d;
        return new SimulationScenario(scenario.Name, scenario.Label, overrides, new ScenarioAssumptions { Elasticity = elasticity, ChargesCap = scenario.SchoolsChargeCap });
    }
}

/// <summary>A problem with a scenario given on the command line: the argument and what is wrong with it.</summary>
public sealed class ScenarioError
{
    public ScenarioError(string argument, Diagnostic? diagnostic, LocalizedText message)
    {
        Argument = argument;
        Diagnostic = diagnostic;
        Message = message;
    }

    public string Argument { get; }
    public Diagnostic? Diagnostic { get; }
    public LocalizedText Message { get; }

    public string ToString(Language language) =>
        Diagnostic is { } d
            ? $"{Argument}: {Diagnostic.SeverityName(d.Severity)} {d.Code}: {d.GetMessage(language)}"
            : $"{Argument}: {(language == Language.Chinese ? "错误" : "error")}: {Message.ToString(language)}";

    public override string ToString() => ToString(Language.English);
}

/// <summary>
/// Scenarios from the command line. <c>--set NAME=VALUE</c> (several make one scenario) and
/// <c>--sweep NAME=FROM..TO:STEP</c> are written as scenario text and bound against the policy, so targets, types
/// and units are checked as in a <c>scenario</c> block; a bare number takes the target's own unit
/// (<c>fee.cap=150</c> is 150 CNY per student per month for a monthly cap).
/// </summary>
public static class CommandLineScenarios
{
    public const int MaxSweepSteps = 1000;

    public static SimulationScenario? FromSets(BoundPolicy policy, IReadOnlyList<string> sets, DateTime? asOf, List<ScenarioError> errors, string name = "custom")
    {
        var items = new List<string>();
        foreach (var set in sets)
        {
            var split = set.IndexOf('=');
            if (split <= 0)
            {
                errors.Add(new ScenarioError("--set " + set, null, new LocalizedText("expected NAME=VALUE, e.g. fee.cap=150", "应为 名称=值，如 fee.cap=150")));
                continue;
            }
            var target = set.Substring(0, split).Trim();
            var value = set.Substring(split + 1).Trim();
            if (!ValidTarget(target))
            {
                errors.Add(new ScenarioError("--set " + set, null, new LocalizedText($"'{target}' is not a parameter name", $"“{target}”不是参数名")));
                continue;
            }
            items.Add($"set {target} = {WithUnit(policy, target, value)}");
        }
        if (items.Count == 0 || errors.Count > 0) return null;
        var label = "--set " + string.Join(" --set ", sets);
        return Bind(policy, name, label, items, asOf, "--set " + string.Join(" --set ", sets), errors);
    }

    /// <summary>One scenario per value of FROM..TO:STEP (bounds included).</summary>
    public static IReadOnlyList<SimulationScenario> FromSweep(BoundPolicy policy, string sweep, DateTime? asOf, List<ScenarioError> errors, out string? parameter, out string? unit)
    {
        parameter = null;
        unit = null;
        var argument = "--sweep " + sweep;
        var split = sweep.IndexOf('=');
        var range = split > 0 ? sweep.Substring(split + 1) : string.Empty;
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        var colon = range.LastIndexOf(':');
        if (split <= 0 || dots <= 0 || colon <= dots + 2
            || !TryNumber(range.Substring(0, dots), out var from)
            || !TryNumber(range.Substring(dots + 2, colon - dots - 2), out var to)
            || !TryNumber(range.Substring(colon + 1), out var step))
        {
            errors.Add(new ScenarioError(argument, null, new LocalizedText("expected NAME=FROM..TO:STEP with numbers, e.g. fee.cap=100..200:10", "应为 名称=起..止:步长（数字），如 fee.cap=100..200:10")));
            return Array.Empty<SimulationScenario>();
        }
        var target = sweep.Substring(0, split).Trim();
        if (step <= 0 || to < from)
        {
            errors.Add(new ScenarioError(argument, null, new LocalizedText("the step must be above zero and FROM at most TO", "步长须大于零，且起值不大于止值")));
            return Array.Empty<SimulationScenario>();
        }
        var count = decimal.Floor((to - from) / step) + 1;
        if (count > MaxSweepSteps)
        {
            errors.Add(new ScenarioError(argument, null, new LocalizedText($"{count} steps; a sweep has at most {MaxSweepSteps}", $"共 {count} 步；扫描最多 {MaxSweepSteps} 步")));
            return Array.Empty<SimulationScenario>();
        }
        if (!ValidTarget(target) || ScenarioBinder.Target(policy, target) is not { } p)
        {
            // Let the binder say what is wrong with the name (unknown, ambiguous, with a suggestion).
            Bind(policy, "sweep", null, new[] { $"set {(ValidTarget(target) ? target : "_")} = {from.ToString(CultureInfo.InvariantCulture)}" }, asOf, argument, errors);
            if (errors.Count == 0) errors.Add(new ScenarioError(argument, null, new LocalizedText($"'{target}' is not a parameter name", $"“{target}”不是参数名")));
            return Array.Empty<SimulationScenario>();
        }
        parameter = p.Name;
        unit = p.Type.ToString(Language.English);
        var result = new List<SimulationScenario>();
        for (var i = 0; i < count; i++)
        {
            var value = from + i * step;
            var text = value.ToString(CultureInfo.InvariantCulture);
            var scenario = Bind(policy, "sweep_" + (i + 1).ToString(CultureInfo.InvariantCulture), $"{target} = {text}",
                new[] { $"set {target} = {WithUnit(policy, target, text)}" }, asOf, argument, errors);
            if (scenario is null) return Array.Empty<SimulationScenario>();
            result.Add(new SimulationScenario(scenario.Name, scenario.Label, scenario.Overrides, scenario.Assumptions) { SweepValue = value });
        }
        return result;
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>A dotted name of words: no scenario syntax can ride in on it.</summary>
    private static bool ValidTarget(string target) =>
        target.Length > 0 && target.Length <= 200 && target.Split('.').All(part => part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '#' || c > 127));

    /// <summary>A bare number for a quantity with a unit gets the target's unit.</summary>
    private static string WithUnit(BoundPolicy policy, string target, string value)
    {
        if (!TryNumber(value, out _) || ScenarioBinder.Target(policy, target) is not { } p) return value;
        return p.Type switch
        {
            MoneyType m => $"{value} {m.ToString(Language.English)}",
            DurationRateType d => $"{value} min per {d.ToString(Language.English).Split(' ').Last()}",
            _ => p.Type.Kind switch
            {
                TypeKind.Percent => value + "%",
                TypeKind.Duration => value + " min",
                TypeKind.Periods => value + " periods",
                _ => value,
            },
        };
    }

    private static SimulationScenario? Bind(BoundPolicy policy, string name, string? label, IEnumerable<string> items, DateTime? asOf, string argument, List<ScenarioError> errors)
    {
        var text = $"scenario {name} {{\n  {string.Join("\n  ", items)}\n}}\n";
        var tree = SyntaxTree.Parse(text, argument);
        if (!tree.HasErrors && (tree.Root.Members.Length != 1 || tree.Root.Members[0] is not ScenarioDeclarationSyntax { Items.Length: var count } || count != items.Count()))
        {
            // A value that closes the scenario and adds declarations of its own.
            errors.Add(new ScenarioError(argument, null, new LocalizedText("each value must be a single value of the parameter's type", "每个取值必须是该参数类型的单个值")));
            return null;
        }
        var scenarios = ScenarioBinder.Bind(policy, tree, out var diagnostics);
        var problems = diagnostics.Where(d => d.IsError).ToList();
        foreach (var d in problems) errors.Add(new ScenarioError(argument, d, new LocalizedText(d.GetMessage(Language.English), d.GetMessage(Language.Chinese))));
        if (problems.Count > 0 || scenarios.Length == 0) return null;
        var bound = SimulationScenario.From(policy, scenarios[0], asOf);
        return new SimulationScenario(name, label ?? argument, bound.Overrides, bound.Assumptions);
    }
}
