using System.Globalization;
using System.Text;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Benchmarks;

/// <summary>
/// The inputs every benchmark shares: the generated policy (checked to have no errors before anything is
/// measured) and a JSON document of the same size for the System.Text.Json baseline.
/// </summary>
public sealed class Workload
{
    public const string PolicyPath = "generated-benchmark.policy";

    private Workload(string policy, string asciiTwin, string json, int lines, int warnings)
    {
        Policy = policy;
        AsciiTwin = asciiTwin;
        Json = json;
        Lines = lines;
        Warnings = warnings;
    }

    public string Policy { get; }
    /// <summary>The same policy with every non-ASCII character made ASCII ('§' → 'cite', others a letter): what the Chinese text costs.</summary>
    public string AsciiTwin { get; }
    public string Json { get; }
    public int Lines { get; }
    /// <summary>Warnings the binder reports for the generated policy (errors are refused).</summary>
    public int Warnings { get; }

    public static Workload Create(int lines = PolicyGenerator.DefaultLines, ulong seed = PolicyGenerator.DefaultSeed)
    {
        var policy = PolicyGenerator.Generate(lines, seed);
        var warnings = Verify(policy);
        var twin = MakeAsciiTwin(policy);
        Verify(twin);
        var json = SameSizeJson(policy.Length);
        return new Workload(policy, twin, json, CountLines(policy), warnings);
    }

    /// <summary>
    /// The generated policy writes Chinese only in texts and comments, and '§' as its one non-ASCII keyword, so
    /// this twin has the same tokens and the same tree.
    /// </summary>
    public static string MakeAsciiTwin(string policy)
    {
        var sb = new StringBuilder(policy.Length + 8192);
        foreach (var c in policy)
        {
            if (c < 128) sb.Append(c);
            else if (c == '§') sb.Append("cite");
            else sb.Append((char)('a' + c % 26)); // distinct names stay (almost always) distinct
        }
        return sb.ToString();
    }

    /// <summary>
    /// Parses and binds the policy and throws unless it has no errors; also requires its formatted text to
    /// parse without errors. Returns the number of warnings.
    /// </summary>
    public static int Verify(string policy)
    {
        var compilation = Compilation.Create(SyntaxTree.Parse(policy, PolicyPath));
        var errors = compilation.Diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException($"the generated policy has {errors.Count} errors; the benchmark measures only valid policies:\n"
                                                + string.Join("\n", errors.Take(20).Select(d => d.ToString())));
        var formatted = PolicyFormatter.Format(compilation.Tree);
        var reparsed = SyntaxTree.Parse(formatted, PolicyPath);
        if (reparsed.HasErrors)
            throw new InvalidOperationException("the formatted generated policy does not parse:\n"
                                                + string.Join("\n", reparsed.Diagnostics.Where(d => d.IsError).Take(20).Select(d => d.ToString())));
        return compilation.Diagnostics.Count(d => !d.IsError);
    }

    public static int CountLines(string text)
    {
        var n = 0;
        foreach (var c in text)
            if (c == '\n') n++;
        return text.Length > 0 && text[^1] != '\n' ? n + 1 : n;
    }

    /// <summary>
    /// A JSON array of school plans (the shape of examples/plans/*.json, the documents a policy is checked
    /// against) with at least <paramref name="chars"/> characters.
    /// </summary>
    public static string SameSizeJson(int chars)
    {
        var sb = new StringBuilder(chars + 4096);
        sb.Append("[\n");
        for (var i = 0; sb.Length < chars; i++)
        {
            if (i > 0) sb.Append(",\n");
            var n = i.ToString(CultureInfo.InvariantCulture);
            sb.Append("  {\n");
            sb.Append("    \"school\": { \"id\": \"GEN-").Append(n).Append("\", \"name\": \"天津市和平区示例小学").Append(n)
              .Append("\", \"district\": \"和平区\", \"stage\": \"primary\", \"location\": \"urban\", \"ownership\": \"public\", \"boarding\": false, \"students\": ")
              .Append((1000 + i % 900).ToString(CultureInfo.InvariantCulture)).Append(", \"staff\": 120 },\n");
            sb.Append("    \"service\": {\n");
            sb.Append("      \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],\n");
            sb.Append("      \"dismissal\": \"15:40\",\n");
            sb.Append("      \"segments\": [\n");
            sb.Append("        { \"name\": \"作业辅导\", \"kind\": \"homework\", \"start\": \"15:40\", \"end\": \"16:40\" },\n");
            sb.Append("        { \"name\": \"社团活动\", \"kind\": \"activities\", \"start\": \"16:40\", \"end\": \"17:40\" },\n");
            sb.Append("        { \"name\": \"延时托管\", \"kind\": \"late_care\", \"start\": \"17:40\", \"end\": \"18:30\" }\n");
            sb.Append("      ],\n");
            sb.Append("      \"period_minutes\": 40, \"flexible_departure\": true, \"evening_study\": null\n");
            sb.Append("    },\n");
            sb.Append("    \"fees\": [ { \"item\": \"课后服务费\", \"amount\": 180, \"per\": \"month\", \"segment\": null } ],\n");
            sb.Append("    \"waivers\": [ \"other_hardship\", \"minimum_living\" ],\n");
            sb.Append("    \"refund\": \"prorated\",\n");
            sb.Append("    \"participation\": { \"voluntary\": true, \"written_application\": true, \"agreement_signed\": true, \"participants\": 1620,\n");
            sb.Append("      \"by_grade\": { \"1\": 300, \"2\": 290, \"3\": 280, \"4\": 270, \"5\": 250, \"6\": 230 } },\n");
            sb.Append("    \"activities\": [ { \"name\": \"作业辅导\", \"kind\": \"homework\" }, { \"name\": \"篮球\", \"kind\": \"sports\" } ],\n");
            sb.Append("    \"providers\": [ { \"kind\": \"in_service_teacher\", \"count\": 110, \"pay_per_period\": 70 } ],\n");
            sb.Append("    \"finance\": { \"fee_revenue\": 2916000, \"subsidy\": 0, \"staff_pay\": 2300000 },\n");
            sb.Append("    \"insurance\": { \"school_liability\": true, \"staff_accident\": true },\n");
            sb.Append("    \"disclosure\": { \"published\": true, \"semester_report\": true }\n");
            sb.Append("  }");
        }
        sb.Append("\n]\n");
        return sb.ToString();
    }
}
