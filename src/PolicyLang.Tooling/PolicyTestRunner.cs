using System.Text.Json.Nodes;
using PolicyLang.Binding;
using PolicyLang.Evaluation;

namespace PolicyLang.Tooling;

public enum TestEngine
{
    Compiled,
    Interpreted,
}

public sealed class PolicyTestResult
{
    public PolicyTestResult(string policy, string name, bool passed, string expected, string actual, IReadOnlyList<string> errors, BoundTest test)
    {
        Policy = policy;
        Name = name;
        Passed = passed;
        Expected = expected;
        Actual = actual;
        Errors = errors;
        Test = test;
    }

    public string Policy { get; }
    public string Name { get; }
    public bool Passed { get; }
    public string Expected { get; }
    public string Actual { get; }
    /// <summary>Problems that stopped the test from running (a plan file that is not a plan).</summary>
    public IReadOnlyList<string> Errors { get; }
    public BoundTest Test { get; }
}

/// <summary>Runs the <c>test</c> blocks of a policy: loads each plan (file, inline, overlay), validates it, compares.</summary>
public static class PolicyTestRunner
{
    public static IReadOnlyList<PolicyTestResult> Run(BoundPolicy policy, TestEngine engine, Language language = Language.English, CompiledPolicy? compiled = null)
    {
        var results = new List<PolicyTestResult>();
        if (policy.Tests.IsEmpty) return results;
        if (engine == TestEngine.Compiled) compiled ??= CompiledPolicy.Compile(policy);
        foreach (var test in policy.Tests)
        {
            var date = test.Date ?? policy.Symbol.Effective;
            var expected = Describe(test);
            var plan = LoadPlan(test, language, out var errors);
            if (plan is null)
            {
                results.Add(new PolicyTestResult(policy.Symbol.Name, test.Name, false, expected, language == Language.Chinese ? "计划无法读取" : "the plan could not be read", errors, test));
                continue;
            }
            IPlanValidator validator = engine == TestEngine.Compiled ? compiled!.CreateValidator(date) : new PolicyInterpreter(policy, date);
            var report = validator.Validate(plan);
            var actualIds = report.Violations.Select(v => v.RuleId).Distinct().ToList();
            bool passed;
            if (test.ExpectCompliant)
            {
                passed = report.IsCompliant;
            }
            else
            {
                var matched = test.ExpectedViolations.All(e => actualIds.Any(id => RuleIds.Matches(id, e)));
                var explained = actualIds.All(id => test.ExpectedViolations.Any(e => RuleIds.Matches(id, e)));
                passed = matched && explained;
            }
            var actual = report.Violations.Count == 0
                ? (report.Applies ? "compliant" : "compliant (the policy does not apply to this school)")
                : "violation " + string.Join(", ", actualIds);
            results.Add(new PolicyTestResult(policy.Symbol.Name, test.Name, passed, expected, actual, Array.Empty<string>(), test));
        }
        return results;
    }

    private static string Describe(BoundTest test) =>
        test.ExpectCompliant ? "compliant" : "violation " + string.Join(", ", test.ExpectedViolations);

    public static SchoolPlan? LoadPlan(BoundTest test, Language language, out IReadOnlyList<string> errors)
    {
        JsonNode? document;
        string where;
        if (test.PlanFile is { } file)
        {
            where = file;
            if (!File.Exists(file))
            {
                errors = new[] { $"{file}: {(language == Language.Chinese ? "文件不存在" : "no such file")}" };
                return null;
            }
            try
            {
                document = JsonNode.Parse(File.ReadAllBytes(file));
            }
            catch (System.Text.Json.JsonException)
            {
                // Let the strict reader say what is wrong, with its location.
                var loaded = PlanDocuments.LoadFile(file, language);
                errors = loaded.Errors;
                return loaded.Plan;
            }
        }
        else if (test.InlinePlan is { } inline)
        {
            where = $"test \"{test.Name}\"";
            document = PlanDocuments.ToJson(inline);
        }
        else
        {
            errors = new[] { $"test \"{test.Name}\": {(language == Language.Chinese ? "没有给定计划" : "no plan given")}" };
            return null;
        }
        if (test.Overlay is { } overlay) document = PlanDocuments.Overlay(document, PlanDocuments.ToJson(overlay));
        var result = PlanDocuments.FromJson(PlanDocuments.Serialize(document), where, language);
        errors = result.Errors;
        return result.Plan;
    }
}
