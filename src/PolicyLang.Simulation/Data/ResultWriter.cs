using System.Text.Encodings.Web;
using System.Text.Json;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using PolicyLang.Simulation.Model;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Writes a simulation's results, the form chosen by the file's extension:
/// <list type="bullet">
/// <item><c>.csv</c>, <c>.parquet</c>: one row per scenario × school (baseline first) with the columns
/// <see cref="Columns"/>, then any measures the district defines beyond the standard model;</item>
/// <item><c>.duckdb</c> (or <c>.db</c>): the same rows as table <c>results</c>, in a new database or replacing the
/// table in an existing one;</item>
/// <item><c>.json</c>: scenarios with their totals and schools, and each scenario's totals minus the baseline's.</item>
/// </list>
/// CSV and JSON write every decimal exactly (trailing zeros dropped); Parquet and DuckDB hold them as
/// DECIMAL(18,4). A school with no fee cap has an empty (null) cap. Writing is atomic: a temporary file in the same
/// folder renamed into place, or one transaction in an existing database.
/// </summary>
public static class ResultWriter
{
    /// <summary>The standard columns of a results table, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = new[]
    {
        "scenario", "school_id", "name", "district", "stage", "location", "ownership", "fee_cap", "charged_fee", "participants",
        "waived", "family_payments", "subsidy_cost", "school_revenue", "staff_pool", "noncompliant",
    };

