using CsCheck;
using PolicyLang.Evaluation;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Tests.Compiler;

/// <summary>The compiled validator of each example and the interpreter give identical reports.</summary>
public sealed class DifferentialTests : IClassFixture<DifferentialTests.CompiledExamples>
{
    /// <summary>Each example policy compiled once for the whole class.</summary>
    public sealed class CompiledExamples
    {
        public CompiledExamples()
        {
            foreach (var file in Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                Assert.True(SourceFile.TryRead(file, out var text, out _));
                var compilation = PolicyLang.Compilation.Create(SyntaxTree.Parse(text!));
                Assert.False(compilation.HasErrors, file);
                Policies[System.IO.Path.GetRelativePath(Repo.Examples, file)] = (compilation, CompiledPolicy.Compile(compilation.Policy));
            }
        }

        public Dictionary<string, (PolicyLang.Compilation Compilation, CompiledPolicy Compiled)> Policies { get; } = new();
    }

    private readonly CompiledExamples _examples;

    public DifferentialTests(CompiledExamples examples) => _examples = examples;

    public static IEnumerable<object[]> Policies() =>
        Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { System.IO.Path.GetRelativePath(Repo.Examples, f) });

    private static string Describe(ValidationReport report) =>
        $"applies={report.Applies}\n" + string.Join("\n", report.Violations.Select(v =>
            $"{v.RuleId} | {v.Subject?.English} / {v.Subject?.Chinese} | {v.Actual?.English} / {v.Actual?.Chinese} | {v.Limit?.English} / {v.Limit?.Chinese}"));

    [Theory]
    [MemberData(nameof(Policies))]
    public void Compiled_and_interpreted_reports_agree_on_every_example_plan(string policy)
    {
        var (compilation, compiled) = _examples.Policies[policy];
        var date = compilation.Policy.Symbol.Effective;
        var validator = compiled.CreateValidator(date);
        var interpreter = new PolicyInterpreter(compilation.Policy, date);
        foreach (var planFile in Directory.EnumerateFiles(System.IO.Path.Combine(Repo.Examples, "plans"), "*.json"))
        {
            var plan = PlanDocuments.LoadFile(planFile).Plan!;
            Assert.Equal(Describe(interpreter.Validate(plan)), Describe(validator.Validate(plan)));
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Compiled_and_interpreted_reports_agree_on_generated_plans(string policy)
    {
        var (compilation, compiled) = _examples.Policies[policy];
        var date = compilation.Policy.Symbol.Effective;
        var validator = compiled.CreateValidator(date);
        var interpreter = new PolicyInterpreter(compilation.Policy, date);
        var violations = 0;
        PlanGenerators.Plan.Sample(plan =>
        {
            var expected = Describe(interpreter.Validate(plan));
            var actual = Describe(validator.Validate(plan));
            if (expected.Contains('|')) Interlocked.Increment(ref violations);
            Assert.Equal(expected, actual);
        }, iter: 1500, seed: "0N0XIzNsQ0O2");
        Assert.True(violations > 0, "the generated plans never broke a rule: the generator is too tame");
    }

    [Fact]
    public void Overrides_and_dates_reach_compiled_and_interpreted_validators_alike()
    {
        var (compilation, compiled) = _examples.Policies["tianjin-2021.policy"];
        var policy = compilation.Policy;
        var cap = policy.FindParameter("fee.cap.urban")!;
        var end = policy.FindParameter("office_close")!;
        var overrides = new Dictionary<PolicyLang.Symbols.ParameterSymbol, object?> { [cap] = 150m, [end] = new TimeOfDay(18 * 60) };
        var interpreter = new PolicyInterpreter(policy, null, overrides);
        var validator = compiled.CreateValidator(null, overrides.ToDictionary(kv => kv.Key.Name, kv => kv.Value));
        PlanGenerators.Plan.Sample(plan => Assert.Equal(Describe(interpreter.Validate(plan)), Describe(validator.Validate(plan))), iter: 500, seed: "0N0XIzNsQ0O2");
        // window.end is defined as office_close: the override reaches it in both.
        var plan = PlanDocuments.LoadFile(System.IO.Path.Combine(Repo.Examples, "plans", "tianjin-compliant.json")).Plan!;
        plan.School.District = "北辰区";
        plan.Service.Segments.RemoveAt(2);
        Assert.Contains(validator.Validate(plan).Violations, v => v.RuleId == "window.end");
    }
}
