using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyLang.Cli.Commands;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Tests.Simulation;

namespace PolicyLang.Tests.Cli;

/// <summary>
/// A simulation run again with the same arguments uses what the earlier run learned of its policy
/// (<see cref="PreparedSimulations"/>) and prints exactly what binding the policy again would; any change to an input
/// of the binding (the policy, a policy it extends, a file beside it, a test's plan file, the scenarios asked for)
/// binds it again.
/// </summary>
public sealed class PreparedSimulationTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PreparedSimulations _cache;
    private readonly string _policy;
    private static readonly string Data = Repo.Path("examples", "data", "liuzhou");

    public PreparedSimulationTests()
    {
        _cache = new PreparedSimulations(_temp.Path("cache"));
        // The example with the plan files its tests name, in a folder of its own.
        Directory.CreateDirectory(_temp.Path("policies", "plans"));
        _policy = _temp.Path("policies", "liuzhou-2022.policy");
        File.Copy(Repo.Path("examples", "liuzhou-2022.policy"), _policy);
        foreach (var plan in Directory.GetFiles(Repo.Path("examples", "plans"), "liuzhou-*.json"))
            File.Copy(plan, _temp.Path("policies", "plans", Path.GetFileName(plan)));
    }

    public void Dispose() => _temp.Dispose();

    private (int Exit, string Stdout, string Stderr) Simulate(string policy, string format = "json", string engine = "compiled", bool cached = true,
        string[]? sets = null, string[]? scenarios = null, string? sweep = null, string? asOf = "2023-03-01")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var raw = new MemoryStream();
        var exit = SimulateCommand.Run(new SimulateArguments
        {
            Policy = policy,
            Data = Data,
            Format = format,
            Engine = engine,
            Sets = sets ?? Array.Empty<string>(),
            Scenarios = scenarios ?? Array.Empty<string>(),
            Sweep = sweep,
            AsOf = asOf,
            PreparedSimulations = cached ? _cache : null,
        }, Language.English, stdout, stderr, () => raw);
        // The text report ends with the time the simulation took, which differs from run to run.
        var text = Regex.Replace(stdout.ToString(), @"Simulated in [0-9.]+ s", "Simulated in _ s");
        return (exit, text + System.Text.Encoding.UTF8.GetString(raw.ToArray()), stderr.ToString());
    }

    private static decimal Total(string json, string scenario, string total) =>
        JsonDocument.Parse(json).RootElement.GetProperty("scenarios").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == scenario).GetProperty("totals").GetProperty(total).GetDecimal();

    private void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    [Fact]
    public void The_same_run_again_is_prepared_and_prints_the_same_json_and_text()
    {
        var first = Simulate(_policy);
        Assert.True(first.Exit == 0, first.Stderr);
        Assert.Equal(0, _cache.Hits);
        Assert.Single(Directory.GetFiles(_cache.Directory, "*.json"));
        var again = Simulate(_policy);
        Assert.Equal(1, _cache.Hits);
        Assert.Equal(first, again);

        // The entry serves every output.
        var text = Simulate(_policy, format: "text");
        Assert.Equal(2, _cache.Hits);
        Assert.Equal(Simulate(_policy, format: "text", cached: false), text);
        Assert.Contains("柳州市义务教育学校课后服务工作实施办法", text.Stdout);
        Assert.Contains("urban_150: 市区公办学校收费提至150元", text.Stdout);
    }

    [Fact]
    public void Each_set_of_scenarios_and_each_date_has_its_own_entry()
    {
        var at2 = Simulate(_policy, sets: new[] { "subsidy.city=2" });
        var at3 = Simulate(_policy, sets: new[] { "subsidy.city=3" });
        Assert.Equal(0, _cache.Hits);
        Assert.NotEqual(Total(at2.Stdout, "custom", "subsidy_cost"), Total(at3.Stdout, "custom", "subsidy_cost"));
        Assert.Equal(at2, Simulate(_policy, sets: new[] { "subsidy.city=2" }));
        Assert.Equal(at3, Simulate(_policy, sets: new[] { "subsidy.city=3" }));
        Assert.Equal(2, _cache.Hits);

        // A sweep keeps its swept values, labels, parameter and unit.
        var sweep = Simulate(_policy, sweep: "fee.cap.urban=100..140:20");
        Assert.Equal(sweep, Simulate(_policy, sweep: "fee.cap.urban=100..140:20"));
        Assert.Equal(3, _cache.Hits);
        Assert.Contains("\"sweep_value\"", sweep.Stdout);

        var named = Simulate(_policy, scenarios: new[] { "subsidy_2" });
        Assert.Equal(named, Simulate(_policy, scenarios: new[] { "subsidy_2" }));
        Assert.Equal(4, _cache.Hits);
        Simulate(_policy, scenarios: new[] { "subsidy_2" }, asOf: "2024-03-01");
        Assert.Equal(4, _cache.Hits);
    }

    [Fact]
    public void An_edited_policy_is_bound_again()
    {
        var before = Simulate(_policy);
        Edit(_policy, "city: 1 CNY per student per day", "city: 3 CNY per student per day");
        var after = Simulate(_policy);
        Assert.True(after.Exit == 0, after.Stderr);
        Assert.Equal(0, _cache.Hits);
        Assert.Equal(3 * Total(before.Stdout, "baseline", "subsidy_cost"), Total(after.Stdout, "baseline", "subsidy_cost"));
        Assert.Equal(after, Simulate(_policy));
        Assert.Equal(1, _cache.Hits);

        // A policy made wrong is reported as without an entry.
        Edit(_policy, "city: 3 CNY per student per day", "city: 3 CNY per student per fortnight");
        var broken = Simulate(_policy);
        Assert.Equal(2, broken.Exit);
        Assert.Contains("liuzhou-2022.policy(38,30): error PL0005", broken.Stderr);
        Assert.Equal(1, _cache.Hits);
    }

    [Fact]
    public void An_edited_parent_or_a_policy_file_added_beside_it_binds_the_child_again()
    {
        var child = _temp.Path("policies", "child.policy");
        File.WriteAllText(child, """
            // A district that takes the city's measures as they are (Seed 003, 四（三）).
            policy liuzhou_district {
              title     "区级课后服务方案"
              issuer    "区教育局"
              level     district
              effective 2022-09-01
              extends   liuzhou_2022
            }
            """);
        var before = Simulate(child);
        Assert.True(before.Exit == 0, before.Stderr);
        Assert.Equal(before, Simulate(child));
        Assert.Equal(1, _cache.Hits);

        Edit(_policy, "city: 1 CNY per student per day", "city: 2 CNY per student per day");
        var after = Simulate(child);
        Assert.Equal(1, _cache.Hits);
        Assert.Equal(2 * Total(before.Stdout, "baseline", "subsidy_cost"), Total(after.Stdout, "baseline", "subsidy_cost"));
        Assert.Equal(after, Simulate(child));
        Assert.Equal(2, _cache.Hits);

        // A new file where 'extends' looks might hold the parent: looked at again (and, here, it does not).
        File.WriteAllText(_temp.Path("policies", "another.policy"), "policy another { title \"t\" issuer \"i\" effective 2022-09-01 }\n");
        Assert.Equal(after, Simulate(child));
        Assert.Equal(2, _cache.Hits);
        Assert.Equal(after, Simulate(child));
        Assert.Equal(3, _cache.Hits);
    }

    [Fact]
    public void A_test_plan_file_removed_since_is_reported_as_without_an_entry()
    {
        Assert.Equal(0, Simulate(_policy).Exit);
        File.Delete(_temp.Path("policies", "plans", "liuzhou-compliant.json"));
        var run = Simulate(_policy);
        Assert.Equal(0, _cache.Hits);
        Assert.Equal(2, run.Exit);
        Assert.Contains("PL0122", run.Stderr);
        Assert.Equal(Simulate(_policy, cached: false).Stderr, run.Stderr);
    }

    [Fact]
    public void An_entry_cut_short_or_naming_an_assembly_no_longer_there_is_passed_over()
    {
        var first = Simulate(_policy);
        var entry = Assert.Single(Directory.GetFiles(_cache.Directory, "*.json"));
        var text = File.ReadAllText(entry);
        File.WriteAllText(entry, text.Substring(0, text.Length / 2));
        Assert.Equal(first, Simulate(_policy));
        Assert.Equal(0, _cache.Hits);
        Assert.Equal(first, Simulate(_policy));
        Assert.Equal(1, _cache.Hits);

        using (var document = JsonDocument.Parse(File.ReadAllText(entry)))
            File.Delete(document.RootElement.GetProperty("assembly").GetString()!);
        Assert.Equal(first, Simulate(_policy));
        Assert.Equal(1, _cache.Hits);
    }

    [Fact]
    public void A_cached_assembly_that_no_longer_loads_is_compiled_again()
    {
        // A subsidy of its own, so that no other test shares this policy's assembly.
        Edit(_policy, "city: 1 CNY per student per day", "city: 1.25 CNY per student per day");
        var first = Simulate(_policy);
        var entry = Assert.Single(Directory.GetFiles(_cache.Directory, "*.json"));
        string assembly;
        using (var document = JsonDocument.Parse(File.ReadAllText(entry))) assembly = document.RootElement.GetProperty("assembly").GetString()!;
        File.WriteAllBytes(assembly, new byte[] { 0x4D, 0x5A, 0, 0, 1, 2, 3 });
        Assert.Null(PolicyLang.Tooling.CompiledPolicy.LoadCached(assembly, "PolicyLang.Policies.Liuzhou2022Policy"));
        Assert.Equal(first, Simulate(_policy));
        Assert.NotNull(PolicyLang.Tooling.CompiledPolicy.LoadCached(assembly, "PolicyLang.Policies.Liuzhou2022Policy"));
        Assert.Equal(first, Simulate(_policy));
    }

    [Fact]
    public void The_interpreter_binds_the_policy_every_time()
    {
        var compiled = Simulate(_policy);
        var interpreted = Simulate(_policy, engine: "interpreter");
        Assert.Equal(compiled.Stdout, interpreted.Stdout);
        Assert.Equal(0, _cache.Hits);
        Assert.Throws<ArgumentException>(() => new PolicyLang.Simulation.Engine.InterpretedEngine(null!).Run(null!,
            new[] { SimulationScenario.Prepared("s", null, new Dictionary<string, object?>(), PolicyLang.Simulation.Data.ScenarioAssumptions.None) }, null, null));
    }

    public static TheoryData<object?> Values => new()
    {
        null, 1.50m, -0.25m, 0m, 79228162514264337593543950335m, true, "市区", new PolicyLang.Runtime.TimeOfDay(17 * 60 + 30),
        new DateTime(2022, 9, 1), PolicyLang.Runtime.Category.Disabled, new[] { 1.0m, 2.50m }, new[] { PolicyLang.Runtime.Category.Migrant, PolicyLang.Runtime.Category.Martyr },
        new[] { "a", "乙" }, Array.Empty<decimal>(),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_parameter_value_comes_back_exactly_as_written(object? value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Assert.True(PreparedValues.TryWrite(json, value));
        var back = PreparedValues.Read(JsonDocument.Parse(buffer.ToArray()).RootElement);
        Assert.Equal(value?.GetType(), back?.GetType());
        Assert.Equal(value, back);
        if (value is decimal d) Assert.Equal(d.Scale, ((decimal)back!).Scale);
    }

    [Fact]
    public void A_value_of_another_kind_is_not_written()
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer);
        Assert.False(PreparedValues.TryWrite(json, 3));
        Assert.False(PreparedValues.TryWrite(json, new[] { 1, 2 }));
        Assert.Throws<FormatException>(() => PreparedValues.Read(JsonDocument.Parse("{\"type\":\"enum:System.DayOfWeek\",\"value\":1}").RootElement));
    }
}
