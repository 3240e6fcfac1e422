using System.Text.Json;
using DuckDB.NET.Data;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Tests.Simulation;

public sealed class ResultWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static SchoolMeasures Measures(DistrictData data, decimal cap, bool extra = false)
    {
        var m = new SchoolMeasures(data.SchoolCount);
        for (var i = 0; i < data.SchoolCount; i++)
        {
            m.Cap[i] = i == 0 ? null : cap;
            m.ChargedFee[i] = Math.Min(data.FeePerMonth[i], cap);
            m.Participants[i] = data.Participants[i];
            m.Waived[i] = i + 0.5m;
            m.FamilyPayments[i] = (m.Participants[i] - m.Waived[i]) * m.ChargedFee[i] * 10;
            m.SubsidyCost[i] = 190m * data.Participants[i];
            m.SchoolRevenue[i] = m.FamilyPayments[i] + m.SubsidyCost[i];
            m.StaffPool[i] = m.SchoolRevenue[i] * 0.8m;
            m.Noncompliant[i] = data.FeePerMonth[i] > cap;
        }
        if (extra) m.Extra["admin_share"] = MeasureColumn.Of(Enumerable.Range(0, data.SchoolCount).Select(i => i % 2 == 0 ? (decimal?)0.125m : null).ToArray());
        return m;
    }

    private static SimulationResult Result(bool extra = false)
    {
        var data = DistrictGenerator.Generate(12, 4, DistrictProfile.Liuzhou);
        var baseline = new ScenarioResult("baseline", null, Measures(data, 120m, extra));
        var raised = new ScenarioResult("urban_150", "市区公办学校收费提至150元", Measures(data, 150m, extra));
        return new SimulationResult("liuzhou-2022", data, baseline, new[] { raised });
    }

    [Fact]
    public void Csv_has_one_row_per_scenario_and_school()
    {
        var result = Result();
        var path = _temp.Path("out", "results.csv");
        ResultWriter.Write(result, path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(",", ResultWriter.Columns), lines[0]);
        Assert.Equal(1 + 2 * 12, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("baseline", first[0]);
        Assert.Equal(result.Data.SchoolId[0], first[1]);
        Assert.Equal("", first[7]); // no cap
        Assert.Equal("0.5", first[10]);
        Assert.StartsWith("urban_150,", lines[13], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path("out"), "*.tmp"));
    }

    [Fact]
    public void Json_follows_the_contract()
    {
        var result = Result();
        var path = _temp.Path("results.json");
        ResultWriter.Write(result, path);
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var scenarios = json.RootElement.GetProperty("scenarios");
        Assert.Equal(new[] { "baseline", "urban_150" }, scenarios.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var totals = scenarios[0].GetProperty("totals");
        Assert.Equal(new[] { "participants", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant_schools" },
            totals.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.Baseline.Totals.FamilyPayments, totals.GetProperty("family_payments").GetDecimal());
        Assert.Equal(JsonValueKind.Number, totals.GetProperty("staff_pool").ValueKind);
        var school = scenarios[0].GetProperty("schools")[0];
        Assert.Equal(result.Data.SchoolId[0], school.GetProperty("school_id").GetString());
        Assert.Equal(JsonValueKind.Null, school.GetProperty("fee_cap").ValueKind);
        Assert.Equal(result.Data.Name[0], school.GetProperty("name").GetString());
        var delta = json.RootElement.GetProperty("deltas").GetProperty("urban_150");
        Assert.Equal(result.Scenarios[0].Totals.FamilyPayments - result.Baseline.Totals.FamilyPayments, delta.GetProperty("family_payments").GetDecimal());
        Assert.Equal(result.Scenarios[0].Totals.NoncompliantSchools - result.Baseline.Totals.NoncompliantSchools, delta.GetProperty("noncompliant_schools").GetInt32());
        Assert.Contains("柳州市", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_holds_the_same_rows()
    {
        var result = Result(extra: true);
        var path = _temp.Path("results.parquet");
        ResultWriter.Write(result, path);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(fee_cap), sum(family_payments), count(admin_share), min(scenario) FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(24L, reader.GetInt64(0));
        Assert.Equal(22L, reader.GetInt64(1));
        Assert.Equal(result.Baseline.Totals.FamilyPayments + result.Scenarios[0].Totals.FamilyPayments, reader.GetDecimal(2));
        Assert.Equal(12L, reader.GetInt64(3));
        Assert.Equal("baseline", reader.GetString(4));
    }

    [Fact]
    public void DuckDb_table_is_replaced_in_an_existing_database()
    {
        var result = Result();
        var path = _temp.Path("sim.duckdb");
        DistrictWriter.Write(result.Data, path);
        ResultWriter.Write(result, path);
        ResultWriter.Write(result, path);
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT scenario), count_if(noncompliant) FROM results";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(24L, reader.GetInt64(0));
        Assert.Equal(2L, reader.GetInt64(1));
        Assert.Equal(result.Baseline.Totals.NoncompliantSchools + result.Scenarios[0].Totals.NoncompliantSchools, reader.GetInt64(2));
        reader.Close();
        // The district tables are still there.
        Assert.Equal(12, DistrictDataLoader.Load(path).SchoolCount);
    }

    [Fact]
    public void DuckDb_results_in_a_new_database()
    {
        var path = _temp.Path("new.duckdb");
        ResultWriter.Write(Result(), path);
        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_temp.Root, "*.tmp"));
    }

    [Fact]
    public void Unknown_extension_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ResultWriter.Write(Result(), _temp.Path("results.xlsx")));
        Assert.Contains(".csv, .parquet, .duckdb or .json", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Path("results.xlsx")));
    }
}
