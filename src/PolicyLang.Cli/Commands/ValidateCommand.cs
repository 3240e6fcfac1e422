using System.Text.Json;
using PolicyLang.Cli.Output;
using PolicyLang.Evaluation;
using PolicyLang.Tooling;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policyc validate POLICY PLAN.json... [--format json] [--explain]</c>: checks plans with the compiled validator
/// (or the interpreter); exit 0 when all comply, 1 when any breaks a rule, 2 for bad input.
/// </summary>
public static class ValidateCommand
{
    public static int Run(string policyPath, IReadOnlyList<string> plans, string format, bool explain, string engine, string? asOfText,
        Language language, TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout)
    {
        var asOf = PolicyInput.ParseDate(asOfText, stderr, out var dateOk);
        if (!dateOk) return 2;
        var (compilations, exit) = PolicyInput.Load(new[] { policyPath }, language, stderr, errorsAreBadInput: true);
        if (exit is { } code) return code;
        var policy = compilations[0].Policy;
        var date = asOf ?? DateTime.Today;

        // Every plan is read before any is checked: bad input is exit 2 with nothing validated.
        var loaded = new List<(string Path, SchoolPlan Plan)>();
        var problems = new List<string>();
        foreach (var path in plans)
        {
            var result = PlanDocuments.LoadFile(path, language);
            if (result.Plan is null) problems.AddRange(result.Errors);
            else loaded.Add((path, result.Plan));
        }
        if (problems.Count > 0)
        {
            foreach (var p in problems) stderr.WriteLine(p);
            return 2;
        }

        IPlanValidator validator = engine == "interpreter"
            ? new PolicyInterpreter(policy, date)
            : CompiledPolicy.Compile(policy, policyPath).CreateValidator(date);
        var interpreter = explain ? new PolicyInterpreter(policy, date) : null;

        var reports = loaded.Select(l => (l.Path, l.Plan, Report: validator.Validate(l.Plan))).ToList();
        if (format == "json")
        {
            using var stream = rawStdout();
            WriteJson(stream, reports.Select(r => (r.Path, r.Report)).ToList(), language);
        }
        else
        {
            foreach (var (path, plan, report) in reports)
            {
                WriteText(stdout, path, policy.Symbol.Name, report, language);
                if (interpreter is not null) WriteExplanation(stdout, interpreter, plan, language);
            }
        }
        return reports.All(r => r.Report.IsCompliant) ? 0 : 1;
    }

    private static void WriteText(TextWriter w, string path, string policy, ValidationReport report, Language language)
    {
        var zh = language == Language.Chinese;
        if (!report.Applies)
        {
            w.WriteLine(zh ? $"{path}：政策 {policy} 不适用于该校" : $"{path}: policy {policy} does not apply to this school");
            return;
        }
        if (report.Violations.Count == 0)
        {
            w.WriteLine(zh ? $"{path}：符合 {policy}" : $"{path}: complies with {policy}");
            return;
        }
        var errors = report.Violations.Count(v => v.Severity == Severity.Error);
        w.WriteLine(zh
            ? $"{path}：违反 {policy} 的规则 {errors} 处{(report.Violations.Count > errors ? $"，警告 {report.Violations.Count - errors} 处" : string.Empty)}"
            : $"{path}: {errors} violation{(errors == 1 ? "" : "s")} of {policy}{(report.Violations.Count > errors ? $", {report.Violations.Count - errors} warning{(report.Violations.Count - errors == 1 ? "" : "s")}" : string.Empty)}");
        foreach (var v in report.Violations)
        {
            var severity = v.Severity == Severity.Error ? (zh ? "错误" : "error") : (zh ? "警告" : "warning");
            var clause = v.Citation is null ? string.Empty : zh ? $"（依据 {v.Citation}）" : $" (§ {v.Citation})";
            w.WriteLine($"  {severity} {v.RuleId}{clause}: {v.Message(language)}");
        }
    }

    private static void WriteExplanation(TextWriter w, PolicyInterpreter interpreter, SchoolPlan plan, Language language)
    {
        var zh = language == Language.Chinese;
        var traces = interpreter.Explain(plan, out var applies);
        if (!applies) w.WriteLine(zh ? "  （政策的适用条件对该校不成立，未检查任何规则）" : "  (the policy's 'applies' does not hold for this school; no rule was checked)");
        foreach (var group in traces.GroupBy(t => t.Rule.Id))
        {
            var rule = group.First().Rule;
            var clause = rule.Citation is null ? string.Empty : zh ? $" 依据 {rule.Citation}" : $" § {rule.Citation}";
            w.WriteLine($"  {rule.Id}{clause} — {rule.Description(language)}");
            foreach (var t in group)
            {
                var mark = t.Outcome switch
                {
                    RuleOutcome.Held => zh ? "✓ 满足" : "✓ held",
                    RuleOutcome.Broken => zh ? "✗ 违反" : "✗ broken",
                    _ => zh ? "– 不适用" : "– not applicable",
                };
                var parts = new List<string>();
                if (t.Subject is { } s) parts.Add((zh ? "对象 " : "for ") + s.Text(language));
                if (t.Actual is { } a) parts.Add((zh ? "实际 " : "found ") + a.Text(language));
                if (t.Limit is { } l) parts.Add((zh ? "限值 " : "limit ") + l.Text(language));
                w.WriteLine($"      {mark}{(parts.Count > 0 ? ": " + string.Join(zh ? "；" : "; ", parts) : string.Empty)}");
            }
        }
    }

    private static void WriteJson(Stream stream, IReadOnlyList<(string Path, ValidationReport Report)> reports, Language language)
    {
        using var json = new Utf8JsonWriter(stream, DiagnosticWriter.JsonOptions);
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var (path, report) in reports)
        {
            json.WriteStartObject();
            json.WriteString("plan", path);
            json.WriteBoolean("compliant", report.IsCompliant);
            json.WriteBoolean("applies", report.Applies);
            json.WriteStartArray("violations");
            foreach (var v in report.Violations)
            {
                json.WriteStartObject();
                json.WriteString("rule", v.RuleId);
                json.WriteString("code", v.Code);
                if (v.Citation is null) json.WriteNull("citation");
                else json.WriteString("citation", v.Citation);
                json.WriteString("message", v.Message(language));
                if (v.Actual is { } a) json.WriteString("actual", a.Text(language));
                else json.WriteNull("actual");
                if (v.Limit is { } l) json.WriteString("limit", l.Text(language));
                else json.WriteNull("limit");
                json.WriteString("severity", v.Severity == Severity.Error ? "error" : "warning");
                if (v.Subject is { } s) json.WriteString("subject", s.Text(language));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
