using System.Text.Json;
using PolicyLang.Binding;
using PolicyLang.Simulation.Data;
using static PolicyLang.Tests.TestHelpers;

namespace PolicyLang.Tests.Cli;

/// <summary>policyc simulate: scenarios, data forms, outputs, and every kind of bad input with its location.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policyc-simulate-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static readonly string Liuzhou = Repo.Path("examples", "liuzhou-2022.policy");
    private static readonly string LiuzhouData = Repo.Path("examples", "data", "liuzhou");

    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout).RootElement;

    private static decimal Total(JsonElement scenario, string name) => scenario.GetProperty("totals").GetProperty(name).GetDecimal();

    private static JsonElement Scenario(JsonElement root, string name) =>
        root.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    [Fact]
    public void The_readme_command_simulates_every_scenario_of_the_policy_beside_the_baseline()
    {
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData);
        Assert.True(exit == 0, stderr);
        Assert.Contains("liuzhou_2022", stdout);
        Assert.Contains("60 schools in 5 districts", stdout);
        foreach (var word in new[] { "baseline", "urban_150", "subsidy_2", "Family payments", "Staff pool", "Non-compliant schools", "urban_150 against the baseline" })
            Assert.Contains(word, stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Json_output_follows_the_contract_and_deltas_are_scenario_minus_baseline()
    {
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--format", "json");
        Assert.True(exit == 0, stderr);
        var root = Json(stdout);
        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(new[] { "baseline", "urban_150", "subsidy_2" }, scenarios.Select(s => s.GetProperty("name").GetString()));
        var totals = new[] { "participants", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant_schools" };
        foreach (var s in scenarios)
        {
            foreach (var t in totals) Assert.Equal(JsonValueKind.Number, s.GetProperty("totals").GetProperty(t).ValueKind);
            var schools = s.GetProperty("schools").EnumerateArray().ToList();
            Assert.Equal(60, schools.Count);
            // Totals are the sums of the schools' measures, money to the fen.
            Assert.Equal(Total(s, "family_payments"), Math.Round(schools.Sum(x => x.GetProperty("family_payments").GetDecimal()), 2, MidpointRounding.AwayFromZero));
            Assert.Equal(Total(s, "noncompliant_schools"), schools.Count(x => x.GetProperty("noncompliant").GetBoolean()));
        }
        foreach (var s in scenarios.Skip(1))
            foreach (var t in totals)
                Assert.Equal(Total(s, t) - Total(scenarios[0], t), root.GetProperty("deltas").GetProperty(s.GetProperty("name").GetString()!).GetProperty(t).GetDecimal());
        // The subsidy doubles: 1 → 2 CNY a participant a school day.
        Assert.Equal(2 * Total(scenarios[0], "subsidy_cost"), Total(scenarios[2], "subsidy_cost"));
        Assert.Equal("市区公办学校收费提至150元", scenarios[1].GetProperty("label").GetString());
    }

    [Fact]
    public void Set_makes_one_scenario_and_a_bare_number_takes_the_parameters_unit()
    {
        var bare = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--set", "fee.cap.urban=150", "--set", "subsidy.city=2", "--format", "json");
        var unit = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--set", "fee.cap.urban=150 元/生/月", "--set", "subsidy.city=2 CNY per student per day", "--format", "json");
        Assert.True(bare.Exit == 0, bare.Stderr);
        Assert.True(unit.Exit == 0, unit.Stderr);
        var a = Scenario(Json(bare.Stdout), "custom");
        var b = Scenario(Json(unit.Stdout), "custom");
        Assert.Equal(a.GetProperty("totals").ToString(), b.GetProperty("totals").ToString());
        Assert.Equal(2, Json(bare.Stdout).GetProperty("scenarios").GetArrayLength());
        // No elasticity: the subsidy doubles and nobody leaves.
        var baseline = Scenario(Json(bare.Stdout), "baseline");
        Assert.Equal(Total(baseline, "participants"), Total(a, "participants"));
        Assert.True(Total(a, "family_payments") > Total(baseline, "family_payments"));
    }

    [Fact]
    public void A_sweep_runs_one_scenario_per_value_and_records_it()
    {
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--sweep", "fee.cap.urban=100..150:25", "--format", "json");
        Assert.True(exit == 0, stderr);
        var root = Json(stdout);
        Assert.Equal("fee.cap.urban", root.GetProperty("sweep_parameter").GetString());
        var sweep = root.GetProperty("scenarios").EnumerateArray().Skip(1).ToList();
        Assert.Equal(new[] { 100m, 125m, 150m }, sweep.Select(s => s.GetProperty("sweep_value").GetDecimal()));
        // A higher cap never lowers what families pay (no elasticity assumed).
        var payments = sweep.Select(s => Total(s, "family_payments")).ToList();
        Assert.True(payments[0] <= payments[1] && payments[1] <= payments[2], string.Join(", ", payments));
        Assert.True(payments[0] < payments[2]);
    }

    [Fact]
    public void The_interpreter_and_the_compiled_engine_print_the_same_results()
    {
        var compiled = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--format", "json", "--sweep", "fee.cap.urban=80..160:40");
        var interpreted = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--format", "json", "--sweep", "fee.cap.urban=80..160:40", "--engine", "interpreter");
        Assert.True(compiled.Exit == 0, compiled.Stderr);
        Assert.Equal(compiled.Stdout, interpreted.Stdout);
    }

    [Fact]
    public void Csv_parquet_and_duckdb_forms_of_the_same_data_give_identical_results()
    {
        var data = DistrictDataLoader.Load(LiuzhouData);
        var parquet = Path.Combine(_dir, "parquet");
        var duckdb = Path.Combine(_dir, "liuzhou.duckdb");
        DistrictWriter.Write(data, parquet, DistrictFormat.Parquet);
        DistrictWriter.Write(data, duckdb);
        var outputs = new[] { LiuzhouData, parquet, duckdb }
            .Select(d => Policyc("simulate", Liuzhou, "--data", d, "--format", "json", "--set", "fee.cap.urban=150"))
            .ToList();
        Assert.All(outputs, o => Assert.True(o.Exit == 0, o.Stderr));
        Assert.Equal(outputs[0].Stdout, outputs[1].Stdout);
        Assert.Equal(outputs[0].Stdout, outputs[2].Stdout);
    }

    [Theory]
    [InlineData("results.csv")]
    [InlineData("results.json")]
    [InlineData("results.parquet")]
    [InlineData("results.duckdb")]
    public void Out_writes_per_school_results_in_the_form_of_its_extension(string name)
    {
        var path = Path.Combine(_dir, name);
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--out", path);
        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(path));
        Assert.Contains(path, stdout);
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            Assert.StartsWith("scenario,school_id,name,district,stage,location,ownership,fee_cap,charged_fee,participants", lines[0]);
            Assert.Equal(1 + 3 * 60, lines.Length);
        }
    }

    [Fact]
    public void Report_writes_a_self_contained_page()
    {
        var path = Path.Combine(_dir, "report.html");
        var (exit, _, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--report", path, "--lang", "zh");
        Assert.True(exit == 0, stderr);
        var html = File.ReadAllText(path);
        Assert.Contains("liuzhou_2022", html);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Model_prints_the_standard_model()
    {
        var (exit, stdout, _) = Policyc("simulate", "--model");
        Assert.Equal(0, exit);
        Assert.Equal(Prelude.Text, stdout);
        Assert.Contains("measure family_payments", stdout);
    }

    [Fact]
    public void Chinese_output()
    {
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", LiuzhouData, "--lang", "zh", "--scenario", "urban_150");
        Assert.True(exit == 0, stderr);
        Assert.Contains("家庭缴费", stdout);
        Assert.Contains("urban_150 与基线对比", stdout);
        Assert.DoesNotContain("subsidy_2", stdout);
    }

    [Theory]
    [InlineData(new[] { "--scenario", "urban150" }, "--scenario urban150: error: the policy has no scenario 'urban150'; did you mean 'urban_150'?")]
    [InlineData(new[] { "--set", "fee.cap=150" }, "--set fee.cap=150: error PL0119: 'fee.cap' names 2 values")]
    [InlineData(new[] { "--set", "fee.cap.urbn=150" }, "--set fee.cap.urbn=150: error PL0118:")]
    [InlineData(new[] { "--set", "office_close=late" }, "--set office_close=late: error PL0100: unknown name 'late'")]
    [InlineData(new[] { "--set", "office_close" }, "--set office_close: error: expected NAME=VALUE")]
    [InlineData(new[] { "--set", "x } rule r \"\" require false { y=1" }, "is not a parameter name")]
    [InlineData(new[] { "--set", "fee.cap.urban=150 } scenario x { set subsidy.city = 9" }, "must be a single value")]
    [InlineData(new[] { "--sweep", "fee.cap.urban=100..x" }, "--sweep fee.cap.urban=100..x: error: expected NAME=FROM..TO:STEP")]
    [InlineData(new[] { "--sweep", "fee.cap.urban=200..100:10" }, "FROM at most TO")]
    [InlineData(new[] { "--sweep", "fee.cap.urban=0..100000:1" }, "a sweep has at most 1000")]
    [InlineData(new[] { "--sweep", "fee.capp=100..200:10" }, "--sweep fee.capp=100..200:10: error PL0118:")]
    [InlineData(new[] { "--out", "results.xlsx" }, "write results to a .csv, .json, .parquet or .duckdb file")]
    [InlineData(new[] { "--report", "report.pdf" }, "the report is an .html file")]
    [InlineData(new[] { "--as-of", "2022-13-01" }, "is not a date")]
    public void Bad_arguments_are_exit_2_with_the_argument_named(string[] extra, string message)
    {
        var (exit, stdout, stderr) = Policyc(new[] { "simulate", Liuzhou, "--data", LiuzhouData }.Concat(extra).ToArray());
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void Data_that_does_not_exist_or_has_a_missing_column_is_exit_2_with_file_and_column()
    {
        var missing = Policyc("simulate", Liuzhou, "--data", Path.Combine(_dir, "nowhere"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("nowhere", missing.Stderr);

        var folder = Path.Combine(_dir, "broken");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(LiuzhouData, "cohorts.csv"), Path.Combine(folder, "cohorts.csv"));
        var schools = File.ReadAllLines(Path.Combine(LiuzhouData, "schools.csv"))
            .Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 8)));
        File.WriteAllLines(Path.Combine(folder, "schools.csv"), schools);
        var (exit, stdout, stderr) = Policyc("simulate", Liuzhou, "--data", folder);
        Assert.Equal(2, exit);
        Assert.Contains("schools.csv", stderr);
        Assert.Contains("fee_per_month", stderr);
        Assert.Contains("nothing was simulated", stderr);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_in_a_row_is_located_by_file_row_and_column()
    {
        var folder = Path.Combine(_dir, "typo");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(LiuzhouData, "cohorts.csv"), Path.Combine(folder, "cohorts.csv"));
        var lines = File.ReadAllLines(Path.Combine(LiuzhouData, "schools.csv"));
        var cells = lines[3].Split(',');
        cells[7] = "many";
        lines[3] = string.Join(',', cells);
        File.WriteAllLines(Path.Combine(folder, "schools.csv"), lines);
        var (exit, _, stderr) = Policyc("simulate", Liuzhou, "--data", folder, "--lang", "zh");
        Assert.Equal(2, exit);
        Assert.Contains("schools.csv 第 3 行 列 participants", stderr);
    }

    [Fact]
    public void A_policy_with_errors_is_not_simulated()
    {
        var policy = Path.Combine(_dir, "broken.policy");
        File.WriteAllText(policy, "policy broken {\n  title \"t\"\n  issuer \"i\"\n  effective 2022-09-01\n}\n\nmeasure m = nothing\n");
        var (exit, stdout, stderr) = Policyc("simulate", policy, "--data", LiuzhouData);
        Assert.Equal(2, exit);
        Assert.Contains("PL0100", stderr);
        Assert.Equal(string.Empty, stdout);

        // The data starts loading beside the policy's parse, but its problems are reported only for a good policy.
        var both = Policyc("simulate", policy, "--data", Path.Combine(_dir, "nowhere"));
        Assert.Equal(2, both.Exit);
        Assert.Contains("PL0100", both.Stderr);
        Assert.DoesNotContain("nowhere", both.Stderr);
        Assert.Equal(string.Empty, both.Stdout);
    }

    [Fact]
    public void Simulate_without_data_or_policy_says_what_is_missing()
    {
        Assert.Contains("needs --data", Policyc("simulate", Liuzhou).Stderr);
        Assert.Contains("needs a policy file", Policyc("simulate").Stderr);
    }
}
