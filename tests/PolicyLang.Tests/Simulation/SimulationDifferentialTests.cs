using CsCheck;
using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// The compiled simulator and the interpreter (the reference semantics) give the same value for every measure
/// of every school under every scenario, on every example policy and thousands of generated schools.
/// </summary>
public sealed class SimulationDifferentialTests : IClassFixture<SimulationDifferentialTests.CompiledExamples>
{
    public sealed class CompiledExamples
    {
        public CompiledExamples()
        {
            foreach (var file in Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file.Contains(System.IO.Path.DirectorySeparatorChar + "consumer" + System.IO.Path.DirectorySeparatorChar)) continue;
                Assert.True(SourceFile.TryRead(file, out var text, out _));
                var compilation = PolicyLang.Compilation.Create(SyntaxTree.Parse(text!), new FileSystemPolicyResolver());
                Assert.False(compilation.HasErrors, file);
                Policies[System.IO.Path.GetRelativePath(Repo.Examples, file)] = (compilation.Policy, CompiledPolicy.Compile(compilation.Policy));
            }
        }

        public Dictionary<string, (BoundPolicy Policy, CompiledPolicy Compiled)> Policies { get; } = new();
    }

    private readonly CompiledExamples _examples;

    public SimulationDifferentialTests(CompiledExamples examples) => _examples = examples;

    public static IEnumerable<object[]> Policies() =>
        Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories)
            .Where(f => !f.Contains(System.IO.Path.DirectorySeparatorChar + "consumer" + System.IO.Path.DirectorySeparatorChar))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { System.IO.Path.GetRelativePath(Repo.Examples, f) });

    private static readonly string[] s_districts = { "和平区", "南开区", "北辰区", "城中区", "柳江区", "市中区", "金山区", "" };
    private static readonly string[] s_grades = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

    private sealed record School(string District, Stage Stage, SchoolLocation Location, Ownership Ownership, int Students, int Share, decimal Fee,
        int Dismissal, int Length, int Periods, (int Grade, Category? Category, int Students, int Share)[] Cohorts);

    private static Gen<T> Enum<T>() where T : struct, System.Enum => Gen.OneOf((T[])System.Enum.GetValues(typeof(T)));

    private static readonly Gen<Category?> CategoryGen = Gen.Int[0, 12].Select(n => n < 9 ? (Category?)(Category)n : null);

    private static readonly Gen<(int, Category?, int, int)> CohortGen =
        Gen.Select(Gen.Int[0, 8], CategoryGen, Gen.Int[0, 60], Gen.Int[0, 100]).Select((g, c, s, p) => (g, c, s, p));

    private static readonly Gen<School> SchoolGen =
        Gen.Select(Gen.OneOf(s_districts), Enum<Stage>(), Enum<SchoolLocation>(), Enum<Ownership>(), Gen.Int[0, 3000], Gen.Int[0, 100],
                Gen.Int[0, 50].Select(n => n * 5m + (n % 7 == 0 ? 0.5m : 0m)))
            .SelectMany(s => Gen.Select(Gen.Int[14 * 4, 17 * 4], Gen.Int[0, 16], Gen.Int[1, 4], CohortGen.Array[0, 6])
                .Select((d, l, p, c) => new School(s.Item1, s.Item2, s.Item3, s.Item4, s.Item5, s.Item6, s.Item7, d * 15, l * 15, p, c)));

    /// <summary>A district of generated schools, each school's participants a share of its students.</summary>
    private static readonly Gen<DistrictData> DistrictGen = SchoolGen.Array[1, 25].Select(schools =>
    {
        var data = new DistrictData(schools.Length, schools.Sum(s => s.Cohorts.Length)) { Source = "generated" };
        var j = 0;
        for (var i = 0; i < schools.Length; i++)
        {
            var s = schools[i];
            data.SchoolId[i] = "G" + i;
            data.Name[i] = "生成学校" + i;
            data.District[i] = s.District;
            data.Stage[i] = s.Stage;
            data.Location[i] = s.Location;
            data.Ownership[i] = s.Ownership;
            data.Students[i] = s.Students;
            data.Participants[i] = s.Students * s.Share / 100;
            data.FeePerMonth[i] = s.Fee;
            data.Dismissal[i] = new TimeOfDay(s.Dismissal);
            data.ServiceEnd[i] = new TimeOfDay(s.Dismissal + s.Length * 10);
            data.PeriodsPerDay[i] = s.Periods;
            data.CohortStart[i] = j;
            foreach (var c in s.Cohorts)
            {
                data.CohortGrade[j] = s_grades[c.Grade];
                data.CohortCategory[j] = c.Category;
                data.CohortStudents[j] = c.Students;
                data.CohortParticipants[j] = c.Students * c.Share / 100;
                j++;
            }
        }
        data.CohortStart[schools.Length] = j;
        return data;
    });

    /// <summary>The policy's own scenarios, and the two assumptions on their own.</summary>
    private static List<SimulationScenario> Scenarios(BoundPolicy policy)
    {
        var all = new List<SimulationScenario> { SimulationScenario.Baseline };
        all.AddRange(policy.Scenarios.Select(s => SimulationScenario.From(policy, s)));
        var none = new Dictionary<PolicyLang.Symbols.ParameterSymbol, object?>();
        all.Add(new SimulationScenario("elastic", null, none, new ScenarioAssumptions { Elasticity = -0.7m }));
        all.Add(new SimulationScenario("at_cap", null, none, new ScenarioAssumptions { ChargesCap = true, Elasticity = 0.3m }));
        return all;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Compiled_and_interpreted_simulations_agree_on_generated_districts(string policy)
    {
        var (bound, compiled) = _examples.Policies[policy];
        var scenarios = Scenarios(bound);
        var interpreter = new InterpretedEngine(bound);
        var engine = new CompiledEngine(compiled) { Threads = 1 };
        var noncompliant = 0;
        DistrictGen.Sample(data =>
        {
            var expected = interpreter.Run(data, scenarios, null, null);
            var actual = engine.Run(data, scenarios, null, null);
            Assert.Equal(expected.Names, actual.Names);
            for (var s = 0; s < scenarios.Count; s++)
                for (var m = 0; m < expected.Names.Count; m++)
                    for (var i = 0; i < data.SchoolCount; i++)
                        if (expected.Values[s][m][i] != actual.Values[s][m][i])
                            Assert.Fail($"{scenarios[s].Name}, school {i}, {expected.Names[m]}: interpreter {expected.Values[s][m][i]}, compiled {actual.Values[s][m][i]}");
            var column = expected.Names.ToList().IndexOf("noncompliant");
            noncompliant += expected.Values[0][column].ToNullable().Count(v => v == 1m);
        }, iter: 150, seed: "0N0XIzNsQ0O2");
        if (bound.Rules.Any(r => r.Form is SectionItemForm.Cap or SectionItemForm.Free || r.Id.StartsWith("window.end", StringComparison.Ordinal)))
            Assert.True(noncompliant > 0, "no generated school broke a rule its row decides: the generator is too tame");
    }

    /// <summary>Every method <see cref="CompiledEngine.Prepare"/> compiles ahead of the simulation compiles (none it picks is one the JIT refuses).</summary>
    [Theory]
    [MemberData(nameof(Policies))]
    public async Task The_simulation_of_every_example_can_be_compiled_ahead_of_its_first_school(string policy)
    {
        var prepared = CompiledEngine.Prepare(_examples.Policies[policy].Compiled);
        var methods = await prepared.WaitAsync(TimeSpan.FromMinutes(1));
        var type = _examples.Policies[policy].Compiled.Type.Name;
        Assert.Contains(type + ".Simulate", methods);
        Assert.Contains(type + ".SimulateSchool", methods);
        Assert.Contains("Parameters.Create", methods);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Cohorts_kept_as_the_load_options_say_give_the_results_of_every_row(string policy)
    {
        var (bound, compiled) = _examples.Policies[policy];
        var options = DistrictLoadOptions.For(bound);
        Assert.True(options.SumByCategory, "the examples use the standard model's cohorts, which may be summed");
        var scenarios = Scenarios(bound);
        var engine = new CompiledEngine(compiled) { Threads = 1 };
        DistrictGen.Sample(data =>
        {
            var expected = engine.Run(data, scenarios, null, null);
            var actual = engine.Run(DataAssert.Pushed(data, options), scenarios, null, null);
            for (var s = 0; s < scenarios.Count; s++)
                for (var m = 0; m < expected.Names.Count; m++)
                    for (var i = 0; i < data.SchoolCount; i++)
                        if (expected.Values[s][m][i] != actual.Values[s][m][i])
                            Assert.Fail($"{scenarios[s].Name}, school {i}, {expected.Names[m]}: every row {expected.Values[s][m][i]}, summed {actual.Values[s][m][i]}");
        }, iter: 100, seed: "0N0XIzNsQ0O2");
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Rules_projected_onto_a_row_decide_as_the_rules_do_on_the_plan_it_describes(string policy)
    {
        var (bound, _) = _examples.Policies[policy];
        var projected = RowProjection.Project(bound);
        var parameters = new ParameterValues(bound);
        DistrictGen.Sample(data =>
        {
            for (var i = 0; i < data.SchoolCount; i++)
            {
                var (school, cohorts) = PlanValues.FromDistrict(data, i);
                var simulation = new SchoolSimulation(bound, SimulationMeasures.Table(bound), parameters, ScenarioAssumptions.None, school, cohorts, null);
                var context = new EvaluationContext(parameters.Get, parameters.Calendar) { PeriodsPerDay = data.PeriodsPerDay[i] };
                context.SetRoot("school", school);
                var any = simulation.InScope() && projected.Any(p => Evaluator.Evaluate(p.Broken, context) is true);
                Assert.Equal(simulation.Call(BuiltinFunction.BreaksRules, Array.Empty<object?>()), any);
            }
        }, iter: 100, seed: "0N0XIzNsQ0O2");
    }
}
