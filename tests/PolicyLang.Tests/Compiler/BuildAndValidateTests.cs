using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using System.Text.Json;
using PolicyLang.Emit;
using PolicyLang.Syntax;
using PolicyLang.Text;
using static PolicyLang.Tests.TestHelpers;

namespace PolicyLang.Tests.Compiler;

public sealed class BuildAndValidateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policyc-build-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Repo.Path("examples", name);
    private static string Plan(string name) => Repo.Path("examples", "plans", name);

    [Fact]
    public void Build_writes_a_deterministic_assembly_and_a_pdb_that_maps_to_policy_lines()
    {
        var first = Path.Combine(_dir, "a", "Liuzhou.dll");
        var second = Path.Combine(_dir, "b", "Liuzhou.dll");
        var cs = Path.Combine(_dir, "cs");
        Assert.Equal(0, Policyc("build", Example("liuzhou-2022.policy"), "-o", first, "--emit-cs", cs).Exit);
        Assert.Equal(0, Policyc("build", Example("liuzhou-2022.policy"), "-o", second).Exit);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.True(File.Exists(Path.Combine(cs, "Liuzhou2022Policy.g.cs")));

        using var pdb = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(first, ".pdb")));
        var reader = pdb.GetMetadataReader();
        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        Assert.Contains(documents, d => d.EndsWith("liuzhou-2022.policy", StringComparison.Ordinal));
        // Sequence points of Validate land on the lines of the policy's rules.
        var policyDocument = reader.Documents.First(h => reader.GetString(reader.GetDocument(h).Name).EndsWith(".policy", StringComparison.Ordinal));
        var lines = reader.MethodDebugInformation.SelectMany(h => reader.GetMethodDebugInformation(h).GetSequencePoints())
            .Where(p => p.Document == policyDocument && !p.IsHidden).Select(p => p.StartLine).Distinct().ToList();
        var policyLines = File.ReadAllLines(Example("liuzhou-2022.policy"));
        Assert.Contains(lines, l => policyLines[l - 1].Contains("元/生/月", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.InRange(l, 1, policyLines.Length));
        Assert.Contains(lines, l => policyLines[l - 1].StartsWith("rule no_new_lessons", StringComparison.Ordinal));
    }

    [Fact]
    public void A_built_assembly_validates_plans_from_a_separate_load_context()
    {
        var dll = Path.Combine(_dir, "Tianjin.dll");
        Assert.Equal(0, Policyc("build", Example("tianjin-2021.policy"), "-o", dll).Exit);
        var context = new System.Runtime.Loader.AssemblyLoadContext("test", isCollectible: true);
        var assembly = context.LoadFromAssemblyPath(dll);
        var type = assembly.GetType("PolicyLang.Policies.Tianjin2021Policy")!;
        var validator = (IPlanValidator)Activator.CreateInstance(type)!;
        var report = validator.Validate(PlanReader.Read(File.ReadAllBytes(Plan("tianjin-noncompliant.json"))).Plan!);
        Assert.Contains(report.Violations, v => v.RuleId == "fee.cap.urban" && v.Citation == "11");
        context.Unload();
    }

    [Fact]
    public void A_policy_with_errors_is_never_compiled()
    {
        var broken = Path.Combine(_dir, "broken.policy");
        File.WriteAllText(broken, "policy p { title \"t\" }\nfee { cap 100 § \"1\" }\n");
        var dll = Path.Combine(_dir, "broken.dll");
        var (exit, _, stderr) = Policyc("build", broken, "-o", dll);
        Assert.Equal(1, exit);
        Assert.Contains("PL0200", stderr);
        Assert.False(File.Exists(dll));
        Assert.Equal(2, Policyc("validate", broken, Plan("liuzhou-compliant.json")).Exit);
    }

    [Theory]
    [InlineData("compiled")]
    [InlineData("interpreter")]
    public void Validate_reports_each_plan_with_clause_cited_violations(string engine)
    {
        var (exit, stdout, _) = Policyc("validate", "--engine", engine, Example("zaozhuang-shizhong-2019.policy"), Plan("zaozhuang-compliant.json"), Plan("zaozhuang-noncompliant.json"));
        Assert.Equal(1, exit);
        Assert.Contains("zaozhuang-compliant.json: complies with zaozhuang_shizhong_2019", stdout);
        Assert.Contains("error fee.cap (§ 七): fees may be at most 100 CNY per student per month; found 120 CNY per student per month", stdout);
        Assert.Equal(0, Policyc("validate", "--engine", engine, Example("zaozhuang-shizhong-2019.policy"), Plan("zaozhuang-compliant.json")).Exit);
    }

    [Fact]
    public void Validate_json_follows_the_contract()
    {
        var (_, stdout, _) = Policyc("validate", "--format", "json", Example("liuzhou-2022.policy"), Plan("liuzhou-noncompliant.json"));
        using var doc = JsonDocument.Parse(stdout);
        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.EndsWith("liuzhou-noncompliant.json", result.GetProperty("plan").GetString());
        Assert.False(result.GetProperty("compliant").GetBoolean());
        var cap = result.GetProperty("violations").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "fee.cap.township");
        foreach (var key in new[] { "rule", "code", "citation", "message", "actual", "limit" }) Assert.True(cap.TryGetProperty(key, out _), key);
        Assert.Equal("fee.cap", cap.GetProperty("code").GetString());
        Assert.Equal("四（三）", cap.GetProperty("citation").GetString());
        Assert.Equal("120 CNY per student per month", cap.GetProperty("actual").GetString());
        Assert.Equal("80 CNY per student per month", cap.GetProperty("limit").GetString());
    }

    [Fact]
    public void Validate_explain_shows_every_rule_with_its_values_and_clause()
    {
        var (_, stdout, _) = Policyc("validate", "--explain", "--lang", "zh", Example("jinshan-2021.policy"), Plan("jinshan-noncompliant.json"));
        Assert.Contains("window.end.late_care 依据 三.2", stdout);
        Assert.Contains("✗ 违反: 对象 晚托；实际 18:30；限值 18:00", stdout);
        Assert.Contains("✓ 满足", stdout);
    }

    [Theory]
    [InlineData("not json {", "$: not valid JSON at line 1")]
    [InlineData("", "$: the file is empty")]
    [InlineData("{\"school\": {\"students\": \"many\"}}", "$.school.students: expected a whole number, found \"many\"")]
    [InlineData("{\"school\": {}, \"extra\": 1}", "$.extra: unknown field")]
    public void Bad_plans_exit_2_with_the_file_and_the_json_path(string json, string expected)
    {
        var plan = Path.Combine(_dir, "bad.json");
        File.WriteAllText(plan, json);
        var (exit, stdout, stderr) = Policyc("validate", Example("liuzhou-2022.policy"), plan);
        Assert.Equal(2, exit);
        Assert.Contains(plan + ": " + expected, stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public void A_truncated_plan_and_a_bad_time_are_located()
    {
        var source = File.ReadAllText(Plan("liuzhou-compliant.json"));
        var truncated = Path.Combine(_dir, "truncated.json");
        File.WriteAllText(truncated, source.Substring(0, source.Length / 2));
        var badTime = Path.Combine(_dir, "time.json");
        File.WriteAllText(badTime, source.Replace("\"dismissal\": \"15:30\"", "\"dismissal\": \"25:99\""));
        var (exit, _, stderr) = Policyc("validate", Example("liuzhou-2022.policy"), truncated, badTime);
        Assert.Equal(2, exit);
        Assert.Contains("truncated.json: $: not valid JSON at line", stderr);
        Assert.Contains("time.json: $.service.dismissal: expected a time \"HH:MM\"", stderr);
    }

    [Fact]
    public void A_very_large_plan_validates()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Plan("zaozhuang-compliant.json")))!;
        document["activities"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, 300_000)
            .Select(i => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject { ["name"] = "活动" + i, ["kind"] = i == 299_999 ? "new_lesson" : "reading" }).ToArray());
        var path = Path.Combine(_dir, "large.json");
        File.WriteAllText(path, document.ToJsonString());
        var (exit, stdout, stderr) = Policyc("validate", Example("zaozhuang-shizhong-2019.policy"), path);
        Assert.True(exit == 1, stderr);
        Assert.Contains("no_new_lessons", stdout);
    }

    [Fact]
    public void Test_runs_every_test_block_and_reports_expected_against_actual()
    {
        var (exit, stdout, _) = Policyc("test", Repo.Examples);
        Assert.True(exit == 0, stdout);
        Assert.Contains("28 tests: 28 passed, 0 failed.", stdout);

        var failing = Path.Combine(_dir, "failing.policy");
        File.WriteAllText(failing, File.ReadAllText(Example("liuzhou-2022.policy")).Replace("expect violation fee.cap.township, fee.collected_by,", "expect violation fee.collected_by,"));
        Directory.CreateDirectory(Path.Combine(_dir, "plans"));
        foreach (var f in Directory.GetFiles(Repo.Path("examples", "plans"))) File.Copy(f, Path.Combine(_dir, "plans", Path.GetFileName(f)));
        var (failExit, failOut, _) = Policyc("test", failing);
        Assert.Equal(1, failExit);
        Assert.Contains("FAIL  liuzhou_2022: a township school at 120", failOut);
        Assert.Contains("actual   violation window.end, fee.cap.township", failOut);
    }

    [Fact]
    public void The_emitted_CSharp_of_every_example_compiles_without_a_warning()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories))
        {
            Assert.True(SourceFile.TryRead(file, out var text, out _));
            var compilation = PolicyLang.Compilation.Create(SyntaxTree.Parse(text!));
            var emitted = PolicyEmitter.Emit(compilation.Policy);
            var result = AssemblyBuilder.Build(new[] { emitted }, "Check");
            Assert.True(result.Success, file + "\n" + string.Join("\n", result.Diagnostics));
            Assert.Empty(result.Diagnostics);
        }
    }

    [Fact]
    public void Policy_strings_reach_generated_code_only_as_literals()
    {
        var evil = "policy evil {\n  title \"\\\"); System.Environment.Exit(1); //\"\n  issuer \"*/ } class X { \"\n  effective 2021-01-01\n}\n"
                   + "rule r \"\\\"+(1/0)+\\\"\" § \"\\\\\\\"\"\n  require plan.disclosure.published\n";
        var compilation = TestHelpers.Compile(evil);
        Assert.False(compilation.HasErrors, TestHelpers.Render(compilation.Diagnostics));
        var emitted = PolicyEmitter.Emit(compilation.Policy);
        var result = AssemblyBuilder.Build(new[] { emitted }, "Evil");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(emitted.Source);
        Assert.DoesNotContain(tree.GetRoot().DescendantNodes(), n => n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax i && i.ToString().Contains("Exit", StringComparison.Ordinal));
    }
}
