using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Tests.Simulation;

/// <summary>
/// The JSON results written a block of schools at a time (<see cref="JsonSchoolRows"/>) are, byte for byte, what
/// <see cref="Utf8JsonWriter"/> writes property by property (the reference below, the writer as it was before).
/// </summary>
public sealed class JsonSchoolRowsTests
{
    private static readonly JsonWriterOptions s_json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The results document written property by property.</summary>
    private static byte[] Reference(SimulationResult result)
    {
        var data = result.Data;
        var extras = new List<string>();
        foreach (var scenario in result.All)
            foreach (var name in scenario.Schools.Extra.Keys)
                if (!extras.Contains(name) && !ResultWriter.Columns.Contains(name)) extras.Add(name);
        using var stream = new MemoryStream();
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
                Totals(json, scenario.Totals);
                json.WriteStartArray("schools");
                for (var i = 0; i < data.SchoolCount; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("school_id", data.SchoolId[i]);
                    json.WriteString("name", data.Name[i]);
                    json.WriteString("district", data.District[i]);
                    json.WriteString("stage", PlanEnums.Stage.Json(data.Stage[i]));
                    json.WriteString("location", PlanEnums.Location.Json(data.Location[i]));
                    json.WriteString("ownership", PlanEnums.Ownership.Json(data.Ownership[i]));
                    if (m.Cap[i] is { } cap) json.WriteNumber("fee_cap", Exact(cap));
                    else json.WriteNull("fee_cap");
                    json.WriteNumber("charged_fee", Exact(m.ChargedFee[i]));
                    json.WriteNumber("participants", Exact(m.Participants[i]));
                    json.WriteNumber("waived", Exact(m.Waived[i]));
                    json.WriteNumber("family_payments", Exact(m.FamilyPayments[i]));
                    json.WriteNumber("subsidy_cost", Exact(m.SubsidyCost[i]));
                    json.WriteNumber("school_revenue", Exact(m.SchoolRevenue[i]));
                    json.WriteNumber("staff_pool", Exact(m.StaffPool[i]));
                    json.WriteBoolean("noncompliant", m.Noncompliant[i]);
                    foreach (var name in extras)
                    {
                        if ((scenario.Schools.Extra.TryGetValue(name, out var values) ? values[i] : null) is { } value) json.WriteNumber(name, Exact(value));
                        else json.WriteNull(name);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("deltas");
            foreach (var scenario in result.Scenarios)
            {
                json.WritePropertyName(scenario.Name);
                Totals(json, scenario.Totals.Minus(result.Baseline.Totals));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Totals(Utf8JsonWriter json, Totals totals)
    {
        json.WriteStartObject();
        foreach (var (name, value) in totals.Named)
        {
            if (name == "noncompliant_schools") json.WriteNumber(name, (int)value);
            else json.WriteNumber(name, Exact(value));
        }
        json.WriteEndObject();
    }

    private static byte[] Fast(SimulationResult result)
    {
        using var stream = new MemoryStream();
        ResultWriter.WriteJson(result, stream);
        return stream.ToArray();
    }

    private static readonly string[] s_names =
    {
        "第一小学", "plain", "quote \" and \\ backslash", "line\nbreak\tand tab", "<script>&'+`", "\u0001\u001f control",
        "\u2028\u2029 separators", "emoji 🎒 and 𠀋", "", "é à ü", "\u00ad\u200b soft", "a\"b\"c",
    };

    private static readonly decimal[] s_values =
    {
        0m, 0.00m, new decimal(0, 0, 0, true, 3), 1m, 1.50m, 100.000m, -42.10m, 1m / 3m, 2m / 3m, -1m / 7m, 0.0000000000000000000000000001m,
        79228162514264337593.543950335m, -7922816251426433.7593543950335m, 123456789.123456789m, 1e20m, 79228162514264.337593543950335m, 12.3400000000000000000000000m,
    };

    private static decimal Value(int i, int k) => s_values[(i * 7 + k * 3) % s_values.Length];

    private static SimulationResult Result(int schools, bool sweep)
    {
        var data = new DistrictData(schools, 0) { Source = "json" };
        var stages = Enum.GetValues<Stage>();
        var locations = Enum.GetValues<SchoolLocation>();
        var ownerships = Enum.GetValues<Ownership>();
        for (var i = 0; i < schools; i++)
        {
            data.SchoolId[i] = "S" + i + (i % 5 == 0 ? s_names[i % s_names.Length] : "");
            data.Name[i] = s_names[i % s_names.Length] + i;
            data.District[i] = s_names[(i / 3) % s_names.Length];
            data.Stage[i] = stages[i % stages.Length];
            data.Location[i] = locations[i % locations.Length];
            data.Ownership[i] = ownerships[i % ownerships.Length];
        }
        SchoolMeasures Measures(int k, bool extras)
        {
            var m = new SchoolMeasures(schools);
            for (var i = 0; i < schools; i++)
            {
                m.Cap[i] = (i + k) % 4 == 0 ? null : Value(i, k);
                m.ChargedFee[i] = Value(i, k + 1);
                m.Participants[i] = Value(i, k + 2);
                m.Waived[i] = Value(i, k + 3);
                m.FamilyPayments[i] = Value(i, k + 4);
                m.SubsidyCost[i] = Value(i, k + 5);
                m.SchoolRevenue[i] = Value(i, k + 6);
                m.StaffPool[i] = Value(i, k + 7);
                m.Noncompliant[i] = (i + k) % 3 == 0;
            }
            if (extras)
            {
                m.Extra["admin_share"] = MeasureColumn.Of(Enumerable.Range(0, schools).Select(i => i % 2 == 0 ? (decimal?)Value(i, k + 8) : null).ToArray());
                m.Extra["城区占比"] = MeasureColumn.Of(Enumerable.Range(0, schools).Select(i => (decimal?)Value(i, k + 9)).ToArray());
                m.Extra["fee_cap"] = MeasureColumn.Of(Enumerable.Range(0, schools).Select(_ => (decimal?)1m).ToArray()); // a standard column: not repeated
            }
            return m;
        }
        var baseline = new ScenarioResult("baseline", null, Measures(0, true));
        var scenarios = Enumerable.Range(1, 3)
            .Select(k => new ScenarioResult("s" + k, k == 2 ? null : "标签 \"" + k + "\"", Measures(k, k != 3)) { SweepValue = sweep ? Value(k, k) : null })
            .ToArray();
        return new SimulationResult("policy \"p\" 政策", data, baseline, scenarios) { SweepParameter = sweep ? "fee.cap" : null, SweepUnit = sweep ? "CNY/month" : null };
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(37, true)]
    [InlineData(4096, false)]
    [InlineData(4097, true)]
    [InlineData(30_000, false)]
    public void Json_results_are_byte_for_byte_those_of_the_writer_property_by_property(int schools, bool sweep)
    {
        var result = Result(schools, sweep);
        var expected = Reference(result);
        var actual = Fast(result);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = 0;
            while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at]) at++;
            string Around(byte[] b) => System.Text.Encoding.UTF8.GetString(b, Math.Max(0, at - 200), Math.Min(b.Length - Math.Max(0, at - 200), 400));
            Assert.Fail($"first difference at byte {at} of {expected.Length}/{actual.Length}\nexpected:\n{Around(expected)}\nactual:\n{Around(actual)}");
        }
    }

    [Fact]
    public void Decimals_are_formatted_as_the_writer_formats_them_after_dropping_trailing_zeros()
    {
        Span<byte> buffer = stackalloc byte[64];
        foreach (var value in s_values.Concat(new[] { 10m, 100m, 0.10m, -0.50m, 5.000000000m, 1.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue }))
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream)) json.WriteNumberValue(Exact(value));
            var written = JsonSchoolRows.FormatDecimal(value, buffer);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(stream.ToArray()), System.Text.Encoding.UTF8.GetString(buffer[..written]));
        }
    }
}