    public static void Write(SimulationResult result, string path)
    {
        result.RequirePerSchool("--out");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                AtomicFile.File(path, temp => WriteCsv(result, temp), createFolder: true);
                break;
            case ".parquet":
                AtomicFile.File(path, temp => Task.Run(() => WriteParquetAsync(result, temp)).GetAwaiter().GetResult(), createFolder: true);
                break;
            case ".duckdb" or ".db":
                DuckDbOutput.Write(path, connection => WriteDuckDb(result, connection));
                break;
            case ".json":
                AtomicFile.File(path, temp => WriteJson(result, temp), createFolder: true);
                break;
            default:
                throw new ArgumentException(
                    $"cannot tell how to write results to '{path}': use a file ending in .csv, .parquet, .duckdb or .json " +
                    $"(结果文件的扩展名应为 .csv、.parquet、.duckdb 或 .json)", nameof(path));
        }
    }

    /// <summary>The names of the measures beyond the standard model, in the order they are first met.</summary>
    private static List<string> ExtraNames(SimulationResult result)
    {
        var names = new List<string>();
        foreach (var scenario in result.All)
        {
            foreach (var name in scenario.Schools.Extra.Keys)
            {
                if (!names.Contains(name) && !Columns.Contains(name)) names.Add(name);
            }
        }
        return names;
    }

    private static decimal? Extra(ScenarioResult scenario, string name, int school) =>
        scenario.Schools.Extra.TryGetValue(name, out var values) ? values[school] : null;

    private static void WriteCsv(SimulationResult result, string temp)
    {
        var data = result.Data;
        var extras = ExtraNames(result);
        using var stream = AtomicFile.Create(temp);
        using (var csv = new Utf8CsvWriter(stream))
        {
            csv.Header(Columns.Concat(extras));
            foreach (var scenario in result.All)
            {
                var m = scenario.Schools;
                for (var i = 0; i < data.SchoolCount; i++)
                {
                    csv.Text(scenario.Name);
                    csv.Text(data.SchoolId[i]);
                    csv.Text(data.Name[i]);
                    csv.Text(data.District[i]);
                    csv.Plain(DistrictWriter.StageNames[(int)data.Stage[i]]);
                    csv.Plain(DistrictWriter.LocationNames[(int)data.Location[i]]);
                    csv.Plain(DistrictWriter.OwnershipNames[(int)data.Ownership[i]]);
                    if (m.Cap[i] is { } cap) csv.Decimal(cap);
                    else csv.Empty();
                    csv.Decimal(m.ChargedFee[i]);
                    csv.Decimal(m.Participants[i]);
                    csv.Decimal(m.Waived[i]);
                    csv.Decimal(m.FamilyPayments[i]);
                    csv.Decimal(m.SubsidyCost[i]);
                    csv.Decimal(m.SchoolRevenue[i]);
                    csv.Decimal(m.StaffPool[i]);
                    csv.Boolean(m.Noncompliant[i]);
                    foreach (var name in extras)
                    {
                        if (Extra(scenario, name, i) is { } value) csv.Decimal(value);
                        else csv.Empty();
                    }
                    csv.EndRow();
                }
            }
        }
        stream.Flush(flushToDisk: true);
    }

    private static async Task WriteParquetAsync(SimulationResult result, string temp)
    {
        var data = result.Data;
        var extras = ExtraNames(result);
        var fields = new List<DataField>
        {
            DistrictWriter.Text("scenario"), DistrictWriter.Text("school_id"), DistrictWriter.Text("name"), DistrictWriter.Text("district"),
            DistrictWriter.Text("stage"), DistrictWriter.Text("location"), DistrictWriter.Text("ownership"),
            DistrictWriter.Money("fee_cap", nullable: true),
        };
        fields.AddRange(new[] { "charged_fee", "participants", "waived", "family_payments", "subsidy_cost", "school_revenue", "staff_pool" }
            .Select(n => (DataField)DistrictWriter.Money(n)));
        fields.Add(new DataField("noncompliant", typeof(bool), isNullable: false));
        fields.AddRange(extras.Select(n => (DataField)DistrictWriter.Money(n, nullable: true)));

        var n = data.SchoolCount;
        var ids = data.SchoolId.Select(s => s.AsMemory()).ToArray();
        var names = data.Name.Select(s => s.AsMemory()).ToArray();
        var districts = data.District.Select(s => s.AsMemory()).ToArray();
        var stages = data.Stage.Select(s => PlanEnums.Stage.Json(s).AsMemory()).ToArray();
        var locations = data.Location.Select(s => PlanEnums.Location.Json(s).AsMemory()).ToArray();
        var ownerships = data.Ownership.Select(s => PlanEnums.Ownership.Json(s).AsMemory()).ToArray();
        static decimal[] Round(decimal[] values) => values.Select(DistrictWriter.Round4).ToArray();
        static decimal?[] RoundNullable(MeasureColumn values) => Enumerable.Range(0, values.Count).Select(i => values[i] is { } d ? DistrictWriter.Round4(d) : (decimal?)null).ToArray();

        await using var stream = AtomicFile.Create(temp);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream,
            DistrictWriter.Options("scenario", "district", "stage", "location", "ownership")).ConfigureAwait(false))
        {
            // One row group per scenario.
            foreach (var scenario in result.All)
            {
                var m = scenario.Schools;
                using var group = writer.CreateRowGroup();
                var scenarioName = scenario.Name.AsMemory();
                await group.WriteAsync(fields[0], Enumerable.Repeat(scenarioName, n).ToArray().ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[1], ids.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[2], names.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[3], districts.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[4], stages.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[5], locations.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[6], ownerships.ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[7], RoundNullable(m.Cap).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[8], Round(m.ChargedFee).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[9], Round(m.Participants).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[10], Round(m.Waived).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[11], Round(m.FamilyPayments).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[12], Round(m.SubsidyCost).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[13], Round(m.SchoolRevenue).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[14], Round(m.StaffPool).ReadOnly()).ConfigureAwait(false);
                await group.WriteAsync(fields[15], m.Noncompliant.ReadOnly()).ConfigureAwait(false);
                for (var e = 0; e < extras.Count; e++)
                {
                    var values = new decimal?[n];
                    for (var i = 0; i < n; i++) values[i] = Extra(scenario, extras[e], i) is { } v ? DistrictWriter.Round4(v) : null;
                    await group.WriteAsync(fields[16 + e], values.ReadOnly()).ConfigureAwait(false);
                }
            }
        }
        await stream.FlushAsync().ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void WriteDuckDb(SimulationResult result, DuckDBConnection connection)
    {
        var data = result.Data;
        var extras = ExtraNames(result);
        var money = new[] { "fee_cap", "charged_fee", "participants", "waived", "family_payments", "subsidy_cost", "school_revenue", "staff_pool" };
        var columns = new List<string>
        {
            "scenario VARCHAR NOT NULL", "school_id VARCHAR NOT NULL", "name VARCHAR", "district VARCHAR", "stage VARCHAR",
            "location VARCHAR", "ownership VARCHAR",
        };
        columns.AddRange(money.Select(m => $"{m} DECIMAL(18,4)"));
        columns.Add("noncompliant BOOLEAN");
        columns.AddRange(extras.Select(e => $"{Quote(e)} DECIMAL(18,4)"));
        DuckDbOutput.Execute(connection, $"CREATE OR REPLACE TABLE results ({string.Join(", ", columns)})");

        using var appender = connection.CreateAppender("results");
        foreach (var scenario in result.All)
        {
            var m = scenario.Schools;
            for (var i = 0; i < data.SchoolCount; i++)
            {
                var row = appender.CreateRow()
                    .AppendValue(scenario.Name)
                    .AppendValue(data.SchoolId[i])
                    .AppendValue(data.Name[i])
                    .AppendValue(data.District[i])
                    .AppendValue(PlanEnums.Stage.Json(data.Stage[i]))
                    .AppendValue(PlanEnums.Location.Json(data.Location[i]))
                    .AppendValue(PlanEnums.Ownership.Json(data.Ownership[i]))
                    .AppendValue(m.Cap[i] is { } cap ? DistrictWriter.Round4(cap) : (decimal?)null)
                    .AppendValue(DistrictWriter.Round4(m.ChargedFee[i]))
                    .AppendValue(DistrictWriter.Round4(m.Participants[i]))
                    .AppendValue(DistrictWriter.Round4(m.Waived[i]))
                    .AppendValue(DistrictWriter.Round4(m.FamilyPayments[i]))
                    .AppendValue(DistrictWriter.Round4(m.SubsidyCost[i]))
                    .AppendValue(DistrictWriter.Round4(m.SchoolRevenue[i]))
                    .AppendValue(DistrictWriter.Round4(m.StaffPool[i]))
                    .AppendValue(m.Noncompliant[i]);
                foreach (var name in extras)
                    row = row.AppendValue(Extra(scenario, name, i) is { } v ? DistrictWriter.Round4(v) : (decimal?)null);
                row.EndRow();
            }
        }
    }

    private static readonly JsonWriterOptions s_json = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;

    private static void WriteJson(SimulationResult result, string temp)
    {
        using var stream = AtomicFile.Create(temp);
        WriteJson(result, stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The JSON document of design/product.md: <c>{"scenarios":[{"name","totals":{…},"schools":[{…}]}],"deltas":{…}}</c>,
    /// each scenario also with its label and, in a sweep, its swept value; then a newline.
    /// </summary>
    public static void WriteJson(SimulationResult result, Stream stream)
    {
        result.RequirePerSchool("the JSON");
        var extras = ExtraNames(result);
        var rows = new JsonSchoolRows(result.Data, extras, s_json);
        using (var json = new Utf8JsonWriter(stream, s_json))
        {
            json.WriteStartObject();
            json.WriteString("policy", result.Policy);
            if (result.SweepParameter is { } swept)
            {
                json.WriteString("sweep_parameter", swept);
                if (result.SweepUnit is { } unit) json.WriteString("sweep_unit", unit);
            }
            json.WriteStartArray("scenarios");
            foreach (var scenario in result.All)
            {
                var m = scenario.Schools;
                json.WriteStartObject();
                json.WriteString("name", scenario.Name);
                if (scenario.Label is { } label) json.WriteString("label", label);
                if (scenario.SweepValue is { } sweepValue) json.WriteNumber("sweep_value", Exact(sweepValue));
                json.WritePropertyName("totals");
                WriteTotals(json, scenario.Totals);
                json.WriteStartArray("schools");
                rows.Write(json, scenario);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("deltas");
            foreach (var scenario in result.Scenarios)
            {
                json.WritePropertyName(scenario.Name);
                WriteTotals(json, scenario.Totals.Minus(result.Baseline.Totals));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void WriteTotals(Utf8JsonWriter json, Totals totals)
    {
        json.WriteStartObject();
        foreach (var (name, value) in totals.Named)
        {
            if (name == "noncompliant_schools") json.WriteNumber(name, (int)value);
            else json.WriteNumber(name, Exact(value));
        }
        json.WriteEndObject();
    }
}
