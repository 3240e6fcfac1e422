using BenchmarkDotNet.Attributes;
using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Runtime;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Benchmarks.Compiler;

/// <summary>One district example: its bound policy, its compiled validator, its interpreter and its plans.</summary>
public sealed class ValidationWorkload
{
    public static readonly string[] Districts = { "zaozhuang-shizhong-2019", "tianjin-2021", "liuzhou-2022", "jinshan-2021" };

    private ValidationWorkload(string name, BoundPolicy policy, IPlanValidator compiled, IPlanValidator interpreter, List<SchoolPlan> plans)
    {
        Name = name;
        Policy = policy;
        Compiled = compiled;
        Interpreter = interpreter;
        Plans = plans;
    }

    public string Name { get; }
    public BoundPolicy Policy { get; }
    public IPlanValidator Compiled { get; }
    public IPlanValidator Interpreter { get; }
    public List<SchoolPlan> Plans { get; }

    public static ValidationWorkload Create(string examples, string name, int plans, Plans.Mix mix = PolicyLang.Benchmarks.Compiler.Plans.Mix.Broken)
    {
        var path = Path.Combine(examples, name + ".policy");
        if (!SourceFile.TryRead(path, out var text, out var problem)) throw new InvalidOperationException(problem?.ToString());
        var compilation = PolicyLang.Compilation.Create(SyntaxTree.Parse(text!));
        if (compilation.HasErrors) throw new InvalidOperationException(path + " has errors");
        var date = compilation.Policy.Symbol.Effective;
        var compiled = CompiledPolicy.Compile(compilation.Policy, path).CreateValidator(date);
        var interpreter = new PolicyInterpreter(compilation.Policy, date);
        var workload = new ValidationWorkload(name, compilation.Policy, compiled, interpreter, PolicyLang.Benchmarks.Compiler.Plans.For(examples, name.Split('-')[0], plans, mix));
        workload.CheckSameReports();
        return workload;
    }

    /// <summary>The two validators agree on every plan (the benchmark compares equal work), and some plans break rules.</summary>
    private void CheckSameReports()
    {
        var violations = 0;
        foreach (var plan in Plans)
        {
            var a = Compiled.Validate(plan);
            var b = Interpreter.Validate(plan);
            var ka = string.Join(",", a.Violations.Select(v => v.RuleId + "|" + v.Actual?.English));
            var kb = string.Join(",", b.Violations.Select(v => v.RuleId + "|" + v.Actual?.English));
            if (ka != kb) throw new InvalidOperationException($"{Name}: compiled and interpreted reports differ: {ka} vs {kb}");
            violations += a.Violations.Count;
        }
        if (violations == 0) throw new InvalidOperationException($"{Name}: no plan breaks a rule; the workload is too tame");
    }

    /// <summary>The share of plans that break at least one rule, and violations per plan.</summary>
    public (double Breaking, double Violations) Profile()
    {
        var reports = Plans.Select(p => Compiled.Validate(p)).ToList();
        return (reports.Count(r => r.Violations.Count > 0) / (double)reports.Count, reports.Sum(r => r.Violations.Count) / (double)reports.Count);
    }

    public static int Validate(IPlanValidator validator, List<SchoolPlan> plans)
    {
        var violations = 0;
        foreach (var plan in plans) violations += validator.Validate(plan).Violations.Count;
        return violations;
    }
}

/// <summary>BenchmarkDotNet form: plans validated per call, compiled against the interpreter (the baseline).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private ValidationWorkload _workload = null!;

    [Params("zaozhuang-shizhong-2019", "tianjin-2021", "liuzhou-2022", "jinshan-2021")]
    public string Policy { get; set; } = "";

    [Params(Plans.Mix.Typical, Plans.Mix.Broken)]
    public Plans.Mix Mix { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = ValidationWorkload.Create(Repository.Examples, Policy, 1000, Mix);

    [Benchmark(Baseline = true, Description = "interpreter, 1000 plans")]
    public int Interpreter() => ValidationWorkload.Validate(_workload.Interpreter, _workload.Plans);

    [Benchmark(Description = "compiled validator, 1000 plans")]
    public int Compiled() => ValidationWorkload.Validate(_workload.Compiled, _workload.Plans);
}
